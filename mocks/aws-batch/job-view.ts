import type { JobSeed, StoredJob } from '../../src/index';
import { createdAt, enteredAt, firstEntered, isTerminal, seededJob } from '../../src/index';
import type { components } from '../../specs/aws-batch/types.gen';
import type { AwsBatchState } from './machine';
import { machine } from './machine';
import type { BatchContext, BatchJob, BatchJobData } from './types';

type JobDetail = components['schemas']['JobDetail'];
type JobSummary = components['schemas']['JobSummary'];

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

export const DEFAULT_QUEUE = 'demo-queue';
export const DEFAULT_DEFINITION = 'demo-definition:1';

export function jobArn(id: string): string {
  return `arn:aws:batch:${REGION}:${ACCOUNT}:job/${id}`;
}

/** What a job that ran to SUCCEEDED says (the essential container exited 0). */
export const SUCCEEDED_REASON = 'Essential container in task exited';

/** Why the job is in its state: the reason a call or the seed gave, or what a job that succeeded says. */
function statusReason(job: BatchJob): string | undefined {
  return job.data.statusReason ?? (job.state === 'SUCCEEDED' ? SUCCEEDED_REASON : undefined);
}

function times(job: BatchJob) {
  const created = createdAt(job);
  const startedAt = firstEntered(job, 'RUNNING');
  const stoppedAt = isTerminal(machine, job.state) ? enteredAt(job) : undefined;
  return { createdAt: created, startedAt, stoppedAt };
}

/** The job as DescribeJobs shows it (JobDetail). `startedAt` is required by the model; see the spec. */
export function jobDetail(job: BatchJob): JobDetail {
  const { createdAt: created, startedAt, stoppedAt } = times(job);
  const d = job.data;
  const reason = statusReason(job);
  return {
    jobArn: jobArn(job.id),
    jobName: d.jobName,
    jobId: job.id,
    jobQueue: d.jobQueue,
    status: job.state,
    ...(reason === undefined ? {} : { statusReason: reason }),
    createdAt: created,
    startedAt: startedAt ?? created,
    ...(stoppedAt === undefined ? {} : { stoppedAt }),
    jobDefinition: d.jobDefinition,
    ...(d.parameters ? { parameters: d.parameters } : {}),
    ...(d.tags ? { tags: d.tags } : {}),
    ...(d.isCancelled ? { isCancelled: true } : {}),
    ...(d.isTerminated ? { isTerminated: true } : {}),
  };
}

/** The job as ListJobs shows it (JobSummary): `startedAt` only once it started. */
export function jobSummary(job: BatchJob): JobSummary {
  const { createdAt: created, startedAt, stoppedAt } = times(job);
  const reason = statusReason(job);
  return {
    jobArn: jobArn(job.id),
    jobId: job.id,
    jobName: job.data.jobName,
    createdAt: created,
    status: job.state,
    ...(reason === undefined ? {} : { statusReason: reason }),
    ...(startedAt === undefined ? {} : { startedAt }),
    ...(stoppedAt === undefined ? {} : { stoppedAt }),
    jobDefinition: job.data.jobDefinition,
  };
}

/** `demo-runnable` and so on: one string per state, shared by every seeded job (a seed may hold a million). */
const DEMO_NAMES = Object.fromEntries(machine.states.map((s) => [s, `demo-${s.toLowerCase()}`])) as Record<
  AwsBatchState,
  string
>;

/**
 * A job in exactly the seed's state, with a history that ran there. A FAILED seed is a job cancelled while
 * RUNNABLE unless `fields` say `isCancelled: false` (then it failed while RUNNING), so admin-created jobs look
 * like the ones CancelJob makes.
 */
export function seedBatchJob(
  seed: JobSeed<AwsBatchState>,
  context: BatchContext,
): StoredJob<AwsBatchState, BatchJobData> {
  const fields = (seed.fields ?? {}) as Partial<BatchJobData>;
  const cancelled = seed.state === 'FAILED' && fields.isCancelled !== false;
  const data: BatchJobData = {
    jobName: fields.jobName ?? DEMO_NAMES[seed.state],
    jobQueue: fields.jobQueue ?? DEFAULT_QUEUE,
    jobDefinition: fields.jobDefinition ?? DEFAULT_DEFINITION,
    ...(seed.state === 'FAILED'
      ? {
          statusReason: fields.statusReason ?? 'Cancelled by the demo data',
          ...(cancelled ? { isCancelled: true } : {}),
        }
      : {}),
  };
  return seededJob(machine, seed.id ?? context.newJobId(), seed.state, context.now(), data, {
    owner: seed.owner,
    via: cancelled ? 'RUNNABLE' : undefined,
  });
}
