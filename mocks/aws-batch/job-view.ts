import type { JobSeed, StoredJob } from '../../src/index';
import { createdAt, enteredAt, firstEntered, isTerminal, seededJob } from '../../src/index';
import type { components } from '../../specs/aws-batch/types.gen';
import { ACCOUNT, arnOf, DEFAULT_REGION } from './arns';
import { demoResources, DEMO_CONTAINER, DEMO_DEFINITION, DEMO_QUEUE } from './demo-resources';
import { placesOf } from './job-gate';
import type { AwsBatchState } from './machine';
import { machine } from './machine';
import type { BatchContext, BatchJob, BatchJobData } from './types';

type Schemas = components['schemas'];
type JobDetail = Schemas['JobDetail'];
type JobSummary = Schemas['JobSummary'];

/** What a view of a job needs besides the job: the caller's region, and the other jobs (for an array's children). */
export interface JobViewContext {
  readonly region: string;
  readonly jobs?: { get(id: string): BatchJob | undefined };
}

export function jobArn(region: string, id: string): string {
  return arnOf(region, 'job', id);
}

/** What a job that ran to SUCCEEDED says (the essential container exited 0). */
export const SUCCEEDED_REASON = 'Essential container in task exited';

/** Why the job is in its state: a call's or the seed's reason, its last move's note, or what success says. */
function statusReason(job: BatchJob): string | undefined {
  if (job.data.statusReason !== undefined) return job.data.statusReason;
  if (job.state === 'FAILED') return job.history[job.history.length - 1]?.note;
  return job.state === 'SUCCEEDED' ? SUCCEEDED_REASON : undefined;
}

/** Whether a CancelJob ended it (at once, or once its dependencies had finished). */
function isCancelled(job: BatchJob): boolean {
  return job.data.isCancelled === true || (job.state === 'FAILED' && job.data.cancelRequested !== undefined);
}

/** The ECS task a job ran as (from STARTING on), named after the job (its hex digits). */
function task(job: BatchJob, region: string) {
  const id = (job.id.split('-').join('') + '0'.repeat(32)).slice(0, 32).toLowerCase();
  const cluster = `${job.data.jobQueue}_Batch`;
  return {
    taskArn: `arn:aws:ecs:${region}:${ACCOUNT}:task/${cluster}/${id}`,
    containerInstanceArn: `arn:aws:ecs:${region}:${ACCOUNT}:container-instance/${cluster}/${id}`,
    logStreamName: `${job.data.jobDefinition.split(':')[0]}/default/${id}`,
  };
}

/** How the container ended, for a job that stopped after it ran: exit code and reason. */
function exit(job: BatchJob, started: number | undefined): { exitCode: number; reason?: string } | undefined {
  if (started === undefined || !isTerminal(machine, job.state)) return undefined;
  if (job.state === 'SUCCEEDED') return { exitCode: 0 };
  if (job.data.isTerminated) return { exitCode: 137, reason: job.data.statusReason ?? 'Terminated' };
  return { exitCode: 1, reason: SUCCEEDED_REASON };
}

/** The container of a job: what it runs, and (once it started) its task, log stream and exit. */
function container(job: BatchJob, region: string, started: number | undefined): Schemas['ContainerDetail'] {
  const base = job.data.container ?? DEMO_CONTAINER;
  if (started === undefined && firstEntered(job, 'STARTING') === undefined) return base;
  const { taskArn, containerInstanceArn, logStreamName } = task(job, region);
  const detail: Schemas['ContainerDetail'] = Object.assign({}, base, { taskArn, containerInstanceArn });
  if (started !== undefined) detail.logStreamName = logStreamName;
  return Object.assign(detail, exit(job, started));
}

/** The job's attempts: one, once it ran and stopped. */
function attempts(job: BatchJob, region: string, started: number | undefined): Schemas['AttemptDetail'][] {
  const ended = exit(job, started);
  if (!ended || job.data.nodes) return [];
  const { taskArn, containerInstanceArn, logStreamName } = task(job, region);
  const attempt: Schemas['AttemptDetail'] = {
    container: Object.assign({ taskArn, containerInstanceArn, logStreamName, networkInterfaces: [] }, ended),
    startedAt: started!,
    stoppedAt: enteredAt(job),
  };
  const reason = statusReason(job);
  if (reason !== undefined) attempt.statusReason = reason;
  return [attempt];
}

/** An array parent's children by status (all seven, zeros too), and when the last of them moved. */
function statusSummary(job: BatchJob, view: JobViewContext) {
  if (!job.data.arraySize || !view.jobs) return {};
  const counts = Object.fromEntries(machine.states.map((s) => [s, 0])) as Record<string, number>;
  let last = createdAt(job);
  for (const id of placesOf(job.id, ':', job.data.arraySize)) {
    const child = view.jobs.get(id);
    if (!child) continue;
    counts[child.state]!++;
    last = Math.max(last, enteredAt(child));
  }
  return { statusSummary: counts, statusSummaryLastUpdatedAt: last };
}

function arrayProperties(job: BatchJob, view: JobViewContext) {
  const d = job.data;
  if (d.arraySize) return { size: d.arraySize, ...statusSummary(job, view) };
  if (d.place?.kind === 'child') return { index: d.place.index };
  return undefined;
}

function definitionArn(region: string, definition: string): string {
  return arnOf(region, 'job-definition', definition);
}

/**
 * The job as DescribeJobs shows it (JobDetail): ARNs in the caller's region. `startedAt` is required by the model.
 * Built field by field rather than with conditional spreads: the admin API shows a thousand of these a page.
 */
export function jobDetail(job: BatchJob, view: JobViewContext = { region: DEFAULT_REGION }): JobDetail {
  const d = job.data;
  const created = createdAt(job);
  const started = firstEntered(job, 'RUNNING');
  const region = view.region;
  const detail: JobDetail = {
    jobArn: jobArn(region, job.id),
    jobName: d.jobName,
    jobId: job.id,
    jobQueue: arnOf(region, 'job-queue', d.jobQueue),
    status: job.state,
    attempts: attempts(job, region, started),
    createdAt: created,
    startedAt: started ?? created,
    dependsOn: d.dependsOn ?? [],
    jobDefinition: definitionArn(region, d.jobDefinition),
    parameters: d.parameters ?? {},
    platformCapabilities: d.platformCapabilities ?? ['EC2'],
  };
  const reason = statusReason(job);
  if (reason !== undefined) detail.statusReason = reason;
  if (isTerminal(machine, job.state)) detail.stoppedAt = enteredAt(job);
  if (d.shareIdentifier !== undefined) detail.shareIdentifier = d.shareIdentifier;
  if (d.schedulingPriority !== undefined) detail.schedulingPriority = d.schedulingPriority;
  if (d.retryStrategy) detail.retryStrategy = d.retryStrategy;
  if (d.nodes) detail.nodeProperties = d.nodeProperties;
  else detail.container = container(job, region, started);
  if (d.place?.kind === 'node')
    detail.nodeDetails = { nodeIndex: d.place.index, isMainNode: d.place.main === true };
  const array = arrayProperties(job, view);
  if (array) detail.arrayProperties = array;
  if (d.timeout) detail.timeout = d.timeout;
  if (d.tags) detail.tags = d.tags;
  if (d.propagateTags !== undefined) detail.propagateTags = d.propagateTags;
  if (isCancelled(job)) detail.isCancelled = true;
  if (d.isTerminated) detail.isTerminated = true;
  return detail;
}

/** The job as ListJobs shows it (JobSummary): `startedAt` only once it started. */
export function jobSummary(job: BatchJob, view: JobViewContext): JobSummary {
  const d = job.data;
  const started = firstEntered(job, 'RUNNING');
  const summary: JobSummary = {
    jobArn: jobArn(view.region, job.id),
    jobId: job.id,
    jobName: d.jobName,
    createdAt: createdAt(job),
    status: job.state,
    jobDefinition: definitionArn(view.region, d.jobDefinition),
  };
  const reason = statusReason(job);
  if (reason !== undefined) summary.statusReason = reason;
  if (d.shareIdentifier !== undefined) summary.shareIdentifier = d.shareIdentifier;
  if (started !== undefined) summary.startedAt = started;
  if (isTerminal(machine, job.state)) summary.stoppedAt = enteredAt(job);
  const ended = exit(job, started);
  if (ended) summary.container = ended;
  const array = arrayProperties(job, view);
  if (array) summary.arrayProperties = array;
  if (d.place?.kind === 'node')
    summary.nodeProperties = {
      nodeIndex: d.place.index,
      isMainNode: d.place.main === true,
      numNodes: d.place.of,
    };
  if (d.nodes) summary.nodeProperties = { numNodes: d.nodes.count };
  return summary;
}

/** `demo-runnable` and so on: one string per state, shared by every seeded job (a seed may hold a million). */
const DEMO_NAMES = Object.fromEntries(machine.states.map((s) => [s, `demo-${s.toLowerCase()}`])) as Record<
  AwsBatchState,
  string
>;

/**
 * A job in exactly the seed's state, with a history that ran there, in the demo queue with the demo definition
 * (which the session gets, if it has not got them). A FAILED seed is a job cancelled while RUNNABLE unless
 * `fields` say `isCancelled: false` (then it failed while RUNNING), so admin-created jobs look like the ones
 * CancelJob makes.
 */
export function seedBatchJob(
  seed: JobSeed<AwsBatchState>,
  context: BatchContext,
): StoredJob<AwsBatchState, BatchJobData> {
  const fields = (seed.fields ?? {}) as Partial<BatchJobData>;
  const cancelled = seed.state === 'FAILED' && fields.isCancelled !== false;
  const data: BatchJobData = {
    jobName: fields.jobName ?? DEMO_NAMES[seed.state],
    jobQueue: fields.jobQueue ?? DEMO_QUEUE,
    jobDefinition: fields.jobDefinition ?? DEMO_DEFINITION,
    ...(seed.state === 'FAILED'
      ? {
          statusReason: fields.statusReason ?? 'Cancelled by the demo data',
          ...(cancelled ? { isCancelled: true } : {}),
        }
      : {}),
  };
  if (data.jobQueue === DEMO_QUEUE || data.jobDefinition === DEMO_DEFINITION) demoResources(context);
  return seededJob(machine, seed.id ?? context.newJobId(), seed.state, context.now(), data, {
    owner: seed.owner,
    via: cancelled ? 'RUNNABLE' : undefined,
  });
}
