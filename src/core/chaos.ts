import type { FaultTarget } from './injected-fault';
import type { NetworkFaultKind } from './network-fault';
import { NETWORK_FAULT_KINDS } from './network-fault';

/** What chaos may do to a call: one of its declared errors, its throttled reply, or a network fault. */
export const CHAOS_KINDS = ['error', 'throttle', ...NETWORK_FAULT_KINDS] as const;
export type ChaosKind = 'error' | 'throttle' | NetworkFaultKind;

/** The kinds chaos picks from unless told: all but `hang` and `slow-body`, which need clients with timeouts. */
export const DEFAULT_CHAOS_KINDS: readonly ChaosKind[] = CHAOS_KINDS.filter(
  (kind) => kind !== 'hang' && kind !== 'slow-body',
);

/** How long a throttled reply of chaos keeps the operation throttled (its Retry-After: 1). */
export const CHAOS_THROTTLE_MS = 1_000;

/**
 * Seeded chaos (`POST /__admin/chaos`, `serve --chaos`): a share `rate` of the calls, drawn from the session's
 * generator started at `seed`, each get one fault picked among `kinds` that the operation allows.
 */
export interface ChaosConfig {
  readonly seed: number;
  /** 0–1: the share of calls hit. */
  readonly rate: number;
  /** Only these APIs (all when absent). */
  readonly apis?: readonly string[] | undefined;
  /** Only these operations (all when absent). */
  readonly operations?: readonly string[] | undefined;
  readonly kinds?: readonly ChaosKind[] | undefined;
}

/** Whether chaos takes part in this call at all (calls outside it draw nothing from the generator). */
export function chaosCovers(chaos: ChaosConfig, call: FaultTarget): boolean {
  return (
    (chaos.apis === undefined || chaos.apis.includes(call.api)) &&
    (chaos.operations === undefined || chaos.operations.includes(call.operation))
  );
}
