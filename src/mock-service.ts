import { AdminApi } from './admin/admin-api';
import { isAdminPath } from './admin/admin-path';
import type { AnyApiDefinition, Profile } from './api';
import type { ClockMode } from './core/clock';
import type { Headers, MockReply } from './core/wire';
import { replyBodyText } from './core/wire';
import { Engine } from './engine/engine';
import type { IncomingCall } from './engine/incoming-call';
import type { SeedEntry } from './engine/seed-entry';
import { protocolOf } from './protocols';
import type { Limits } from './store/budget';
import { MemoryStore } from './store/memory-store';
import type { Store } from './store/store';

export interface MockServiceOptions {
  readonly apis: readonly AnyApiDefinition[];
  /** Serve this one API at the root instead of every API under `/<id>`. */
  readonly only?: string | undefined;
  readonly profile?: Profile | undefined;
  readonly clock?: ClockMode | undefined;
  /** How fast virtual time runs in the `real` clock (2 = twice as fast). */
  readonly speed?: number | undefined;
  /** Check every reply against the spec and report violations in `x-jobmock-violations`. */
  readonly strict?: boolean | undefined;
  /** Jobs every session starts with (and returns to on reset). */
  readonly seed?: readonly SeedEntry[] | undefined;
  /** What sessions may hold: jobs, bytes, how many sessions, how long an idle one lives. */
  readonly limits?: Partial<Limits> | undefined;
  /** The Host clients addressed when a proxy in front rewrites it (signatures were made for it). */
  readonly clientHost?: string | undefined;
  /** Protects the admin API (all but `GET /__admin/health`) with `Authorization: Bearer <token>`. */
  readonly adminToken?: string | undefined;
  /** Where sessions live (default: in this process's memory, with the clock and limits above). */
  readonly store?: Store | undefined;
  /** More of `GET /__admin/health`: `{ stateFile: journal.health() }` with `--state-file`. */
  readonly healthDetails?: (() => Record<string, unknown>) | undefined;
}

/**
 * The engine with its admin API in front: what every transport (node:http, nock, fetch) talks to. API specs
 * must be documents here; the Node entry points read spec files first (`loadApis`).
 *
 * @example
 * const service = createMockService({ apis: registry, clock: 'manual' });
 * const reply = await service.handle({ method: 'GET', url: '/__admin/health', headers: {}, rawBody: '' });
 */
export class MockService {
  readonly engine: Engine;
  readonly admin: AdminApi;
  readonly store: Store;

  constructor(options: MockServiceOptions) {
    this.store =
      options.store ??
      new MemoryStore({ clock: options.clock, speed: options.speed, limits: options.limits });
    const apis = options.apis.filter((api) => options.only === undefined || api.id === options.only);
    this.engine = new Engine({
      apis: apis.map((api) => ({ api, protocol: protocolOf(api, documentOf(api)) })),
      store: this.store,
      only: options.only,
      profile: options.profile,
      strict: options.strict,
      clientHost: options.clientHost,
    });
    if (options.seed?.length) this.engine.setSeed(options.seed);
    this.admin = new AdminApi(this.engine, options.adminToken, options.healthDetails);
  }

  /** Answers one call: the admin API's under `/__admin`, the engine's otherwise. */
  handle(call: IncomingCall): Promise<MockReply> | MockReply {
    return isAdminPath(call.url) ? this.admin.handle(call) : this.engine.handle(call);
  }

  /**
   * The same service as a `fetch` (WHATWG Request in, Response out), with no socket: for typed clients
   * (openapi-fetch), service workers and tests.
   *
   * @example const client = createClient<paths>({ baseUrl: 'http://mock/bigchange', fetch: service.fetch });
   */
  readonly fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const url = new URL(request.url);
    const headers: Headers = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    const reply = await this.handle({
      method: request.method,
      url: url.pathname + url.search,
      headers,
      rawBody: await request.text(),
    });
    const body = reply.status === 204 || reply.status === 304 ? null : (replyBodyText(reply) ?? null);
    return new Response(body, { status: reply.status, headers: reply.headers });
  };

  /** Stops the store's timers (and closes its connections). */
  close(): void | Promise<void> {
    return this.store.close();
  }
}

export function createMockService(options: MockServiceOptions): MockService {
  return new MockService(options);
}

function documentOf(api: AnyApiDefinition): Record<string, unknown> {
  if (typeof api.spec !== 'string') return api.spec as Record<string, unknown>;
  throw new Error(
    `${api.id}: its spec is a file (${api.spec}); load the definition with loadApis() (jobmock serve --apis does) or give the document`,
  );
}
