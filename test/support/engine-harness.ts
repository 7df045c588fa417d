import type { AnyApiDefinition, JobSeed } from '../../src/api';
import type { EngineOptions } from '../../src/engine/engine';
import { createEngine, DEFAULT_SESSION } from '../../src/engine/engine';
import { VIOLATIONS_HEADER } from '../../src/engine/call-environment';
import { registry } from '../../mocks/index';
import { engineFetch } from './engine-fetch';

export interface SentReply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** A fresh engine with every registered API, in strict mode and with a manual clock unless told otherwise. */
export function testEngine(options: Partial<EngineOptions> = {}) {
  const engine = createEngine({ apis: registry, strict: true, clock: 'manual', ...options });
  return {
    engine,
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
      const reply = await engine.handle({ method, url, headers, rawBody });
      expect(reply.headers[VIOLATIONS_HEADER]).toBeUndefined();
      const body = typeof reply.body === 'string' ? reply.body : reply.body;
      return { status: reply.status, headers: reply.headers, body };
    },
  };
}

/**
 * A test engine serving one API (see testEngine), with its default session, a fetch into it for typed clients
 * and a way to put jobs in a state: the set-up of the per-API engine tests.
 */
export function apiTestEngine(api: AnyApiDefinition, options: Partial<EngineOptions> = {}) {
  const t = testEngine({ apis: [api], ...options });
  const session = t.engine.sessionFor(DEFAULT_SESSION)!;
  return {
    ...t,
    session,
    /** A fetch into the engine (no sockets) that fails the test on a strict-mode violation. */
    fetch: engineFetch(t.engine),
    /** A job put in a state through the admin path (held there unless `held: false`). */
    createJob: (seed: JobSeed & { held?: boolean }) => t.engine.createJob(session, api.id, seed),
    advance: (ms: number) => session.clock.advance(ms),
  };
}
