import type { Machine } from '../core/machine';
import { canMove, reachableStates } from '../core/machine';
import type { FindingKind } from './check';

/** What one read of a job showed, against the machine. */
export interface Observation {
  /** What is wrong with it: no state, a state the machine does not have, a move it does not allow. */
  readonly problem?: { readonly kind: FindingKind; readonly message: string } | undefined;
  /** The change it shows (`SUBMITTED → PENDING`), when the state changed. */
  readonly change?: string | undefined;
}

/**
 * The states one job of a provider was seen in, read after read, checked against the machine: each state read back
 * is one of its states, and each change is a move it allows — directly, or through states the reads did not
 * catch (polls see a job only now and then), but never one the transitions cannot reach.
 */
export class JobTrack {
  private readonly seen: string[] = [];

  constructor(
    private readonly machine: Machine,
    readonly id: string,
  ) {}

  /** The state the last read showed (undefined before any, or after a read that showed none). */
  get state(): string | undefined {
    return this.seen.at(-1);
  }

  /** Every state seen, changes only. */
  get states(): readonly string[] {
    return this.seen;
  }

  /**
   * Checks the state a read showed; `modelled` names the profiles of the API's model that made the job take a
   * change the machine does not allow (then the change is that behaviour, not a fault).
   */
  observe(
    state: string | undefined,
    modelled: (from: string, to: string) => readonly string[] = () => [],
  ): Observation {
    const machine = this.machine;
    if (state === undefined)
      return { problem: { kind: 'state', message: `the read shows no state of job ${this.id}` } };
    if (!machine.states.includes(state))
      return {
        problem: {
          kind: 'state',
          message: `"${state}" is not a state of the machine (${machine.states.join(', ')})`,
        },
      };
    const last = this.state;
    if (last === state) return {};
    this.seen.push(state);
    if (last === undefined) return {};
    const change = `${last} → ${state}`;
    if (canMove(machine, last, state)) return { change };
    if (reachableStates(machine, last).has(state)) return { change: `${change} (through states not seen)` };
    const profiles = modelled(last, state);
    if (profiles.length) return { change: `${change} (as the ${profiles.join(' and ')} profile does)` };
    const allowed = machine.transitions[last] ?? [];
    return {
      change,
      problem: {
        kind: 'move',
        message: `${change} is not a move of the machine (from ${last}: ${allowed.length ? allowed.join(', ') : `none, ${last} is final`})`,
      },
    };
  }
}
