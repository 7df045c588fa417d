import { fault } from '../core/fault';
import type { Engine } from '../engine/engine';
import type { Transaction } from '../store/store';

/** The provider states every API understands (Pact: a state is a name plus params). */
export const COMMON_PROVIDER_STATES = ['a job {jobId} in state {state}', 'no job {jobId}'] as const;

export interface ProviderStateCall {
  readonly state: string;
  readonly params?: Record<string, unknown> | undefined;
  readonly action?: 'setup' | 'teardown' | undefined;
}

/**
 * Sets up a Pact provider state for one API in one session, in one transaction (a state that fails changes
 * nothing). Teardown resets the session, so each interaction starts from the seed data. Returns values the
 * verifier may inject into the interaction.
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
  const params = call.params ?? {};
  const { api: definition } = engine.served(api);
  const context = engine.context(tx, api);
  const jobId = params.jobId === undefined ? undefined : String(params.jobId);
  if (call.state === 'a job {jobId} in state {state}') {
    if (jobId === undefined || typeof params.state !== 'string') {
      throw fault('BadRequest', `Provider state "${call.state}" needs params jobId and state`);
    }
    context.jobs.delete(jobId);
    const owner = params.owner === undefined ? undefined : String(params.owner);
    engine.createJob(tx, api, {
      id: jobId,
      state: params.state,
      owner,
      fields: params.fields as Record<string, unknown> | undefined,
    });
    return { jobId };
  }
  if (call.state === 'no job {jobId}') {
    if (jobId === undefined)
      throw fault('BadRequest', `Provider state "${call.state}" needs the param jobId`);
    context.jobs.delete(jobId);
    return { jobId };
  }
  const own = definition.providerStates?.[call.state];
  if (!own) {
    const known = [...COMMON_PROVIDER_STATES, ...Object.keys(definition.providerStates ?? {})];
    throw fault('NotFound', `Unknown provider state "${call.state}" for ${api}; known: ${known.join(' | ')}`);
  }
  const values = own(params, context);
  return values ?? (jobId === undefined ? {} : { jobId });
}
