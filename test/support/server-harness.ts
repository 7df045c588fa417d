import { registry } from '../../mocks/index';
import type { AnyApiDefinition } from '../../src/api';
import { createMockService } from '../../src/mock-service';
import type { MockServiceOptions } from '../../src/mock-service';
import type { RunningServer } from '../../src/server/http-server';
import { listen } from '../../src/server/http-server';
import { testStore } from './test-store';

/** A jobmock server on 127.0.0.1, port 0, strict and with a manual clock unless told otherwise. */
export async function startServer(
  options: Partial<MockServiceOptions> = {},
): Promise<RunningServer & { admin: AdminClient }> {
  const settings = { apis: registry, strict: true, clock: 'manual' as const, ...options };
  const service = createMockService({ ...settings, store: testStore(settings) });
  const server = await listen(service, { port: 0, host: '127.0.0.1' });
  return {
    ...server,
    admin: adminClient(server.url),
    close: () => server.close().then(() => service.close()),
  };
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

/** The two ways `jobmock serve` mounts an API: beside the others under `/<id>`, or alone at the root (`--api`). */
export const MOUNTS = ['under its prefix', 'alone at the root'] as const;
export type Mount = (typeof MOUNTS)[number];

/** One API served for the tests of a describe block. */
export interface ServedApi {
  /** Where the API is mounted (`http://127.0.0.1:<port>/<id>`, or the root). */
  readonly url: string;
  readonly admin: AdminClient;
}

/**
 * jobmock serving one API (strict, manual clock) for the tests of the describe block that calls it: started
 * before them, closed after them.
 *
 * @example describe.each(MOUNTS)('the API %s', (mount) => { const served = serveForTests(itential, mount); ... })
 */
export function serveForTests(api: AnyApiDefinition, mount: Mount = 'under its prefix'): ServedApi {
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  beforeAll(async () => {
    server = await startServer({ apis: [api], ...(mount === 'alone at the root' ? { only: api.id } : {}) });
  });
  afterAll(() => server?.close());
  const running = () => {
    if (!server) throw new Error('the server runs inside tests only');
    return server;
  };
  return {
    get url() {
      return running().url + (mount === 'alone at the root' ? '' : `/${api.id}`);
    },
    get admin() {
      return running().admin;
    },
  };
}
