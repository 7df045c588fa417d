import type { ValidCall, ApiDefinition } from '../api';
import { fault, kindOfStatus } from '../core/fault';
import { takeFault } from '../core/injected-fault';

/** The longest latency one injected fault may add, so a client can never hang the server. */
export const MAX_INJECTED_LATENCY_MS = 60_000;

/**
 * Applies the injected fault that matches this call, if any: waits its latency (or the API's upstream
 * timeout, when shorter, then fails with Timeout), and throws its status as the API's own error.
 */
export async function applyInjectedFault(api: ApiDefinition, call: ValidCall): Promise<void> {
  const injected = takeFault(call.session.faults, api.id, call.operation);
  if (!injected) return;
  if (injected.latencyMs) {
    const budget = api.upstreamTimeout?.(call as never);
    const latency = Math.min(injected.latencyMs, MAX_INJECTED_LATENCY_MS);
    if (budget !== undefined && budget < latency) {
      await sleep(budget);
      throw fault('Timeout', 'Timeout calling service endpoint', { data: { timeout: budget } });
    }
    await sleep(latency);
  }
  if (injected.status) {
    throw fault(kindOfStatus(injected.status), `Injected fault: status ${injected.status}`, {
      status: injected.status,
    });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
