import type { CallContext, Job, JobSeed } from '../../src/index';
import { newJob } from '../../src/index';
import type { components } from '../../specs/aws-batch/types.gen';
import type { AwsBatchState } from './machine';
import { machine } from './machine';

type JobDetail = components['schemas']['JobDetail'];
type JobSummary = components['schemas']['JobSummary'];

/** What the store keeps of a job; status and times come from its state and history. */
export interface BatchJobData {
  jobName: string;
  jobQueue: string;
  jobDefinition: string;
  statusReason?: string;
  isCancelled?: boolean;
  isTerminated?: boolean;
  parameters?: Record<string, string>;
  tags?: Record<string, string>;
}

export type BatchJob = Job<AwsBatchState, BatchJobData>;
export type BatchContext = CallContext<AwsBatchState, BatchJobData>;

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

export const DEFAULT_QUEUE = 'demo-queue';
export const DEFAULT_DEFINITION = 'demo-definition:1';

export function jobArn(id: string): string {
  return `arn:aws:batch:${REGION}:${ACCOUNT}:job/${id}`;
}

/** When the job entered a state, if it did. */
function enteredAt(job: BatchJob, state: AwsBatchState): number | undefined {
  return job.history.find((h) => h.state === state)?.at;
}

function times(job: BatchJob) {
  const createdAt = job.history[0]!.at;
  const startedAt = enteredAt(job, 'RUNNING') ?? createdAt;
  const stoppedAt = machine.terminal.includes(job.state)
    ? job.history[job.history.length - 1]!.at
    : undefined;
  return { createdAt, startedAt, stoppedAt };
}

/** The job as DescribeJobs shows it (JobDetail). `startedAt` is required by the model; see the spec. */
export function jobDetail(job: BatchJob): JobDetail {
  const { createdAt, startedAt, stoppedAt } = times(job);
  const d = job.data;
  return {
    jobArn: jobArn(job.id),
    jobName: d.jobName,
    jobId: job.id,
    jobQueue: d.jobQueue,
    status: job.state,
    ...(d.statusReason === undefined ? {} : { statusReason: d.statusReason }),
    createdAt,
    startedAt,
    ...(stoppedAt === undefined ? {} : { stoppedAt }),
    jobDefinition: d.jobDefinition,
    ...(d.parameters ? { parameters: d.parameters } : {}),
    ...(d.tags ? { tags: d.tags } : {}),
    ...(d.isCancelled ? { isCancelled: true } : {}),
    ...(d.isTerminated ? { isTerminated: true } : {}),
  };
}

/** The job as ListJobs shows it (JobSummary). */
export function jobSummary(job: BatchJob): JobSummary {
  const { createdAt, startedAt, stoppedAt } = times(job);
  return {
    jobArn: jobArn(job.id),
    jobId: job.id,
    jobName: job.data.jobName,
    createdAt,
    status: job.state,
    ...(job.data.statusReason === undefined ? {} : { statusReason: job.data.statusReason }),
    ...(job.state === 'RUNNING' || stoppedAt !== undefined ? { startedAt } : {}),
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
 * A job in exactly the seed's state. A FAILED seed is a cancelled job unless `fields` say otherwise,
 * so admin-created jobs look like the ones CancelJob makes.
 */
export function seedBatchJob(seed: JobSeed<AwsBatchState>, context: BatchContext): BatchJob {
  const fields = (seed.fields ?? {}) as Partial<BatchJobData>;
  const data: BatchJobData = {
    jobName: fields.jobName ?? DEMO_NAMES[seed.state],
    jobQueue: fields.jobQueue ?? DEFAULT_QUEUE,
    jobDefinition: fields.jobDefinition ?? DEFAULT_DEFINITION,
    ...(seed.state === 'FAILED'
      ? {
          statusReason: fields.statusReason ?? 'Cancelled by the demo data',
          isCancelled: fields.isCancelled ?? true,
        }
      : {}),
    ...(seed.state === 'SUCCEEDED' ? { statusReason: 'Essential container in task exited' } : {}),
  };
  return newJob(seed.id ?? context.newJobId(), seed.state, context.now(), data, { owner: seed.owner });
}
