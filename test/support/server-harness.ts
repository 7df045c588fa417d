import { registry } from '../../mocks/index';
import { createMockService } from '../../src/mock-service';
import type { MockServiceOptions } from '../../src/mock-service';
import type { RunningServer } from '../../src/server/http-server';
import { listen } from '../../src/server/http-server';

/** A jobmock server on 127.0.0.1, port 0, strict and with a manual clock unless told otherwise. */
export async function startServer(
  options: Partial<MockServiceOptions> = {},
): Promise<RunningServer & { admin: AdminClient }> {
  const service = createMockService({ apis: registry, strict: true, clock: 'manual', ...options });
  const server = await listen(service, { port: 0, host: '127.0.0.1' });
  return { ...server, admin: adminClient(server.url) };
}

export type AdminClient = ReturnType<typeof adminClient>;

/** Thin typed calls to the admin API, for test set-up. */
export function adminClient(url: string, session?: string) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(session ? { 'x-jobmock-session': session } : {}),
  };
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}/__admin${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  };
  return {
    call,
    createJob: (api: string, state: string, extra: Record<string, unknown> = {}) =>
      call('POST', '/jobs', { api, state, ...extra }),
    getJob: (api: string, id: string) => call('GET', `/jobs/${api}/${encodeURIComponent(id)}`),
    advance: (advanceMs: number) => call('POST', '/clock', { advanceMs }),
  };
}
