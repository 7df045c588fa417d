import type { TimelineGate } from './timeline-gate';

/**
 * A job lifecycle as data: states, where jobs start, which states are final, which moves are allowed,
 * in which states cancel takes effect, and how long a job stays in a state before moving on by itself.
 *
 * @example
 * defineMachine({
 *   states: ['queued', 'running', 'done', 'cancelled'],
 *   initial: 'queued',
 *   terminal: ['done', 'cancelled'],
 *   transitions: { queued: ['running', 'cancelled'], running: ['done', 'cancelled'] },
 *   cancellable: ['queued', 'running'],
 *   cancelTo: 'cancelled',
 *   timeline: { queued: ['running', 1000], running: ['done', 5000] },
 * })
 */
export interface Machine<S extends string = string> {
  readonly states: readonly S[];
  readonly initial: S;
  readonly terminal: readonly S[];
  /** Every allowed move, by source state. Terminal states have none. */
  readonly transitions: Readonly<Partial<Record<S, readonly S[]>>>;
  /** The states in which cancel changes the job. */
  readonly cancellable: readonly S[];
  /** Where cancel takes a job. */
  readonly cancelTo: S;
  /** The state a job moves to by itself, and after how many milliseconds. */
  readonly timeline: Readonly<Partial<Record<S, readonly [S, number]>>>;
  /** What may hold a timeline step back, or send it elsewhere, depending on other jobs (see TimelineGate). */
  readonly gate?: TimelineGate<S> | undefined;
}

/** Checks a machine's table for consistency and returns it unchanged. Throws on a broken table. */
export function defineMachine<const S extends string>(machine: Machine<S>): Machine<S> {
  const known = new Set<string>(machine.states);
  const check = (state: string, where: string): void => {
    if (!known.has(state)) throw new Error(`machine: unknown state "${state}" in ${where}`);
  };
  check(machine.initial, 'initial');
  check(machine.cancelTo, 'cancelTo');
  machine.terminal.forEach((s) => check(s, 'terminal'));
  machine.cancellable.forEach((s) => {
    check(s, 'cancellable');
    if (!canMove(machine, s, machine.cancelTo))
      throw new Error(`machine: cancel from "${s}" is not a transition`);
  });
  for (const [from, targets] of Object.entries(machine.transitions) as [string, readonly string[]][]) {
    check(from, 'transitions');
    if (machine.terminal.includes(from as S))
      throw new Error(`machine: terminal state "${from}" has transitions`);
    targets.forEach((t) => check(t, `transitions.${from}`));
  }
  for (const [from, step] of Object.entries(machine.timeline) as [S, readonly [S, number]][]) {
    if (!canMove(machine, from, step[0]))
      throw new Error(`machine: timeline ${from} → ${step[0]} is not a transition`);
  }
  return machine;
}

export function canMove<S extends string>(machine: Machine<S>, from: S, to: S): boolean {
  return machine.transitions[from]?.includes(to) ?? false;
}

export function isTerminal<S extends string>(machine: Machine<S>, state: S): boolean {
  return machine.terminal.includes(state);
}

export function isCancellable<S extends string>(machine: Machine<S>, state: S): boolean {
  return machine.cancellable.includes(state);
}

/** Every state reachable through the transitions from `from` (the initial state unless given), `from` included. */
export function reachableStates<S extends string>(machine: Machine<S>, from: S = machine.initial): Set<S> {
  const seen = new Set<S>([from]);
  const queue: S[] = [from];
  for (let state = queue.shift(); state !== undefined; state = queue.shift()) {
    for (const next of machine.transitions[state] ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

/**
 * The states a job passed through to reach `state` as if it had run: along the timeline from the initial state
 * as far as it goes towards `state`, then the one move into it — from `via` when given, else from the last
 * timeline state that can move there. A state the timeline never leads to is reached by the shortest path.
 *
 * @example seedPath(awsBatch, 'FAILED', 'RUNNABLE') // ['SUBMITTED', 'PENDING', 'RUNNABLE', 'FAILED']
 */
export function seedPath<S extends string>(machine: Machine<S>, state: S, via?: S): S[] {
  const timeline: S[] = [machine.initial];
  for (let step = machine.timeline[machine.initial]; step; step = machine.timeline[step[0]]) {
    if (timeline.includes(step[0])) break;
    timeline.push(step[0]);
  }
  const onTimeline = timeline.indexOf(state);
  if (onTimeline >= 0 && via === undefined) return timeline.slice(0, onTimeline + 1);
  const from =
    via !== undefined ? timeline.indexOf(via) : timeline.findLastIndex((s) => canMove(machine, s, state));
  if (from >= 0 && canMove(machine, timeline[from]!, state)) return [...timeline.slice(0, from + 1), state];
  return shortestPath(machine, state);
}

/** The shortest way through the transitions from the initial state to `state` (just `[state]` if none). */
function shortestPath<S extends string>(machine: Machine<S>, state: S): S[] {
  const previous = new Map<S, S | undefined>([[machine.initial, undefined]]);
  const queue: S[] = [machine.initial];
  for (let at = queue.shift(); at !== undefined && !previous.has(state); at = queue.shift()) {
    for (const next of machine.transitions[at] ?? []) {
      if (!previous.has(next)) {
        previous.set(next, at);
        queue.push(next);
      }
    }
  }
  if (!previous.has(state)) return [state];
  const path: S[] = [];
  for (let at: S | undefined = state; at !== undefined; at = previous.get(at)) path.unshift(at);
  return path;
}
