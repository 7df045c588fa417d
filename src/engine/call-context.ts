import type { AnyApiDefinition, CallContext, Profile } from '../api';
import type { MockRequest } from '../core/wire';
import type { Transaction } from '../store/store';

/** What the engine knows of a call beyond its request: the profile and the Host clients signed for. */
export interface CallSettings {
  readonly profile: Profile;
  /** The Host clients addressed, when a proxy in front rewrote it (see CallContext.clientHost). */
  readonly clientHost?: string | undefined;
}

/** The context every hook of an API sees for one call (or one admin action), on a transaction. */
export function callContext(
  api: AnyApiDefinition,
  tx: Transaction,
  request: MockRequest,
  operation: string,
  settings: CallSettings,
): CallContext {
  const jobs = tx.jobs(api.id, api.machine);
  const counter = `${api.id}:id`;
  return {
    request,
    operation,
    profile: settings.profile,
    session: tx.session,
    jobs,
    data: tx.data(api.id),
    now: () => tx.now(),
    clientHost: settings.clientHost,
    newJobId() {
      let id: string;
      do id = api.newId(tx.nextNumber(counter));
      while (jobs.has(id));
      return id;
    },
    nextNumber: (name, start) => tx.nextNumber(`${api.id}:${name}`, start),
  };
}

/** The request an admin action runs with (no HTTP call behind it). */
export const ADMIN_REQUEST: MockRequest = {
  method: 'ADMIN',
  base: '',
  path: '/',
  query: {},
  headers: {},
  rawBody: '',
};
