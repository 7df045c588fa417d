import type { Machine } from './machine';
import { canMove } from './machine';

/** One entry of a job's history: the state it entered and when (epoch ms, virtual clock). */
export interface HistoryEntry<S extends string = string> {
  readonly state: S;
  readonly at: number;
  /** Why the job moved, when a call gave a reason (cancel reasons, termination codes). */
  readonly note?: string;
}

/**
 * A job as the store holds it. `data` is the API's own record (AWS JobDetail fields, an Itential job
 * document, ...); the engine only reads `state`, `history` and `held`.
 */
export interface Job<S extends string = string, D = Record<string, unknown>> {
  readonly id: string;
  state: S;
  /** Jobs created through the admin API stay in their state until released or moved explicitly. */
  held: boolean;
  /** Who owns the job (a user, a customer id), when the API scopes jobs. */
  owner: string | undefined;
  readonly history: HistoryEntry<S>[];
  data: D;
}

export function newJob<S extends string, D>(
  id: string,
  state: S,
  at: number,
  data: D,
  options: { held?: boolean; owner?: string | undefined } = {},
): Job<S, D> {
  return { id, state, held: options.held ?? false, owner: options.owner, history: [{ state, at }], data };
}

/** Moves a job to `to`, recording it. Throws when the machine does not allow the move. */
export function moveJob<S extends string>(
  machine: Machine<S>,
  job: Job<S, unknown>,
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

/**
 * Moves a job along the machine's timeline up to `now`: each step happens at the virtual time it was due,
 * so history shows when it happened, not when it was read. Held jobs do not move.
 * Returns the states the job entered, in order.
 */
export function progressJob<S extends string>(machine: Machine<S>, job: Job<S, unknown>, now: number): S[] {
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
