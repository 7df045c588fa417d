import { isCancellable, isTerminal } from '../../src/index';
import { placesOf } from './job-gate';
import { machine } from './machine';
import type { BatchCall, BatchJob, BatchJobData } from './types';

/** The children of an array job, or the nodes of a multi-node parallel job (none for others). */
function partsOf(call: BatchCall, job: BatchJob): BatchJob[] {
  const d = job.data;
  const ids = d.arraySize
    ? placesOf(job.id, ':', d.arraySize)
    : d.nodes
      ? placesOf(job.id, '#', d.nodes.count)
      : [];
  return ids.map((id) => call.jobs.get(id)).filter((part): part is BatchJob => part !== undefined);
}

/** Whether a job still waits for a dependency that has not finished. */
function waitsForDependencies(call: BatchCall, job: BatchJob): boolean {
  if (job.state !== 'PENDING') return false;
  return (job.data.dependsOn ?? []).some((dep) => {
    const other = dep.jobId === undefined ? undefined : call.jobs.get(dep.jobId);
    return other !== undefined && !isTerminal(machine, other.state);
  });
}

/** Ends one job now: FAILED with the reason and how it ended. */
function end(call: BatchCall, job: BatchJob, reason: string, how: Partial<BatchJobData>): void {
  call.jobs.move(job, 'FAILED', { note: reason, data: { statusReason: reason, ...how } });
}

/**
 * CancelJob on one job: SUBMITTED, PENDING and RUNNABLE jobs end FAILED with isCancelled. A PENDING job whose
 * dependencies have not all finished is cancelled once they have (the model's words). An array or multi-node
 * parent cancels its parts that can be; it ends when they have all ended (at once, when they all could).
 */
export function cancelJob(call: BatchCall, job: BatchJob, reason: string): void {
  if (!isCancellable(machine, job.state)) return;
  const parts = partsOf(call, job);
  for (const part of parts)
    if (isCancellable(machine, part.state)) end(call, part, reason, { isCancelled: true });
  if (parts.some((part) => !isTerminal(machine, part.state)) || waitsForDependencies(call, job)) {
    call.jobs.update(job, { cancelRequested: reason });
    return;
  }
  end(call, job, reason, { isCancelled: true });
}

/**
 * TerminateJob on one job: any unfinished job ends FAILED with isTerminated (and isCancelled when it had not
 * started); an array or multi-node parent terminates its parts first.
 */
export function terminateJob(call: BatchCall, job: BatchJob, reason: string): void {
  if (isTerminal(machine, job.state)) return;
  for (const part of partsOf(call, job))
    if (!isTerminal(machine, part.state)) terminateJob(call, part, reason);
  const cancelled = isCancellable(machine, job.state);
  end(call, job, reason, { isTerminated: true, ...(cancelled ? { isCancelled: true } : {}) });
}
