import type { JobSeed, StoredJob } from '../../src/index';
import { createdAt, enteredAt, isTerminal, lastEntered, seededJob } from '../../src/index';
import type { components } from '../../specs/itential/types.gen';
import { DEMO_USERS } from './demo-users';
import type { ItentialState } from './machine';
import { machine } from './machine';
import type { ItentialContext, ItentialJob, ItentialJobData } from './types';
import type { Workflow } from './workflows';
import { DEFAULT_WORKFLOW, workflowNamed } from './workflows';

type Schemas = components['schemas'];

const SERVER_ID = 'ac:de:48:00:11:22:3000';
const ENGINE_APP: Schemas['App'] = { id: 'WorkFlowEngine', version: '1.2.3' };
const NO_TRANSITION = 'No available transitions found from completed task(s)';

/** The task has run since the job started, or since it was last resumed after an error. */
function taskStart(job: ItentialJob): number {
  let start = createdAt(job);
  job.history.forEach((h, i) => {
    if (h.state === 'running' && job.history[i - 1]?.state === 'error') start = h.at;
  });
  return start;
}

function finished(
  metrics: Schemas['TaskMetrics'],
  end: number,
  finishState: Schemas['TaskFinishState'],
): Schemas['TaskMetrics'] {
  return { ...metrics, end_time: end, run_time: end - metrics.start_time, finish_state: finishState };
}

/**
 * The workflow's own task, as the job's state leaves it: running while the job runs or is paused; `error` for
 * an errored job; ended with `failure` and no transition to follow for an incomplete one; ended with
 * `success` for a complete one.
 */
function workTask(job: ItentialJob, workflow: Workflow, metrics: Schemas['TaskMetrics']): Schemas['Task'] {
  const base = workTaskPlace(workflow);
  switch (job.state) {
    case 'error':
      return { ...base, status: 'error', metrics: finished(metrics, lastEntered(job, 'error')!, 'error') };
    case 'incomplete':
      return {
        ...base,
        status: 'complete',
        metrics: finished(metrics, lastEntered(job, 'incomplete')!, 'failure'),
      };
    case 'complete':
      return {
        ...base,
        status: 'complete',
        metrics: finished(metrics, lastEntered(job, 'complete')!, 'success'),
      };
    default:
      return { ...base, status: 'running', metrics };
  }
}

/** Where the workflow's task sits on the canvas. */
function workTaskPlace(workflow: Workflow): Pick<Schemas['Task'], 'name' | 'groups' | 'x' | 'y'> {
  return { name: workflow.taskName, groups: [], x: 0.36142061281337046, y: 0.502092050209205 };
}

/**
 * A task of a canceled job: as the vendor's cancelJob example shows every task of a canceled job, `status:
 * complete` with `metrics.finish_state: canceled`, ended at the cancel.
 */
function canceledTask(
  place: Pick<Schemas['Task'], 'name' | 'groups' | 'x' | 'y'>,
  metrics: Schemas['TaskMetrics'],
  at: number,
): Schemas['Task'] {
  return { ...place, status: 'complete', metrics: finished(metrics, at, 'canceled') };
}

/**
 * The job's tasks: `workflow_start`, the workflow's task, `workflow_end`. Once the job is canceled every one of
 * them is complete with `finish_state: canceled` and metrics (`workflow_end`'s owned by the job's owner and run
 * since the job started, as in the vendor's example).
 */
function tasks(job: ItentialJob, workflow: Workflow): Schemas['Job']['tasks'] {
  const start = createdAt(job);
  const completedAt = job.state === 'complete' ? enteredAt(job) : undefined;
  const platform = { owner: 'Pronghorn', server_id: SERVER_ID, app: ENGINE_APP };
  const begin = { name: 'workflow_start', groups: [], x: 0.08412582297000731, y: 0.4968944099378882 };
  const taskMetrics: Schemas['TaskMetrics'] = {
    owner: job.data.ownerId,
    start_time: taskStart(job),
    server_id: SERVER_ID,
    app: { id: workflow.app, version: '1.2.3' },
  };
  const end = { name: 'workflow_end', groups: [], x: 0.8412582297000731, y: 0.4968944099378882 };
  if (job.state === 'canceled') {
    const at = enteredAt(job);
    const endMetrics = { owner: job.data.ownerId, start_time: start, server_id: SERVER_ID, app: ENGINE_APP };
    return {
      workflow_start: canceledTask(begin, { ...platform, start_time: start }, at),
      [workflow.taskId]: canceledTask(workTaskPlace(workflow), taskMetrics, at),
      workflow_end: canceledTask(end, endMetrics, at),
    };
  }
  return {
    workflow_start: {
      ...begin,
      status: 'complete',
      metrics: finished({ ...platform, start_time: start }, start, 'success'),
    },
    [workflow.taskId]: workTask(job, workflow, taskMetrics),
    workflow_end:
      completedAt === undefined
        ? { ...end, status: 'incomplete' }
        : {
            ...end,
            status: 'complete',
            metrics: finished({ ...platform, start_time: completedAt }, completedAt, 'success'),
          },
  };
}

/** Errors recorded on the job: one per time its task errored, and one when it stopped incomplete. */
function errors(job: ItentialJob, workflow: Workflow): Schemas['JobError'][] {
  return job.history.flatMap((h): Schemas['JobError'][] => {
    if (h.state === 'error')
      return [{ task: workflow.taskId, message: `Task ${workflow.taskName} failed`, timestamp: h.at }];
    if (h.state === 'incomplete') return [{ task: 'job', message: NO_TRANSITION, timestamp: h.at }];
    return [];
  });
}

/**
 * The job document, as getJob, startJobWithOptions, pauseJob, resumeJob and cancelJob return it. A finished
 * job's `metrics.finish_state` is `complete`, canceled or not, as in the vendor's cancelJob example.
 */
export function jobDocument(job: ItentialJob): Schemas['Job'] {
  const d = job.data;
  const workflow = workflowNamed(d.workflow) ?? DEFAULT_WORKFLOW;
  const start = createdAt(job);
  const last = enteredAt(job);
  const done = isTerminal(machine, job.state);
  return {
    _id: job.id,
    name: d.workflow,
    ...(d.description === undefined ? {} : { description: d.description }),
    ...(d.variables === undefined ? {} : { variables: d.variables }),
    tasks: tasks(job, workflow),
    transitions: {
      workflow_start: { [workflow.taskId]: { type: 'standard', state: 'success' } },
      [workflow.taskId]: { workflow_end: { type: 'standard', state: 'success' } },
    },
    font_size: 12,
    created: new Date(start).toISOString(),
    created_by: d.createdBy,
    last_updated: new Date(last).toISOString(),
    last_updated_by: d.lastUpdatedBy,
    groups: d.groups,
    type: 'automation',
    watchers: d.watchers,
    metrics: {
      owner: d.ownerId,
      start_time: start,
      server_id: SERVER_ID,
      app: ENGINE_APP,
      ...(done ? { end_time: last, run_time: last - start, finish_state: 'complete' } : {}),
    },
    status: job.state,
    locked: job.state === 'canceled',
    error: errors(job, workflow),
  };
}

/**
 * A job in exactly the seed's state, with a history that ran there: it started running and, unless the seed asks
 * for `running`, moved to the state asked for, which it entered now (a complete one ran its whole timeline).
 * `owner` is a user id; `fields` may set `workflow`, `description`, `variables`, `groups`, `createdBy`.
 */
export function seedItentialJob(
  seed: JobSeed<ItentialState>,
  context: ItentialContext,
): StoredJob<ItentialState, ItentialJobData> {
  const fields = (seed.fields ?? {}) as Partial<ItentialJobData>;
  const ownerId = seed.owner ?? DEMO_USERS[0]!.id;
  const data: ItentialJobData = {
    workflow: fields.workflow ?? DEFAULT_WORKFLOW.name,
    description: fields.description ?? `Demo job (${seed.state})`,
    ...(fields.variables === undefined ? {} : { variables: fields.variables }),
    groups: fields.groups ?? [],
    createdBy: fields.createdBy ?? DEMO_USERS[0]!.username,
    ownerId,
    lastUpdatedBy: ownerId,
    watchers: [ownerId],
  };
  return seededJob(machine, seed.id ?? context.newJobId(), seed.state, context.now(), data, {
    owner: ownerId,
  });
}
