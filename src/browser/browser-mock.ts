import { AdminClient } from '../admin/admin-client';
import type { AnyApiDefinition, Profile } from '../api';
import type { ClockMode } from '../core/clock';
import type { InjectedFault } from '../core/injected-fault';
import type { Headers } from '../core/wire';
import { replyBodyText } from '../core/wire';
import type { IncomingCall } from '../engine/incoming-call';
import type { SeedEntry } from '../engine/seed-entry';
import { DEFAULT_SESSION, SESSION_HEADER, SESSION_NAME } from '../engine/session-name';
import { VIOLATIONS_HEADER } from '../engine/violations';
import type { InterceptedJob, Violation } from '../intercept/intercept';
import type { JournalEntry } from '../journal/journal-entry';
import type { RequestFilter } from '../journal/request-filter';
import type { MockService } from '../mock-service';
import { createMockService } from '../mock-service';

/** State names by API id (`ApiStates` for jobmock's own APIs). */
export type StatesById = { readonly [id: string]: string };

/** A job as the admin API shows it: state, history and the API's own document. */
export type MockJob<S extends string = string> = InterceptedJob<S>;

export interface MockOptions<States extends Record<keyof States, string> = StatesById> {
  /** API definitions of your own, served beside jobmock's. */
  readonly apis?: readonly AnyApiDefinition[] | undefined;
  /** `documented` (default): the vendor documentation's behaviour; `upstream`: the real service's. */
  readonly profile?: Profile | undefined;
  /** `manual` (default): time moves only with `clock.advance()`; `real`: wall-clock time scaled by `speed`. */
  readonly clock?: ClockMode | undefined;
  readonly speed?: number | undefined;
  /** Check every reply against the spec (default true); violations are collected in `violations`. */
  readonly strict?: boolean | undefined;
  /** Jobs every session starts with (and returns to on `reset()`). */
  readonly seed?: readonly SeedOf<States>[] | undefined;
  /** The session calls without `X-Jobmock-Session` and the admin methods use (default `default`). */
  readonly session?: string | undefined;
}

/** A seed entry of one API, typed with that API's state names. */
export type SeedOf<States extends Record<keyof States, string>> = {
  [Id in keyof States & string]: Omit<SeedEntry, 'api' | 'state'> & {
    readonly api: Id;
    readonly state: States[Id];
  };
}[keyof States & string];

/** Where a front end calls an API: the path of its base URL, e.g. '' for `https://batch.us-east-1.amazonaws.com`. */
export interface Mount {
  readonly api: string;
  readonly basePath: string;
}

/** What `jobs.create` takes besides the API and the state. */
export interface CreateJobOptions {
  readonly id?: string | undefined;
  readonly owner?: string | undefined;
  /** Keep the job in its state (default true); false lets it follow the API's timeline. */
  readonly held?: boolean | undefined;
  readonly fields?: Record<string, unknown> | undefined;
}

/**
 * The stateful mocks in this JavaScript realm (a browser page, a service worker, a test): every API under
 * `/<id>` and the admin API under `/__admin` behind `fetch`, and the admin API's actions as methods on one
 * session. No server, no Node built-in.
 */
export interface Mock<States extends Record<keyof States, string> = StatesById> {
  /** The MockService answering the calls. */
  readonly service: MockService;
  readonly session: string;
  /** Strict-mode violations seen by `fetch` so far, oldest first. */
  readonly violations: readonly Violation[];
  /**
   * The service as a `fetch`: `<any origin>/<api id>/…` reaches that API and `/__admin/…` the admin API, as on
   * `jobmock serve`. The request's Host (for SigV4) is the URL's.
   */
  fetch(input: Request | string | URL, init?: RequestInit): Promise<Response>;
  /**
   * Answers a request sent to an API's own base URL (what the MSW handlers do): `mount.basePath` is that URL's
   * path, which signatures cover; the rest of the path goes to API `mount.api`.
   */
  answer(request: Request, mount?: Mount): Promise<Response>;
  readonly jobs: {
    /** Creates a job in exactly `state`, held there unless `held: false`. */
    create<Id extends keyof States & string>(
      api: Id,
      state: States[Id],
      options?: CreateJobOptions,
    ): MockJob<States[Id]>;
    /** One job with its history; throws (code `NotFound`) when there is none. */
    get<Id extends keyof States & string>(api: Id, id: string): MockJob<States[Id]>;
    /** The session's jobs of one API, in creation order, optionally only those in `state`. */
    list<Id extends keyof States & string>(api: Id, state?: States[Id]): MockJob<States[Id]>[];
  };
  readonly clock: {
    /** The session's virtual time (epoch ms). */
    now(): number;
    /** Moves the session's virtual time forward; returns the new time (epoch ms). */
    advance(ms: number): number;
  };
  readonly faults: {
    /** Makes the next matching calls fail with the API's own error and/or wait. */
    add(fault: InjectedFault): void;
    list(): InjectedFault[];
    clear(): void;
  };
  /**
   * The session's request journal, oldest first: each call with its operation, status, the jobs it named and the
   * transitions it caused, credentials redacted (`GET /__admin/requests`, without a limit unless given).
   */
  requests(filter?: RequestFilter): JournalEntry[];
  /** Empties the session's request journal. */
  clearRequests(): void;
  /** Returns the session to the seed data, with a fresh clock and no faults. */
  reset(): void;
  /** Sets up a Pact provider state of one API; returns its values. */
  providerState(
    api: keyof States & string,
    name: string,
    params?: Record<string, unknown>,
  ): Record<string, unknown>;
  /** Stops the clock's timers. */
  close(): void;
}

/** An admin action the admin API refused, with its `{error: {code, message}}`. */
export class MockAdminError extends Error {
  override readonly name = 'MockAdminError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Builds the mocks of `registry` (and `options.apis`) in this realm: the entry `jobmock/browser` binds the
 * registry.
 *
 * @example
 * const mock = createMockOf(registry, { clock: 'manual' });
 * const job = mock.jobs.create('kbase', 'run');
 * await mock.fetch('http://mock/kbase', { method: 'POST', headers: { authorization: 'user-token' }, body });
 * mock.jobs.get('kbase', job.id).state; // 'terminate'
 */
export function createMockOf<States extends Record<keyof States, string>>(
  registry: readonly AnyApiDefinition[],
  options: MockOptions<States> = {},
): Mock<States> {
  const session = options.session ?? DEFAULT_SESSION;
  if (!SESSION_NAME.test(session))
    throw new Error(`jobmock: session "${session}" must match ${String(SESSION_NAME)}`);
  const service = createMockService({
    apis: [...registry, ...(options.apis ?? [])],
    profile: options.profile,
    clock: options.clock ?? 'manual',
    speed: options.speed,
    strict: options.strict ?? true,
    seed: options.seed,
  });
  const admin = new AdminClient(
    service.admin,
    session,
    (status, code, message) => new MockAdminError(status, code, message),
  );
  const violations: Violation[] = [];
  type Id = keyof States & string;
  const answer = async (request: Request, mount?: Mount): Promise<Response> => {
    const call = await incomingCall(request, session, mount);
    const reply = await service.handle(call);
    const found = reply.headers[VIOLATIONS_HEADER];
    if (found !== undefined) {
      const messages = JSON.parse(found) as string[];
      violations.push({ method: call.method, url: call.url, status: reply.status, messages });
    }
    const body = reply.status === 204 || reply.status === 304 ? null : (replyBodyText(reply) ?? null);
    return new Response(body, { status: reply.status, headers: reply.headers });
  };
  return {
    service,
    session,
    violations,
    fetch: (input, init) =>
      answer(input instanceof Request && init === undefined ? input : new Request(input, init)),
    answer,
    jobs: {
      create: (api: Id, state: string, job: CreateJobOptions = {}) =>
        admin.call('POST', '/jobs', { api, state, ...job }) as MockJob<never>,
      get: (api: Id, id: string) =>
        admin.call('GET', `/jobs/${encodeURIComponent(api)}/${encodeURIComponent(id)}`) as MockJob<never>,
      list: (api: Id, state?: string) => admin.jobs<MockJob<never>>(api, state),
    },
    clock: {
      now: () => (admin.call('GET', '/clock') as { now: number }).now,
      advance: (ms) => (admin.call('POST', '/clock', { advanceMs: ms }) as { now: number }).now,
    },
    faults: {
      add: (fault) => void admin.call('POST', '/faults', fault),
      list: () => (admin.call('GET', '/faults') as { faults: InjectedFault[] }).faults,
      clear: () => void admin.call('DELETE', '/faults'),
    },
    requests: (filter = {}) => {
      const entries = service.requests(session, filter);
      if (entries instanceof Promise)
        throw new Error('jobmock: the browser mock keeps its sessions in memory');
      return entries;
    },
    clearRequests: () => void admin.call('DELETE', '/requests'),
    reset: () => void admin.call('POST', '/reset'),
    providerState: (api, name, params = {}) =>
      admin.call('POST', `/provider-states?${new URLSearchParams({ api })}`, {
        state: name,
        params,
        action: 'setup',
      }) as Record<string, unknown>,
    close: () => service.close(),
  };
}

/** A fetch Request as the engine's call: header names lower case, Host from the URL (fetch never sends one). */
async function incomingCall(
  request: Request,
  session: string,
  mount: Mount | undefined,
): Promise<IncomingCall> {
  const url = new URL(request.url);
  const headers: Headers = {};
  request.headers.forEach((value, name) => (headers[name] = value));
  headers.host ??= url.host;
  headers[SESSION_HEADER] ??= session;
  const rawBody = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
  if (mount === undefined)
    return { method: request.method, url: url.pathname + url.search, headers, rawBody };
  const below = url.pathname.slice(mount.basePath.length);
  return {
    method: request.method,
    url: `/${mount.api}${below === '' || below.startsWith('/') ? below : `/${below}`}${url.search}`,
    headers,
    rawBody,
    base: mount.basePath,
  };
}
