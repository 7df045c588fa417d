import type { OperationHandler } from '../../src/index';
import { fault } from '../../src/index';
import type { components } from '../../specs/aws-batch/types.gen';
import { jobArn } from './job-view';
import { jobDetail } from './job-view';
import { cancelJob, terminateJob } from './job-ending';
import { listJobs } from './list-jobs';
import type { AwsBatchState } from './machine';
import { ok, viewOf } from './reply';
import type { BatchResource } from './resources';
import { submitJob } from './submit-job';
import type { BatchCall, BatchJob, BatchJobData } from './types';
import { regionOf } from './arns';

type Schemas = components['schemas'];
type Handler = OperationHandler<AwsBatchState, BatchJobData, BatchResource>;

const submit: Handler = (call) => {
  const { jobId, jobName } = submitJob(call);
  return ok(call, {
    jobArn: jobArn(regionOf(call.request), jobId),
    jobName,
    jobId,
  } satisfies Schemas['SubmitJobResponse']);
};

/** Unknown ids are left out of the reply, as AWS does. */
const describe: Handler = (call) => {
  const { jobs } = call.body as Schemas['DescribeJobsRequest'];
  const view = viewOf(call);
  const found = jobs.map((id) => call.jobs.get(id)).filter((job): job is BatchJob => job !== undefined);
  return ok(call, {
    jobs: found.map((job) => jobDetail(job, view)),
  } satisfies Schemas['DescribeJobsResponse']);
};

/** The job a cancel or terminate names; an unknown id is a ClientException in the documented profile, 200 upstream. */
function namedJob(call: BatchCall, jobId: string): BatchJob | undefined {
  const job = call.jobs.get(jobId);
  if (!job && call.profile === 'documented') throw fault('NotFound', `Job ${jobId} not found`);
  return job;
}

/** SUBMITTED, PENDING, RUNNABLE → FAILED with the reason and isCancelled; other states stay, the call succeeds. */
const cancel: Handler = (call) => {
  const { jobId, reason } = call.body as Schemas['CancelJobRequest'];
  const job = namedJob(call, jobId);
  if (job) cancelJob(call, job, reason);
  return ok(call, {});
};

/** Ends any unfinished job: FAILED with isTerminated (and isCancelled when it had not started). */
const terminate: Handler = (call) => {
  const { jobId, reason } = call.body as Schemas['TerminateJobRequest'];
  const job = namedJob(call, jobId);
  if (job) terminateJob(call, job, reason);
  return ok(call, {});
};

export const jobHandlers = {
  SubmitJob: submit,
  DescribeJobs: describe,
  ListJobs: listJobs,
  CancelJob: cancel,
  TerminateJob: terminate,
} as const;
