import type { MockReply } from '../../src/index';
import { createdAt, fault } from '../../src/index';
import type { components } from '../../specs/aws-batch/types.gen';
import { nameIn } from './arns';
import { placesOf } from './job-gate';
import { jobSummary } from './job-view';
import type { KeyOrder, PageKey } from './page-token';
import { ASCENDING, DESCENDING, pageOf } from './page-token';
import { ok, viewOf } from './reply';
import { definitionRef, findQueue } from './resources';
import type { BatchCall, BatchJob } from './types';

type Schemas = components['schemas'];
type Filter = Schemas['KeyValuesPair'];

/** The most jobs one page holds: with a status (or neither), and with filters (the model's maxResults text). */
export const PAGE_SIZE = 1000;
export const FILTERED_PAGE_SIZE = 100;

const FILTERS = ['JOB_NAME', 'JOB_DEFINITION', 'BEFORE_CREATED_AT', 'AFTER_CREATED_AT', 'SHARE_IDENTIFIER'];

/** The one filter of a request, checked: a known name, one value. */
function filterOf(filters: readonly Filter[] | undefined): { name: string; value: string } | undefined {
  if (!filters?.length) return undefined;
  if (filters.length > 1) throw fault('BadRequest', 'Only one filter can be used at a time');
  const [{ name, values }] = filters as [Filter];
  if (name === undefined || !FILTERS.includes(name))
    throw fault('BadRequest', `Unknown filter ${name ?? '(none)'}; filters: ${FILTERS.join(', ')}`);
  if (values?.length !== 1) throw fault('BadRequest', `Filter ${name} takes exactly one value`);
  const value = values[0]!;
  if ((name === 'BEFORE_CREATED_AT' || name === 'AFTER_CREATED_AT') && !/^\d+$/.test(value))
    throw fault('BadRequest', `Filter ${name} takes a time in milliseconds since the epoch, not "${value}"`);
  return { name, value };
}

/** `test1` matches Test1 and test1; `test1*` matches any name that begins so (in any case). */
function nameMatches(name: string, pattern: string): boolean {
  const wanted = pattern.toLowerCase();
  const actual = name.toLowerCase();
  return wanted.endsWith('*') ? actual.startsWith(wanted.slice(0, -1)) : actual === wanted;
}

/** A name matches every revision, `name*` names that begin so, an ARN with its revision that revision. */
function definitionMatches(definition: string, value: string): boolean {
  const [name] = definition.split(':');
  if (value.startsWith('arn:')) return nameIn(value, 'job-definition') === definition;
  if (value.endsWith('*')) return name!.startsWith(value.slice(0, -1));
  const ref = definitionRef(value);
  return ref?.revision === undefined ? name === value : definition === value;
}

function matches(job: BatchJob, filter: { name: string; value: string }): boolean {
  switch (filter.name) {
    case 'JOB_NAME':
      return nameMatches(job.data.jobName, filter.value);
    case 'JOB_DEFINITION':
      return definitionMatches(job.data.jobDefinition, filter.value);
    case 'BEFORE_CREATED_AT':
      return createdAt(job) < Number(filter.value);
    case 'AFTER_CREATED_AT':
      return createdAt(job) > Number(filter.value);
    default:
      return job.data.shareIdentifier === filter.value;
  }
}

/** The jobs of the request's one scope, and the order they are listed in. */
function scoped(
  call: BatchCall,
  input: Schemas['ListJobsRequest'],
): { jobs: BatchJob[]; order: KeyOrder; key: (job: BatchJob) => PageKey } {
  const scopes = [input.jobQueue, input.arrayJobId, input.multiNodeJobId].filter((s) => s !== undefined);
  if (scopes.length !== 1)
    throw fault('BadRequest', 'Specify one, and only one, of jobQueue, arrayJobId or multiNodeJobId');
  if (input.jobQueue !== undefined) {
    const queue = findQueue(call.data, input.jobQueue);
    if (!queue && call.profile === 'upstream')
      throw fault('BadRequest', `JobQueue ${input.jobQueue} not found.`);
    const name = queue?.name ?? nameIn(input.jobQueue, 'job-queue');
    const jobs: BatchJob[] = [];
    for (const job of call.jobs.scan()) if (job.data.jobQueue === name && !job.data.place) jobs.push(job);
    // Newest first; jobs made at the same virtual time newest first too (ids grow with each job).
    return { jobs, order: DESCENDING, key: (job) => [createdAt(job), job.id] };
  }
  const [id, mark, count] =
    input.arrayJobId !== undefined
      ? [input.arrayJobId, ':' as const, (job: BatchJob) => job.data.arraySize]
      : [input.multiNodeJobId!, '#' as const, (job: BatchJob) => job.data.nodes?.count];
  const parent = call.jobs.get(id);
  const size = parent ? (count(parent) ?? 0) : 0;
  const jobs = placesOf(id, mark, size)
    .map((part) => call.jobs.get(part))
    .filter((part): part is BatchJob => part !== undefined);
  return { jobs, order: ASCENDING, key: (job) => [job.data.place!.index, ''] };
}

/**
 * ListJobs as the model documents it: one scope; RUNNING jobs unless a status or a filter says otherwise; one
 * filter; newest first; pages of at most 1000 (100 with filters) with key-based tokens.
 */
export function listJobs(call: BatchCall): MockReply {
  const input = call.body as Schemas['ListJobsRequest'];
  const filter = filterOf(input.filters);
  const { jobs, order, key } = scoped(call, input);
  const status =
    filter && filter.name !== 'SHARE_IDENTIFIER'
      ? undefined
      : (input.jobStatus ?? (filter ? undefined : 'RUNNING'));
  const cap = filter ? FILTERED_PAGE_SIZE : PAGE_SIZE;
  const size = Math.min(input.maxResults ?? cap, cap);
  const found = jobs.filter(
    (job) => (status === undefined || job.state === status) && (!filter || matches(job, filter)),
  );
  const { page, nextToken } = pageOf(found, key, order, size, input.nextToken);
  const view = viewOf(call);
  return ok(call, {
    jobSummaryList: page.map((job) => jobSummary(job, view)),
    ...(nextToken ? { nextToken } : {}),
  } satisfies Schemas['ListJobsResponse']);
}
