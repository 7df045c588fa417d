import type { GateDecision, Job, TimelineGate, TimelineStep } from '../../src/index';
import { enteredAt } from '../../src/index';
import type { AwsBatchState } from './machine';
import type { BatchJobData } from './types';

type AnyJob = Job<AwsBatchState, unknown>;
type Decision = GateDecision<AwsBatchState> | undefined;

/** What a job whose dependency failed says, as AWS Batch says it. */
export const DEPENDENCY_FAILED = 'Dependent Job failed';
/** What an array parent says when a child failed (jobmock's words). */
export const CHILD_FAILED = 'One or more array child jobs failed';

const finished = (job: AnyJob | undefined) =>
  job === undefined || job.state === 'SUCCEEDED' || job.state === 'FAILED';
const stoppedAt = (jobs: readonly (AnyJob | undefined)[]) =>
  Math.max(0, ...jobs.map((job) => (job ? enteredAt(job) : 0)));
const dataOf = (job: AnyJob) => job.data as BatchJobData;

/** `<id>:0` … (array children) or `<id>#0` … (nodes). */
export function placesOf(id: string, mark: ':' | '#', count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${id}${mark}${i}`);
}

/**
 * When AWS Batch jobs move on, besides the timeline:
 * - a PENDING job with dependencies moves on when all of them SUCCEEDED (at the time the last did), fails when
 *   one failed (at the time it did); a cancel asked for meanwhile takes effect once they all finished;
 * - an array parent leaves PENDING when all its children finished: SUCCEEDED if they all did, else FAILED;
 * - a multi-node parallel parent leaves RUNNING when all its nodes finished, as its main node did.
 */
export const batchGate: TimelineGate<AwsBatchState> = {
  waitsFor(job) {
    const d = dataOf(job);
    if (job.state === 'PENDING' && d.arraySize) return placesOf(job.id, ':', d.arraySize);
    if (job.state === 'RUNNING' && d.nodes) return placesOf(job.id, '#', d.nodes.count);
    if (job.state === 'PENDING' && d.dependsOn?.length) return d.dependsOn.map((dep) => dep.jobId ?? '');
    return [];
  },
  decide(job, step, others) {
    const d = dataOf(job);
    if (job.state === 'PENDING' && d.arraySize) return afterChildren(d, others);
    if (job.state === 'RUNNING' && d.nodes) return afterNodes(d, others);
    if (job.state === 'PENDING' && d.dependsOn?.length) return afterDependencies(d, step, others);
    return undefined;
  },
};

function afterChildren(d: BatchJobData, children: readonly (AnyJob | undefined)[]): Decision {
  if (!children.every(finished)) return { wait: true };
  const failed = children.some((child) => child?.state !== 'SUCCEEDED');
  const note = d.cancelRequested ?? (failed ? CHILD_FAILED : undefined);
  return { to: failed ? 'FAILED' : 'SUCCEEDED', at: stoppedAt(children), ...(note ? { note } : {}) };
}

function afterNodes(d: BatchJobData, nodes: readonly (AnyJob | undefined)[]): Decision {
  if (!nodes.every(finished)) return { wait: true };
  const main = nodes[d.nodes!.main];
  return { to: main?.state === 'SUCCEEDED' ? 'SUCCEEDED' : 'FAILED', at: stoppedAt(nodes) };
}

function afterDependencies(
  d: BatchJobData,
  step: TimelineStep<AwsBatchState>,
  dependencies: readonly (AnyJob | undefined)[],
): Decision {
  if (d.cancelRequested !== undefined) {
    if (!dependencies.every(finished)) return { wait: true };
    return { to: 'FAILED', at: stoppedAt(dependencies), note: d.cancelRequested };
  }
  const failed = dependencies.filter((dep) => dep === undefined || dep.state === 'FAILED');
  if (failed.length) {
    const at = Math.min(...failed.map((dep) => (dep ? enteredAt(dep) : step.at)));
    return { to: 'FAILED', at, note: DEPENDENCY_FAILED };
  }
  if (!dependencies.every(finished)) return { wait: true };
  return { at: stoppedAt(dependencies) };
}
