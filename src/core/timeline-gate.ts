import type { Job } from './job';

/** A timeline step that is due: the state the timeline moves the job to, and when (virtual time). */
export interface TimelineStep<S extends string> {
  readonly to: S;
  readonly at: number;
}

/**
 * What a gate decides about a due step: `wait` holds the job where it is (it is asked again on the next read);
 * otherwise the step happens, to `to` instead of the timeline's state, at `at` when that is later than the step
 * was due (never before), recording `note` in the job's history. Every field is optional: `{}` lets it happen.
 */
export type GateDecision<S extends string> =
  | { readonly wait: true }
  | { readonly wait?: false; readonly to?: S; readonly at?: number; readonly note?: string };

/**
 * Lets a job's progress along its machine's timeline depend on other jobs (a job that waits for its
 * dependencies, an array job that finishes when its children do). The job table asks it before every due step,
 * after it has moved the jobs named by `waitsFor` to the same virtual time (iteratively, so chains of any length
 * are fine; a cycle is cut where it closes). Both functions must be pure: what they decide follows from the jobs
 * alone, so a job read later, or restored from a journal, moves exactly as it would have.
 *
 * @example
 * gate: {
 *   waitsFor: (job) => job.data.after,
 *   decide: (job, step, others) => others.every((o) => o?.state === 'done') ? undefined : { wait: true },
 * }
 */
export interface TimelineGate<S extends string> {
  /** The ids of the jobs the job's next step depends on; none means the timeline alone decides. */
  waitsFor(job: Job<S, unknown>): readonly string[];
  /** The decision about the due `step`; `others` are the jobs of `waitsFor`, in order (undefined: no such job). */
  decide(
    job: Job<S, unknown>,
    step: TimelineStep<S>,
    others: readonly (Job<S, unknown> | undefined)[],
  ): GateDecision<S> | undefined;
}
