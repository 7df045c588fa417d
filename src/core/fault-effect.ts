import type { NetworkFault } from './network-fault';

/** An error reply an operation declares: an HTTP status (OpenAPI) or a JSON-RPC error object (OpenRPC). */
export type DeclaredError = { readonly status: number } | { readonly code: number; readonly message: string };

/** How an API answers a throttled call of one operation: the status, and whether it says when to retry. */
export interface Throttling {
  readonly status: number;
  /** The reply carries `Retry-After` (delay-seconds, RFC 9110 §10.2.3). */
  readonly retryAfter: boolean;
}

/** What an operation offers to fault injection, read from its spec. */
export interface OperationFaults {
  /** The errors the real API declares for it (not jobmock's own replies, not throttling): chaos picks from these. */
  readonly errors: readonly DeclaredError[];
  /** Undefined when the spec declares no throttled reply for it. */
  readonly throttling: Throttling | undefined;
}

/**
 * What injection did to one call: where it came from and each of its effects. The engine sets it on the call's
 * outcome (`Outcome.injected`), so whatever reports calls (a journal) shows the fault that hit each one.
 */
export interface FaultEffect {
  /** An injected fault, chaos, a token bucket that was empty, or the throttle window of an earlier reply. */
  readonly source: 'fault' | 'chaos' | 'rate-limit' | 'throttle-window';
  readonly latencyMs?: number | undefined;
  readonly error?: DeclaredError | undefined;
  /** A throttled reply; the call may be retried after this many ms of virtual time. */
  readonly throttle?: { readonly retryAfterMs: number } | undefined;
  readonly network?: NetworkFault | undefined;
  readonly ignore?: boolean | undefined;
  /** The jobs the call names (only `jobId` when given) move to this state before it is handled. */
  readonly failTo?: { readonly state: string; readonly jobId?: string | undefined } | undefined;
}
