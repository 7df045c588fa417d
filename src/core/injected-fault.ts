/**
 * Faults injected through the admin API: the API's own error reply for a status, or added latency,
 * for an API and optionally one operation, with a probability and a number of times.
 */
export interface InjectedFault {
  readonly api: string;
  /** operationId (or JSON-RPC method); every operation when absent. */
  readonly operation?: string | undefined;
  /** The API's own error for this status (one its spec declares). */
  readonly status?: number | undefined;
  /** Added latency, in ms. */
  readonly latencyMs?: number | undefined;
  /** 0–1: the fault hits calls at random. */
  readonly probability?: number | undefined;
  /** How many more calls it applies to; undefined means every call until cleared. */
  times?: number | undefined;
}

/** Picks the first fault that applies to this call and counts it down. */
export function takeFault(
  faults: InjectedFault[],
  api: string,
  operation: string,
  random: () => number = Math.random,
): InjectedFault | undefined {
  const index = faults.findIndex(
    (f) => f.api === api && (f.operation === undefined || f.operation === operation),
  );
  const found = faults[index];
  if (!found) return undefined;
  if (found.probability !== undefined && random() >= found.probability) return undefined;
  if (found.times !== undefined) {
    found.times -= 1;
    if (found.times <= 0) faults.splice(index, 1);
  }
  return found;
}
