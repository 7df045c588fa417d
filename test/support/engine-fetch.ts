import { VIOLATIONS_HEADER } from '../../src/engine/call-environment';
import type { Engine } from '../../src/engine/engine';

/** The fetch that openapi-fetch clients take. */
export type Fetch = (request: Request) => Promise<Response>;

/** A fetch that answers from the engine in-process (no sockets) and fails the test on a strict-mode violation. */
export function engineFetch(engine: Engine): Fetch {
  return async (request) => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    const reply = await engine.handle({
      method: request.method,
      url: url.pathname + url.search,
      headers,
      rawBody: await request.text(),
    });
    expect(reply.headers[VIOLATIONS_HEADER]).toBeUndefined();
    const { body } = reply;
    const text = typeof body === 'string' || body === undefined ? body : JSON.stringify(body);
    return new Response(text ?? null, { status: reply.status, headers: reply.headers });
  };
}
