import type { AnyApiDefinition, JobSeed } from '../../src/api';
import type { InjectedFault } from '../../src/core/injected-fault';
import type { Job } from '../../src/core/job';
import { applyProviderState } from '../../src/admin/provider-states';
import { DEFAULT_SESSION } from '../../src/engine/session-name';
import { VIOLATIONS_HEADER } from '../../src/engine/violations';
import type { MockServiceOptions } from '../../src/mock-service';
import { createMockService } from '../../src/mock-service';
import type { Transaction } from '../../src/store/store';
import { registry } from '../../mocks/index';
import { engineFetch } from './engine-fetch';

export interface SentReply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** A fresh service with every registered API, in strict mode and with a manual clock unless told otherwise. */
export function testEngine(options: Partial<MockServiceOptions> = {}) {
  const service = createMockService({ apis: registry, strict: true, clock: 'manual', ...options });
  const { engine } = service;
  /** Runs admin work on a session (the default one unless named), in one transaction. */
  const tx = <T>(work: (tx: Transaction) => T, session = DEFAULT_SESSION): T =>
    engine.transact(session, work) as T;
  return {
    service,
    engine,
    tx,
    /** Sends one call through the engine; fails the test when strict mode found a violation. */
    async send(
      method: string,
      url: string,
      init: { headers?: Record<string, string>; body?: unknown } = {},
    ): Promise<SentReply> {
      const rawBody =
        init.body === undefined ? '' : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      const headers: Record<string, string> = { host: '127.0.0.1:4010' };
      for (const [k, v] of Object.entries(init.headers ?? {})) headers[k.toLowerCase()] = v;
      if (init.body !== undefined && typeof init.body !== 'string' && !headers['content-type'])
        headers['content-type'] = 'application/json';
      const reply = await service.handle({ method, url, headers, rawBody });
      expect(reply.headers[VIOLATIONS_HEADER]).toBeUndefined();
      return { status: reply.status, headers: reply.headers, body: reply.body };
    },
  };
}

/**
 * A test service serving one API (see testEngine), with a fetch into it for typed clients and admin actions on
 * its default session: the set-up of the per-API tests.
 */
export function apiTestEngine(api: AnyApiDefinition, options: Partial<MockServiceOptions> = {}) {
  const t = testEngine({ apis: [api], ...options });
  return {
    ...t,
    /** A fetch into the service (no sockets) that fails the test on a strict-mode violation. */
    fetch: engineFetch(t.service),
    /** A job put in a state through the admin path (held there unless `held: false`). */
    createJob: (seed: JobSeed & { held?: boolean }) => t.tx((tx) => t.engine.createJob(tx, api.id, seed)),
    /** The job as the store holds it now (moved along its timeline), or undefined. */
    job: (id: string): Job | undefined => t.tx((tx) => t.engine.context(tx, api.id).jobs.get(id)),
    /** The session's virtual time. */
    now: () => t.tx((tx) => tx.now()),
    advance: (ms: number) => t.tx((tx) => tx.advanceClock(ms)),
    /** Adds a fault to the session as it is (the admin API would check it first). */
    injectFault: (fault: Omit<InjectedFault, 'api'>) =>
      t.tx((tx) => {
        const state = tx.faultState();
        tx.setFaultState({ ...state, faults: [...state.faults, { api: api.id, ...fault }] });
      }),
    providerState: (state: string, params: Record<string, unknown> = {}) =>
      t.tx((tx) => applyProviderState(t.engine, tx, api.id, { state, params })),
  };
}
