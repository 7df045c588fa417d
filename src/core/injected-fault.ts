import type { LatencyShape } from './latency';
import type { NetworkFault } from './network-fault';

/** Token-bucket throttling: `burst` calls at once, refilled at `ratePerSecond` on the session's virtual clock. */
export interface RateLimit {
  readonly ratePerSecond: number;
  readonly burst: number;
}

/** A throttled reply, after which the API keeps refusing calls for `windowMs` of virtual time. */
export interface Throttle {
  readonly windowMs?: number | undefined;
}

/**
 * A fault injected through the admin API (`POST /__admin/faults`), for an API and optionally one operation and one
 * job. Its effects combine: latency, then either the API's own error (`status`, `code`), its throttled reply
 * (`throttle`), or the handled call with `ignore` (nothing it changed is kept) and `failTo` (the job it names fails
 * first); a `network` fault then breaks the reply on its way back. `rateLimit` is a mode of its own.
 */
export interface InjectedFault {
  readonly api: string;
  /** operationId (or JSON-RPC method); every operation when absent. */
  readonly operation?: string | undefined;
  /** Only calls that name this job: a parameter or a value anywhere in the body equals it. */
  readonly jobId?: string | undefined;
  /** The API's own error for this status (one its spec declares). */
  readonly status?: number | undefined;
  /** The API's own error object with this code (JSON-RPC APIs: a code the method declares). */
  readonly code?: number | undefined;
  /** Added latency, in ms (the `fixed` shape). */
  readonly latencyMs?: number | undefined;
  readonly latency?: LatencyShape | undefined;
  readonly network?: NetworkFault | undefined;
  /** The API's own throttled reply (429, with Retry-After where the API sends one). */
  readonly throttle?: Throttle | undefined;
  /** Throttle calls beyond this rate (token bucket); not a fault that counts down. */
  readonly rateLimit?: RateLimit | undefined;
  /** The call is answered as if it succeeded, but nothing it changed is kept (a cancel acknowledged, then ignored). */
  readonly ignore?: boolean | undefined;
  /** Before the call is handled, the job it names moves to this state on its own (a job that fails while running). */
  readonly failTo?: string | undefined;
  /** 0–1: the fault hits calls at random (drawn from the session's seeded generator). */
  readonly probability?: number | undefined;
  /** How many more calls it applies to; undefined means every call until cleared. */
  readonly times?: number | undefined;
}

/** Where a call stands for fault matching: its API, operation, and the values it names. */
export interface FaultTarget {
  readonly api: string;
  readonly operation: string;
  /** Whether the call names this job id (in its parameters or anywhere in its body). */
  names(jobId: string): boolean;
}

/** Whether an injected fault is meant for this call (its API, operation and job). */
export function aimsAt(fault: InjectedFault, call: FaultTarget): boolean {
  return (
    fault.api === call.api &&
    (fault.operation === undefined || fault.operation === call.operation) &&
    (fault.jobId === undefined || call.names(fault.jobId))
  );
}
