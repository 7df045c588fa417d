import { fault } from '../core/fault';
import type { Session } from '../core/session';
import type { Engine } from '../engine/engine';

/** The provider states every API understands (Pact: a state is a name plus params). */
export const COMMON_PROVIDER_STATES = ['a job {jobId} in state {state}', 'no job {jobId}'] as const;

export interface ProviderStateCall {
  readonly state: string;
  readonly params?: Record<string, unknown> | undefined;
  readonly action?: 'setup' | 'teardown' | undefined;
}

/**
 * Sets up a Pact provider state for one API in one session. Teardown resets the session, so each
 * interaction starts from the seed data. Returns values the verifier may inject into the interaction.
 */
export function applyProviderState(
  engine: Engine,
  session: Session,
  api: string,
  call: ProviderStateCall,
): Record<string, unknown> {
  if (call.action === 'teardown') {
    engine.reset(session.name);
    return {};
  }
  if (call.state === '') return {};
  const params = call.params ?? {};
  const runtime = engine.runtime(api);
  const context = engine.adminContext(session, api);
  const jobId = params.jobId === undefined ? undefined : String(params.jobId);
  if (call.state === 'a job {jobId} in state {state}') {
    if (jobId === undefined || typeof params.state !== 'string') {
      throw fault('BadRequest', `Provider state "${call.state}" needs params jobId and state`);
    }
    context.jobs.delete(jobId);
    const owner = params.owner === undefined ? undefined : String(params.owner);
    engine.createJob(session, api, {
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
  const own = runtime.api.providerStates?.[call.state];
  if (!own) {
    const known = [...COMMON_PROVIDER_STATES, ...Object.keys(runtime.api.providerStates ?? {})];
    throw fault('NotFound', `Unknown provider state "${call.state}" for ${api}; known: ${known.join(' | ')}`);
  }
  own(params, context);
  return jobId === undefined ? {} : { jobId };
}
