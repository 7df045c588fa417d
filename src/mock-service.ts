import { AdminApi } from './admin/admin-api';
import type { InspectorFiles } from './admin/inspector-files';
import { isAdminPath } from './admin/admin-path';
import type { AnyApiDefinition, Profile } from './api';
import type { ChaosConfig } from './core/chaos';
import type { ClockMode } from './core/clock';
import { isFault } from './core/fault';
import type { Headers, MockReply } from './core/wire';
import { fetchResponse } from './core/fetch-response';
import { Engine } from './engine/engine';
import type { IncomingCall } from './engine/incoming-call';
import type { SeedEntry } from './engine/seed-entry';
import type { CallRecord } from './journal/call-record';
import type { JournalEntry } from './journal/journal-entry';
import type { RequestFilter } from './journal/request-filter';
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
  /** Options for individual APIs, by API id, handed to their `withOptions` (e.g. credentials to accept). */
  readonly apiOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>> | undefined;
  /** Seeded chaos in every session that sets none of its own (`serve --chaos`); checked like `POST /__admin/chaos`. */
  readonly chaos?: ChaosConfig | undefined;
  /** The longest an injected hang or slow body lasts, in ms (`serve --max-hang`; default 30 s). */
  readonly maxHangMs?: number | undefined;
  /**
   * Keep each session's last calls in its request journal (default true; `limits.journalEntries` of them):
   * `GET /__admin/requests`, `interceptor.requests()`, the inspector's traffic.
   */
  readonly journal?: boolean | undefined;
  /** Called with the record of every call (`jobmock serve --log` writes a line for each: `logLine`). */
  readonly onCall?: ((record: CallRecord) => void) | undefined;
  /** The web inspector's files, served at `/__admin/ui` (`jobmock serve` loads the built ones). */
  readonly inspector?: InspectorFiles | undefined;
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
    const apis = servedDefinitions(options.apis, options.only, options.apiOptions);
    this.engine = new Engine({
      apis: apis.map((api) => ({ api, protocol: protocolOf(api, documentOf(api), options.profile) })),
      store: this.store,
      only: options.only,
      profile: options.profile,
      strict: options.strict,
      clientHost: options.clientHost,
      chaos: options.chaos,
      maxHangMs: options.maxHangMs,
      journal: options.journal,
      onCall: options.onCall,
    });
    if (options.seed?.length) this.engine.setSeed(options.seed);
    this.admin = new AdminApi(this.engine, options.adminToken, options.healthDetails, options.inspector);
    if (options.chaos) checkChaos(this.admin, options.chaos);
  }

  /** A session's request journal, filtered (what `GET /__admin/requests` answers, without a limit unless given). */
  requests(session: string, filter: RequestFilter = {}): JournalEntry[] | Promise<JournalEntry[]> {
    return this.store.requests(session, filter);
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
    return fetchResponse(reply, request.signal);
  };

  /** Stops the store's timers (and closes its connections). */
  close(): void | Promise<void> {
    return this.store.close();
  }
}

export function createMockService(options: MockServiceOptions): MockService {
  return new MockService(options);
}

/** The definition configured with its options, if it was given any (an API that takes none refuses them). */
/** The definitions a service serves: `only` that one, each as its options make it. */
export function servedDefinitions(
  apis: readonly AnyApiDefinition[],
  only: string | undefined,
  apiOptions: MockServiceOptions['apiOptions'],
): AnyApiDefinition[] {
  return apis
    .filter((api) => only === undefined || api.id === only)
    .map((api) => withApiOptions(api, apiOptions?.[api.id]));
}

function withApiOptions(
  api: AnyApiDefinition,
  options: Readonly<Record<string, unknown>> | undefined,
): AnyApiDefinition {
  if (options === undefined) return api;
  if (!api.withOptions) throw new Error(`${api.id}: this API takes no options`);
  return api.withOptions(options);
}

/** The service's chaos, checked as the admin API checks it: an Error naming what is wrong. */
function checkChaos(admin: AdminApi, chaos: ChaosConfig): void {
  try {
    admin.checkChaos(chaos);
  } catch (error) {
    if (!isFault(error)) throw error;
    const issues = error.details.issues?.map((i) => `${i.location} ${i.message}`).join('; ');
    throw new Error(`chaos: ${issues ?? error.message}`);
  }
}

function documentOf(api: AnyApiDefinition): Record<string, unknown> {
  if (typeof api.spec !== 'string') return api.spec as Record<string, unknown>;
  throw new Error(
    `${api.id}: its spec is a file (${api.spec}); load the definition with loadApis() (jobmock serve --apis does) or give the document`,
  );
}
