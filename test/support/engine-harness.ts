import type { EngineOptions } from '../../src/engine/engine';
import { createEngine } from '../../src/engine/engine';
import { VIOLATIONS_HEADER } from '../../src/engine/call-environment';
import { registry } from '../../mocks/index';

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
