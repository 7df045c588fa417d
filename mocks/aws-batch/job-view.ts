import type { JobSeed, StoredJob } from '../../src/index';
import { createdAt, enteredAt, firstEntered, isTerminal, seededJob } from '../../src/index';
import type { components } from '../../specs/aws-batch/types.gen';
import { arnOf, DEFAULT_REGION } from './arns';
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

function times(job: BatchJob) {
  return {
    created: createdAt(job),
    started: firstEntered(job, 'RUNNING'),
    stopped: isTerminal(machine, job.state) ? enteredAt(job) : undefined,
  };
}

/** The ECS task a job ran as (from STARTING on), named after the job. */
function task(job: BatchJob, region: string) {
  const id = job.id
    .replace(/[^0-9a-f]/gi, '')
    .padEnd(32, '0')
    .slice(0, 32)
    .toLowerCase();
  const cluster = `${job.data.jobQueue}_Batch`;
  return {
    taskArn: `arn:aws:ecs:${region}:123456789012:task/${cluster}/${id}`,
    containerInstanceArn: `arn:aws:ecs:${region}:123456789012:container-instance/${cluster}/${id}`,
    logStreamName: `${job.data.jobDefinition.split(':')[0]}/default/${id}`,
  };
}

/** How the container ended, for a job that stopped after it ran: exit code and reason. */
function exit(job: BatchJob): { exitCode: number; reason?: string } | undefined {
  if (!isTerminal(machine, job.state) || firstEntered(job, 'RUNNING') === undefined) return undefined;
  if (job.state === 'SUCCEEDED') return { exitCode: 0 };
  if (job.data.isTerminated) return { exitCode: 137, reason: job.data.statusReason ?? 'Terminated' };
  return { exitCode: 1, reason: SUCCEEDED_REASON };
}

/** The container of a job: what it runs, and (once it started) its task, log stream and exit. */
function container(job: BatchJob, region: string): Schemas['ContainerDetail'] {
  const base = job.data.container ?? DEMO_CONTAINER;
  if (firstEntered(job, 'STARTING') === undefined) return base;
  const { taskArn, containerInstanceArn, logStreamName } = task(job, region);
  const ran = firstEntered(job, 'RUNNING') !== undefined;
  return { ...base, taskArn, containerInstanceArn, ...(ran ? { logStreamName } : {}), ...exit(job) };
}

/** The job's attempts: one, once it ran and stopped. */
function attempts(job: BatchJob, region: string): Schemas['AttemptDetail'][] {
  const ended = exit(job);
  if (!ended || job.data.nodes) return [];
  const { taskArn, containerInstanceArn, logStreamName } = task(job, region);
  const { started, stopped } = times(job);
  const reason = statusReason(job);
  return [
    {
      container: { taskArn, containerInstanceArn, logStreamName, networkInterfaces: [], ...ended },
      startedAt: started!,
      stoppedAt: stopped!,
      ...(reason === undefined ? {} : { statusReason: reason }),
    },
  ];
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
  if (d.arraySize) return { arrayProperties: { size: d.arraySize, ...statusSummary(job, view) } };
  if (d.place?.kind === 'child') return { arrayProperties: { index: d.place.index } };
  return {};
}

function definitionArn(region: string, definition: string): string {
  return arnOf(region, 'job-definition', definition);
}

/** The job as DescribeJobs shows it (JobDetail): ARNs in the caller's region. `startedAt` is required by the model. */
export function jobDetail(job: BatchJob, view: JobViewContext = { region: DEFAULT_REGION }): JobDetail {
  const { created, started, stopped } = times(job);
  const d = job.data;
  const reason = statusReason(job);
  const place = d.place;
  return {
    jobArn: jobArn(view.region, job.id),
    jobName: d.jobName,
    jobId: job.id,
    jobQueue: arnOf(view.region, 'job-queue', d.jobQueue),
    status: job.state,
    ...(d.shareIdentifier === undefined ? {} : { shareIdentifier: d.shareIdentifier }),
    ...(d.schedulingPriority === undefined ? {} : { schedulingPriority: d.schedulingPriority }),
    attempts: attempts(job, view.region),
    ...(reason === undefined ? {} : { statusReason: reason }),
    createdAt: created,
    ...(d.retryStrategy ? { retryStrategy: d.retryStrategy } : {}),
    startedAt: started ?? created,
    ...(stopped === undefined ? {} : { stoppedAt: stopped }),
    dependsOn: d.dependsOn ?? [],
    jobDefinition: definitionArn(view.region, d.jobDefinition),
    parameters: d.parameters ?? {},
    ...(d.nodes ? { nodeProperties: d.nodeProperties } : { container: container(job, view.region) }),
    ...(place?.kind === 'node'
      ? { nodeDetails: { nodeIndex: place.index, isMainNode: place.main === true } }
      : {}),
    ...arrayProperties(job, view),
    ...(d.timeout ? { timeout: d.timeout } : {}),
    ...(d.tags ? { tags: d.tags } : {}),
    ...(d.propagateTags === undefined ? {} : { propagateTags: d.propagateTags }),
    platformCapabilities: d.platformCapabilities ?? ['EC2'],
    ...(isCancelled(job) ? { isCancelled: true } : {}),
    ...(d.isTerminated ? { isTerminated: true } : {}),
  };
}

/** The job as ListJobs shows it (JobSummary): `startedAt` only once it started. */
export function jobSummary(job: BatchJob, view: JobViewContext): JobSummary {
  const { created, started, stopped } = times(job);
  const d = job.data;
  const reason = statusReason(job);
  const ended = exit(job);
  const place = d.place;
  return {
    jobArn: jobArn(view.region, job.id),
    jobId: job.id,
    jobName: d.jobName,
    createdAt: created,
    ...(d.shareIdentifier === undefined ? {} : { shareIdentifier: d.shareIdentifier }),
    status: job.state,
    ...(reason === undefined ? {} : { statusReason: reason }),
    ...(started === undefined ? {} : { startedAt: started }),
    ...(stopped === undefined ? {} : { stoppedAt: stopped }),
    ...(ended ? { container: ended } : {}),
    ...arrayProperties(job, view),
    ...(place?.kind === 'node'
      ? { nodeProperties: { nodeIndex: place.index, isMainNode: place.main === true, numNodes: place.of } }
      : {}),
    ...(d.nodes ? { nodeProperties: { numNodes: d.nodes.count } } : {}),
    jobDefinition: definitionArn(view.region, d.jobDefinition),
  };
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
