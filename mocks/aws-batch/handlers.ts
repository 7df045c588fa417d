import type { MockReply, OperationHandler } from '../../src/index';
import {
  fault,
  fromBase64Url,
  isCancellable,
  isTerminal,
  jsonReply,
  newJob,
  toBase64Url,
} from '../../src/index';
import type { components } from '../../specs/aws-batch/types.gen';
import { jobDetail, jobSummary } from './job-view';
import type { AwsBatchState } from './machine';
import type { BatchCall, BatchJob, BatchJobData } from './types';

type Schemas = components['schemas'];
type Handler = OperationHandler<AwsBatchState, BatchJobData>;

/** A 200 rest-json reply with the request id header AWS always sends. */
function ok(body: unknown): MockReply {
  const reply = jsonReply(200, body);
  reply.headers['x-amzn-requestid'] = crypto.randomUUID();
  return reply;
}

const submitJob: Handler = (call) => {
  const input = call.body as Schemas['SubmitJobRequest'];
  const data: BatchJobData = {
    jobName: input.jobName,
    jobQueue: input.jobQueue,
    jobDefinition: input.jobDefinition,
    ...(input.parameters ? { parameters: input.parameters } : {}),
    ...(input.tags ? { tags: input.tags } : {}),
  };
  const job = call.jobs.add(
    newJob(call.newJobId(), 'SUBMITTED', call.now(), data, { owner: call.principal.subject }),
  );
  const { jobArn, jobName, jobId } = jobDetail(job);
  return ok({ jobArn, jobName, jobId } satisfies Schemas['SubmitJobResponse']);
};

/** Unknown ids are left out of the reply, as AWS does. */
const describeJobs: Handler = (call) => {
  const { jobs } = call.body as Schemas['DescribeJobsRequest'];
  const found = jobs.map((id) => call.jobs.get(id)).filter((job): job is BatchJob => job !== undefined);
  return ok({ jobs: found.map(jobDetail) } satisfies Schemas['DescribeJobsResponse']);
};

/** With no jobStatus and no filters, ListJobs lists RUNNING jobs only (the model's documentation). */
const listJobs: Handler = (call) => {
  const input = call.body as Schemas['ListJobsRequest'];
  const scopes = [input.jobQueue, input.arrayJobId, input.multiNodeJobId].filter((s) => s !== undefined);
  if (scopes.length > 1)
    throw fault('BadRequest', 'Specify only one of jobQueue, arrayJobId or multiNodeJobId');
  const nameFilter = input.filters?.find((f) => f.name === 'JOB_NAME')?.values?.[0];
  const status = input.filters?.length ? undefined : (input.jobStatus ?? 'RUNNING');
  const start = decodeToken(input.nextToken);
  const max = input.maxResults ?? 100;
  const matches: BatchJob[] = [];
  for (const job of call.jobs.scan()) {
    if (input.jobQueue !== undefined && job.data.jobQueue !== input.jobQueue) continue;
    if (status !== undefined && job.state !== status) continue;
    if (nameFilter !== undefined && !nameMatches(job.data.jobName, nameFilter)) continue;
    matches.push(job);
  }
  const page = matches.slice(start, start + max);
  const next = start + max < matches.length ? encodeToken(start + max) : undefined;
  return ok({ jobSummaryList: page.map(jobSummary), ...(next ? { nextToken: next } : {}) });
};

/** The job a cancel or terminate names; an unknown id is a ClientException in the documented profile, 200 upstream. */
function namedJob(call: BatchCall, jobId: string): BatchJob | undefined {
  const job = call.jobs.get(jobId);
  if (!job && call.profile === 'documented') throw fault('NotFound', `Job ${jobId} not found`);
  return job;
}

/**
 * SUBMITTED, PENDING, RUNNABLE → FAILED with the reason and isCancelled; any other state is left as it is and
 * the call still succeeds.
 */
const cancelJob: Handler = (call) => {
  const { jobId, reason } = call.body as Schemas['CancelJobRequest'];
  const job = namedJob(call, jobId);
  if (job && isCancellable(call.jobs.machine, job.state)) {
    call.jobs.move(job, 'FAILED', { note: reason, data: { statusReason: reason, isCancelled: true } });
  }
  return ok({});
};

/** Ends any unfinished job: FAILED with isTerminated (and isCancelled when it had not started). */
const terminateJob: Handler = (call) => {
  const { jobId, reason } = call.body as Schemas['TerminateJobRequest'];
  const job = namedJob(call, jobId);
  if (job && !isTerminal(call.jobs.machine, job.state)) {
    const cancelled = isCancellable(call.jobs.machine, job.state);
    call.jobs.move(job, 'FAILED', {
      note: reason,
      data: { statusReason: reason, isTerminated: true, ...(cancelled ? { isCancelled: true } : {}) },
    });
  }
  return ok({});
};

function nameMatches(name: string, pattern: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

function encodeToken(offset: number): string {
  return toBase64Url(JSON.stringify({ offset }));
}

function decodeToken(token: string | undefined): number {
  if (token === undefined) return 0;
  try {
    const { offset } = JSON.parse(fromBase64Url(token)) as { offset: unknown };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through to the ClientException below
  }
  throw fault('BadRequest', 'The nextToken is not valid');
}

export const handlers = {
  SubmitJob: submitJob,
  DescribeJobs: describeJobs,
  ListJobs: listJobs,
  CancelJob: cancelJob,
  TerminateJob: terminateJob,
} as const;
