import type { Machine } from './machine';
import { canMove, seedPath } from './machine';

/** One entry of a job's history: the state it entered and when (epoch ms, virtual clock). */
export interface HistoryEntry<S extends string = string> {
  readonly state: S;
  readonly at: number;
  /** Why the job moved, when a call gave a reason (cancel reasons, termination codes). */
  readonly note?: string;
}

/**
 * A job as handlers see it. `data` is the API's own record (AWS JobDetail fields, an Itential job document,
 * ...); the engine only reads `state`, `history` and `held`. Every field is read-only here: a job changes
 * through its JobTable (`move`, `update`), which records the change, so it can be persisted, journalled and
 * undone when the call fails.
 */
export interface Job<S extends string = string, D = Record<string, unknown>> {
  readonly id: string;
  readonly state: S;
  /** Jobs created through the admin API stay in their state until released or moved explicitly. */
  readonly held: boolean;
  /** Who owns the job (a user, a customer id), when the API scopes jobs. */
  readonly owner: string | undefined;
  readonly history: readonly HistoryEntry<S>[];
  readonly data: Readonly<D>;
}

/** A job as the store changes it. */
export interface StoredJob<S extends string = string, D = Record<string, unknown>> {
  readonly id: string;
  state: S;
  held: boolean;
  owner: string | undefined;
  history: HistoryEntry<S>[];
  data: Readonly<D>;
}

/** A new job that entered `state` at `at`. */
export function newJob<S extends string, D>(
  id: string,
  state: S,
  at: number,
  data: D,
  options: { held?: boolean | undefined; owner?: string | undefined } = {},
): StoredJob<S, D> {
  return { id, state, held: options.held ?? false, owner: options.owner, history: [{ state, at }], data };
}

/**
 * A new job in `state` whose history walks the machine to it as if it had run (see `seedPath`), each step
 * taking the time the machine's timeline gives it, the last one entered at `now`. Seeded jobs (demo data,
 * admin-created jobs, provider states) then show the same times and fields as jobs that got there by
 * themselves.
 *
 * @example seededJob(machine, 'j1', 'RUNNING', now, data) // SUBMITTED … RUNNING, RUNNING entered now
 */
export function seededJob<S extends string, D>(
  machine: Machine<S>,
  id: string,
  state: S,
  now: number,
  data: D,
  options: { owner?: string | undefined; via?: S | undefined; note?: string | undefined } = {},
): StoredJob<S, D> {
  const path = seedPath(machine, state, options.via);
  const steps = path.map((s, i) => (i === 0 ? 0 : stepTime(machine, path[i - 1]!, s)));
  let at = now - steps.reduce((sum, ms) => sum + ms, 0);
  const history = path.map((s, i) => {
    at += steps[i]!;
    return i === path.length - 1 && options.note !== undefined
      ? { state: s, at, note: options.note }
      : { state: s, at };
  });
  return { id, state, held: false, owner: options.owner, history, data };
}

/** How long a seeded job stayed in `from` before it moved to `to`: the timeline's duration, or half of it off the timeline. */
function stepTime<S extends string>(machine: Machine<S>, from: S, to: S): number {
  const step = machine.timeline[from];
  if (!step) return 1_000;
  return step[0] === to ? step[1] : Math.max(1, Math.floor(step[1] / 2));
}

/** Moves a job to `to`, recording it. Throws when the machine does not allow the move. */
export function moveJob<S extends string>(
  machine: Machine<S>,
  job: StoredJob<S, unknown>,
  to: S,
  at: number,
  note?: string,
): void {
  if (!canMove(machine, job.state, to))
    throw new Error(`cannot move job ${job.id} from ${job.state} to ${to}`);
  job.state = to;
  job.history.push(note === undefined ? { state: to, at } : { state: to, at, note });
}

/** When the job entered its current state. */
export function enteredAt(job: Job<string, unknown>): number {
  return job.history[job.history.length - 1]?.at ?? 0;
}

/** When the job first entered `state`, if it did. */
export function firstEntered<S extends string>(job: Job<S, unknown>, state: S): number | undefined {
  return job.history.find((h) => h.state === state)?.at;
}

/** When the job last entered `state`, if it did. */
export function lastEntered<S extends string>(job: Job<S, unknown>, state: S): number | undefined {
  for (let i = job.history.length - 1; i >= 0; i--)
    if (job.history[i]!.state === state) return job.history[i]!.at;
  return undefined;
}

/** When the job was created (entered its first state). */
export function createdAt(job: Job<string, unknown>): number {
  return job.history[0]?.at ?? 0;
}

/**
 * Moves a job along the machine's timeline up to `now`: each step happens at the virtual time it was due,
 * so history shows when it happened, not when it was read. Held jobs do not move.
 * Returns the states the job entered, in order.
 */
export function progressJob<S extends string>(
  machine: Machine<S>,
  job: StoredJob<S, unknown>,
  now: number,
): S[] {
  const entered: S[] = [];
  if (job.held) return entered;
  for (let step = machine.timeline[job.state]; step; step = machine.timeline[job.state]) {
    const due = enteredAt(job) + step[1];
    if (due > now) break;
    moveJob(machine, job, step[0], due);
    entered.push(step[0]);
  }
  return entered;
}

/** Whether the job would move along its timeline by `now` (cheap: no copy, no change). */
export function isDue<S extends string>(machine: Machine<S>, job: Job<S, unknown>, now: number): boolean {
  if (job.held) return false;
  const step = machine.timeline[job.state];
  return step !== undefined && enteredAt(job) + step[1] <= now;
}
