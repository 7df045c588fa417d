import type { AnyApiDefinition, ProviderStateHandler } from '../api';
import { fault } from '../core/fault';
import type { Engine } from '../engine/engine';
import type { Transaction } from '../store/store';
import { cancelledJobState, heldJobState, unknownJobIdState } from './held-job-state';

/**
 * The provider states every API understands (Pact: a state is a name plus params). The first three are the
 * ones the committed pacts use: the provider chooses the job's id and returns it (`{ jobId }`), which the
 * verifier injects into the interaction. The last two name their id, for tests that choose it themselves.
 */
export const COMMON_PROVIDER_STATES = [
  'a job in state {state}',
  'a job that was cancelled in state {state}',
  'a job id that no job has',
  'a job {jobId} in state {state}',
  'no job {jobId}',
] as const;

export interface ProviderStateCall {
  readonly state: string;
  readonly params?: Record<string, unknown> | undefined;
  readonly action?: 'setup' | 'teardown' | undefined;
}

/** The engine's handlers of the common states, for one API. */
function commonStates(
  api: AnyApiDefinition,
): Record<(typeof COMMON_PROVIDER_STATES)[number], ProviderStateHandler> {
  const partsOf = (params: Record<string, unknown>) => ({
    owner: params.owner === undefined ? undefined : String(params.owner),
    fields: params.fields as Record<string, unknown> | undefined,
  });
  return {
    'a job in state {state}': heldJobState(
      COMMON_PROVIDER_STATES[0],
      api.machine,
      api.seedJob.bind(api),
      partsOf,
    ),
    'a job that was cancelled in state {state}': cancelledJobState(
      COMMON_PROVIDER_STATES[1],
      api.machine,
      api.seedJob.bind(api),
    ),
    'a job id that no job has': unknownJobIdState(),
    'a job {jobId} in state {state}': heldJobState(
      COMMON_PROVIDER_STATES[3],
      api.machine,
      api.seedJob.bind(api),
      partsOf,
    ),
    'no job {jobId}': (params, context) => {
      if (params.jobId === undefined)
        throw fault('BadRequest', `Provider state "${COMMON_PROVIDER_STATES[4]}" needs the param jobId`);
      context.jobs.delete(String(params.jobId));
      return { jobId: String(params.jobId) };
    },
  };
}

/**
 * Sets up a Pact provider state for one API in one session, in one transaction (a state that fails changes
 * nothing), and returns the values the verifier injects into the interaction. Teardown resets the session, so each interaction starts from the seed data; an empty state
 * name (Pact's call for an interaction without states) does nothing.
 */
export function applyProviderState(
  engine: Engine,
  tx: Transaction,
  api: string,
  call: ProviderStateCall,
): Record<string, unknown> {
  if (call.action === 'teardown') {
    tx.reset();
    return {};
  }
  if (call.state === '') return {};
  const definition = engine.served(api).api;
  const handler =
    definition.providerStates?.[call.state] ??
    (commonStates(definition) as Record<string, ProviderStateHandler | undefined>)[call.state];
  if (!handler) {
    const known = [...new Set([...COMMON_PROVIDER_STATES, ...Object.keys(definition.providerStates ?? {})])];
    throw fault('NotFound', `Unknown provider state "${call.state}" for ${api}; known: ${known.join(' | ')}`);
  }
  return handler(call.params ?? {}, engine.context(tx, api)) ?? {};
}
