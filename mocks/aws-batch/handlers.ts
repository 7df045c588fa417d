import { randomUUID } from 'node:crypto';
import type { MockReply, OperationHandler } from '../../src/index';
import { fault, isCancellable, isTerminal, jsonReply } from '../../src/index';
import type { components } from '../../specs/aws-batch/types.gen';
import type { BatchJob, BatchJobData } from './job-detail';
import { jobDetail, jobSummary } from './job-detail';
import type { AwsBatchState } from './machine';

type Schemas = components['schemas'];
type Handler = OperationHandler<AwsBatchState, BatchJobData>;

/** A 200 rest-json reply with the request id header AWS always sends. */
function ok(body: unknown): MockReply {
  const reply = jsonReply(200, body);
  reply.headers['x-amzn-requestid'] = randomUUID();
  return reply;
}

const submitJob: Handler = (call) => {
  const input = call.body as Schemas['SubmitJobRequest'];
  const job = call.jobs.add({
    id: call.newJobId(),
    state: 'SUBMITTED',
    held: false,
    owner: call.principal.subject,
    history: [{ state: 'SUBMITTED', at: call.now() }],
    data: {
      jobName: input.jobName,
      jobQueue: input.jobQueue,
      jobDefinition: input.jobDefinition,
      ...(input.parameters ? { parameters: input.parameters } : {}),
      ...(input.tags ? { tags: input.tags } : {}),
    },
  });
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
  for (const job of call.jobs.all()) {
    if (input.jobQueue !== undefined && job.data.jobQueue !== input.jobQueue) continue;
    if (status !== undefined && job.state !== status) continue;
    if (nameFilter !== undefined && !nameMatches(job.data.jobName, nameFilter)) continue;
    matches.push(job);
  }
  const page = matches.slice(start, start + max);
  const next = start + max < matches.length ? encodeToken(start + max) : undefined;
  return ok({ jobSummaryList: page.map(jobSummary), ...(next ? { nextToken: next } : {}) });
};

/**
 * SUBMITTED, PENDING, RUNNABLE → FAILED with the reason and isCancelled; any other state is left as it is and
 * the call still succeeds. An unknown id is a ClientException in the documented profile, 200 upstream.
 */
const cancelJob: Handler = (call) => {
  const { jobId, reason } = call.body as Schemas['CancelJobRequest'];
  const job = call.jobs.get(jobId);
  if (!job) {
    if (call.profile === 'upstream') return ok({});
    throw fault('NotFound', `Job ${jobId} not found`);
  }
  if (isCancellable(call.jobs.machine, job.state)) {
    job.data.statusReason = reason;
    job.data.isCancelled = true;
    call.jobs.move(job, 'FAILED', reason);
  }
  return ok({});
};

/** Ends any unfinished job: FAILED with isTerminated (and isCancelled when it had not started). */
const terminateJob: Handler = (call) => {
  const { jobId, reason } = call.body as Schemas['TerminateJobRequest'];
  const job = call.jobs.get(jobId);
  if (!job) {
    if (call.profile === 'upstream') return ok({});
    throw fault('NotFound', `Job ${jobId} not found`);
  }
  if (!isTerminal(call.jobs.machine, job.state)) {
    if (isCancellable(call.jobs.machine, job.state)) job.data.isCancelled = true;
    job.data.statusReason = reason;
    job.data.isTerminated = true;
    call.jobs.move(job, 'FAILED', reason);
  }
  return ok({});
};

function nameMatches(name: string, pattern: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeToken(token: string | undefined): number {
  if (token === undefined) return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64url').toString()) as { offset: unknown };
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
