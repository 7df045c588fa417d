import type { ChaosConfig } from './chaos';
import type { InjectedFault } from './injected-fault';

/** A token bucket's contents: tokens left (fractions refill over time) at virtual time `at`. */
export interface BucketState {
  readonly tokens: number;
  readonly at: number;
}

/** An injected fault as the session keeps it: a rate limit also keeps its bucket. */
export type FaultRule = InjectedFault & { readonly bucket?: BucketState | undefined };

/** An API (or one operation) refusing calls with its throttled reply until `until` (virtual time). */
export interface ThrottleWindow {
  readonly api: string;
  readonly operation?: string | undefined;
  readonly until: number;
}

/**
 * A session's fault injection, as one plain value that the store keeps and persists with the session: the
 * injected faults, its chaos, the state of its seeded generator and the throttle windows open. Treated as
 * immutable: a change makes a new value.
 */
export interface FaultState {
  readonly faults: readonly FaultRule[];
  /** The session's chaos: undefined follows the server's (`serve --chaos`), null is off. */
  readonly chaos?: ChaosConfig | null | undefined;
  /** The seeded generator's state; undefined until the first draw (it starts from the chaos seed, or 0). */
  readonly random?: number | undefined;
  readonly throttled?: readonly ThrottleWindow[] | undefined;
}

/** A session with nothing injected. */
export const NO_FAULTS: FaultState = Object.freeze({ faults: Object.freeze([]) });

/** The most faults one session may hold (each call looks at every one). */
export const MAX_FAULTS = 100;

/** The chaos that applies to a session: its own, else the server's; undefined when none. */
export function chaosOf(state: FaultState, serverChaos: ChaosConfig | undefined): ChaosConfig | undefined {
  return state.chaos === undefined ? serverChaos : (state.chaos ?? undefined);
}

/** Whether injection has nothing to do in this session (the fast path of every call). */
export function isQuiet(state: FaultState, serverChaos: ChaosConfig | undefined): boolean {
  return (
    state.faults.length === 0 && state.throttled === undefined && chaosOf(state, serverChaos) === undefined
  );
}
