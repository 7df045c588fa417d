import { AdminClient } from '../admin/admin-client';
import { isAdminPath } from '../admin/admin-path';
import type { AnyApiDefinition, Profile } from '../api';
import type { ChaosConfig } from '../core/chaos';
import type { ClockMode } from '../core/clock';
import type { ThrottleWindow } from '../core/fault-state';
import type { InjectedFault } from '../core/injected-fault';
import type { MockReply } from '../core/wire';
import type { IncomingCall } from '../engine/incoming-call';
import type { SeedEntry } from '../engine/seed-entry';
import { DEFAULT_SESSION, SESSION_HEADER, SESSION_NAME } from '../engine/session-name';
import { VIOLATIONS_HEADER } from '../engine/violations';
import type { JournalEntry } from '../journal/journal-entry';
import type { RequestFilter } from '../journal/request-filter';
import type { MockService } from '../mock-service';
import { createMockService } from '../mock-service';
import type { CallExpectation } from './call-expectation';
import { unmetExpectation } from './call-expectation';
import { mountOnOrigin } from './nock-origin';

/** A job the interceptor starts with (and returns to on `reset()`): a seed entry of its own API. */
export type InterceptSeed<S extends string = string> = Omit<SeedEntry, 'api' | 'state'> & {
  readonly state: S;
};

export interface InterceptOptions<S extends string = string> {
  /** API definitions of your own, served beside jobmock's (the same as `jobmock serve --apis`). */
  readonly apis?: readonly AnyApiDefinition[] | undefined;
  /** `documented` (default): the vendor documentation's behaviour; `upstream`: the real service's. */
  readonly profile?: Profile | undefined;
  /** The session the interceptor's calls and admin actions use (default `default`); a request's own `X-Jobmock-Session` wins. */
  readonly session?: string | undefined;
  /** `manual` (default): time moves only with `advance()`; `real`: wall-clock time scaled by `speed`. */
  readonly clock?: ClockMode | undefined;
  readonly speed?: number | undefined;
  /** Check every reply against the spec (default true); violations are collected in `violations`. */
  readonly strict?: boolean | undefined;
  /** Jobs every session starts with. */
  readonly seed?: readonly InterceptSeed<S>[] | undefined;
  /**
   * Whether requests to hosts nobody intercepts may reach the network (default true, nock's own setting is
   * left as it is). False blocks them (`nock.disableNetConnect()`) until the last such interceptor is disposed.
   */
  readonly allowNetwork?: boolean | undefined;
  /**
   * Share a MockService (its engine, sessions and jobs) with other interceptors or a server; the engine
   * options above then belong to that service and may not be given here.
   */
  readonly service?: MockService | undefined;
  /** The shared service's admin token, when it was created with one. */
  readonly adminToken?: string | undefined;
  /** Seeded chaos in every session (as `serve --chaos`); `startChaos()` sets it for the interceptor's session. */
  readonly chaos?: ChaosConfig | undefined;
  /** The longest an injected hang or slow body lasts, in ms (default 30 s). */
  readonly maxHangMs?: number | undefined;
}

/** One history entry of a job: a state and the virtual time it was entered. */
export interface InterceptedHistoryEntry<S extends string = string> {
  readonly state: S;
  readonly at: number;
  readonly note?: string;
}

/** A job as the admin API shows it (`GET /__admin/jobs/{api}/{id}`): state, history and the API's own document. */
export interface InterceptedJob<S extends string = string> {
  readonly api: string;
  readonly id: string;
  readonly state: S;
  readonly held: boolean;
  readonly owner?: string;
  readonly history: readonly InterceptedHistoryEntry<S>[];
  /** The job as the API itself shows it. */
  readonly document: unknown;
}

/** What `injectFault` takes: a fault of the admin API, for the interceptor's own API. */
export type FaultSpec = Readonly<Omit<InjectedFault, 'api'>>;

/** The session's faults as `GET /__admin/faults` shows them, and the throttle windows open now. */
export interface FaultList {
  readonly faults: readonly InjectedFault[];
  readonly throttled?: readonly ThrottleWindow[];
}

/** The chaos that applies to the session (`GET /__admin/chaos`), and where it comes from. */
export interface ChaosState {
  readonly chaos: ChaosConfig | null;
  readonly from: 'session' | 'server' | 'none';
}

/** A reply that strict mode found at odds with the spec. */
export interface Violation {
  readonly method: string;
  /** The path (and query) below the base URL. */
  readonly url: string;
  readonly status: number;
  readonly messages: readonly string[];
}

/**
 * An API intercepted in-process: the admin actions as methods, on the interceptor's session.
 * Admin actions that the admin API refuses throw an {@link InterceptAdminError}.
 */
export interface Interceptor<S extends string = string> {
  readonly apiId: string;
  readonly baseUrl: string;
  readonly session: string;
  /** The MockService answering the calls (pass it as `options.service` to share it). */
  readonly service: MockService;
  /** Strict-mode violations seen so far (from the `x-jobmock-violations` header), oldest first. */
  readonly violations: readonly Violation[];
  /** Creates a job in exactly `state`, held there unless `held: false`. */
  createJob(
    state: S,
    options?: {
      id?: string | undefined;
      owner?: string | undefined;
      held?: boolean | undefined;
      fields?: Record<string, unknown> | undefined;
    },
  ): InterceptedJob<S>;
  /** One job with its history; throws (code `NotFound`) when there is none. */
  getJob(id: string): InterceptedJob<S>;
  /** The session's jobs of this API, in creation order, optionally only those in `state`. */
  jobs(state?: S): InterceptedJob<S>[];
  /** Moves the session's virtual time forward; returns the new time (epoch ms). */
  advance(ms: number): number;
  /** The session's virtual time (epoch ms). */
  now(): number;
  /**
   * Injects a fault into the next matching calls (see `POST /__admin/faults`): the API's own error, latency,
   * throttling, a network fault, an ignored call or a job that fails on its own.
   */
  injectFault(fault: FaultSpec): void;
  /** The session's injected faults (every API's) and open throttle windows. */
  faults(): FaultList;
  /** Removes every injected fault and rate limit of the session, and ends its throttle windows. */
  clearFaults(): void;
  /** Starts seeded chaos in the session (`POST /__admin/chaos`; `apis` defaults to this API). */
  startChaos(chaos: ChaosConfig): ChaosState;
  /** The chaos that applies to the session. */
  chaos(): ChaosState;
  /** Stops chaos in the session (the service's own too, until reset). */
  stopChaos(): void;
  /** Returns the session to the seed data, with a fresh clock and no faults. */
  reset(): void;
  /** Sets up a Pact provider state (e.g. `a job {jobId} in state {state}`); returns its values. */
  providerState(name: string, params?: Record<string, unknown>): Record<string, unknown>;
  /**
   * The calls of this API that the session received (its request journal), oldest first, credentials redacted:
   * operation, status, the jobs each named and the transitions it caused, request and reply.
   *
   * @example batch.requests({ operation: 'CancelJob', jobId: job.id })
   */
  requests(filter?: RequestFilter): JournalEntry[];
  /**
   * Throws unless the calls of this API meet the expectation (at least one matching call, or exactly `times`);
   * the message shows the calls that came closest.
   *
   * @example batch.expectCalled({ operation: 'CancelJob', jobId: job.id, times: 1 })
   */
  expectCalled(expectation: CallExpectation): void;
  /** Empties the session's request journal (a `reset()` does too). */
  clearRequests(): void;
  /** Removes the interception (the network is back to normal once the last interceptor is disposed). */
  dispose(): void;
}

const IN_MEMORY_ONLY =
  'jobmock: intercept() drives a service whose store answers at once (the in-memory store)';

/** An admin action the admin API refused, with its `{error: {code, message}}`. */
export class InterceptAdminError extends Error {
  override readonly name = 'InterceptAdminError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Intercepts `baseUrl` in-process with nock and answers it as API `apiId` of `apis` (served at the base
 * URL, as `jobmock serve --api <id>` serves it at the root), or of `options.service` when one is shared.
 * The package entry binds `apis` to the registry.
 *
 * @example
 * const batch = intercept(registry, 'aws-batch', 'https://batch.us-east-1.amazonaws.com');
 * const job = batch.createJob('RUNNABLE');
 * // ... the AWS SDK cancels it ...
 * expect(batch.getJob(job.id).state).toBe('FAILED');
 * batch.dispose();
 */
export function intercept<S extends string = string>(
  apis: readonly AnyApiDefinition[],
  apiId: string,
  baseUrl: string,
  options: InterceptOptions<S> = {},
): Interceptor<S> {
  // A shared service decides which APIs there are (it may serve APIs of the user's own); otherwise `apis` does.
  apis = [...apis, ...(options.apis ?? [])];
  if (options.service) checkShared(options, apiId);
  else if (!apis.some((api) => api.id === apiId)) {
    throw new Error(`jobmock: unknown API "${apiId}"; APIs: ${apis.map((api) => api.id).join(', ')}`);
  }
  const session = options.session ?? DEFAULT_SESSION;
  if (!SESSION_NAME.test(session)) {
    throw new Error(`jobmock: session "${session}" must match ${String(SESSION_NAME)}`);
  }
  const { origin, basePath } = parseBaseUrl(baseUrl);
  const service = options.service ?? ownService(apis, apiId, options);
  return new InterceptorHandle<S>(service, apiId, baseUrl, origin, basePath, session, options);
}

function parseBaseUrl(baseUrl: string): { origin: string; basePath: string } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(`jobmock: "${baseUrl}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`jobmock: "${baseUrl}" is not an http or https URL`);
  if (url.search || url.hash || url.username || url.password)
    throw new Error(`jobmock: the base URL "${baseUrl}" may not have a query, a fragment or credentials`);
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') };
}

function ownService(apis: readonly AnyApiDefinition[], apiId: string, options: InterceptOptions<string>) {
  return createMockService({
    apis,
    only: apiId,
    profile: options.profile,
    clock: options.clock ?? 'manual',
    speed: options.speed,
    strict: options.strict ?? true,
    seed: options.seed?.map((entry) => ({ ...entry, api: apiId })),
    chaos: options.chaos,
    maxHangMs: options.maxHangMs,
  });
}

function checkShared(options: InterceptOptions<string>, apiId: string): void {
  const service = options.service!;
  const own = (['profile', 'clock', 'speed', 'strict', 'seed', 'apis', 'chaos', 'maxHangMs'] as const).filter(
    (k) => options[k] !== undefined,
  );
  if (own.length) {
    throw new Error(
      `jobmock: ${own.join(', ')} belong to the shared service; create it with them instead of passing them to intercept()`,
    );
  }
  if (!service.engine.apis.has(apiId)) {
    throw new Error(
      `jobmock: the shared service does not serve "${apiId}" (it serves ${service.engine.apiIds.join(', ')})`,
    );
  }
}

class InterceptorHandle<S extends string> implements Interceptor<S> {
  readonly violations: Violation[] = [];
  private readonly unmount: () => void;
  /** Where the API sits in the service: '' when it serves this API alone, `/<id>` when it serves several. */
  private readonly prefix: string;
  private readonly client: AdminClient;

  constructor(
    readonly service: MockService,
    readonly apiId: string,
    readonly baseUrl: string,
    origin: string,
    basePath: string,
    readonly session: string,
    options: InterceptOptions<S>,
  ) {
    this.prefix = service.engine.options.only === apiId ? '' : `/${apiId}`;
    this.client = new AdminClient(
      service.admin,
      session,
      (status, code, message) => new InterceptAdminError(status, code, `${apiId}: ${message}`),
      options.adminToken,
    );
    this.unmount = mountOnOrigin(origin, {
      basePath,
      blocksNetwork: options.allowNetwork === false,
      answer: (call) => this.answer(call),
      notFound: (call) => this.notFound(call),
    });
  }

  createJob(
    state: S,
    options: { id?: string; owner?: string; held?: boolean; fields?: Record<string, unknown> } = {},
  ): InterceptedJob<S> {
    return this.admin('POST', '/jobs', { api: this.apiId, state, ...options }) as InterceptedJob<S>;
  }

  getJob(id: string): InterceptedJob<S> {
    return this.admin('GET', `/jobs/${this.apiId}/${encodeURIComponent(id)}`) as InterceptedJob<S>;
  }

  jobs(state?: S): InterceptedJob<S>[] {
    return this.client.jobs<InterceptedJob<S>>(this.apiId, state);
  }

  advance(ms: number): number {
    return (this.admin('POST', '/clock', { advanceMs: ms }) as { now: number }).now;
  }

  now(): number {
    return (this.admin('GET', '/clock') as { now: number }).now;
  }

  injectFault(spec: FaultSpec): void {
    this.admin('POST', '/faults', { api: this.apiId, ...spec });
  }

  faults(): FaultList {
    return this.admin('GET', '/faults') as FaultList;
  }

  clearFaults(): void {
    this.admin('DELETE', '/faults');
  }

  startChaos(chaos: ChaosConfig): ChaosState {
    return this.admin('POST', '/chaos', { apis: [this.apiId], ...chaos }) as ChaosState;
  }

  chaos(): ChaosState {
    return this.admin('GET', '/chaos') as ChaosState;
  }

  stopChaos(): void {
    this.admin('DELETE', '/chaos');
  }

  reset(): void {
    this.admin('POST', '/reset');
  }

  providerState(name: string, params: Record<string, unknown> = {}): Record<string, unknown> {
    const query = new URLSearchParams({ api: this.apiId });
    return this.admin('POST', `/provider-states?${query}`, {
      state: name,
      params,
      action: 'setup',
    }) as Record<string, unknown>;
  }

  requests(filter: RequestFilter = {}): JournalEntry[] {
    const entries = this.service.requests(this.session, { api: this.apiId, ...filter });
    if (entries instanceof Promise) throw new Error(IN_MEMORY_ONLY);
    return entries;
  }

  expectCalled(expectation: CallExpectation): void {
    const problem = unmetExpectation(this.requests(), expectation);
    if (problem !== undefined) throw new Error(problem);
  }

  clearRequests(): void {
    this.admin('DELETE', '/requests');
  }

  dispose(): void {
    this.unmount();
  }

  private async answer(call: IncomingCall): Promise<MockReply> {
    const headers = { ...call.headers, [SESSION_HEADER]: call.headers[SESSION_HEADER] ?? this.session };
    const url = isAdminPath(call.url) ? call.url : this.prefix + call.url;
    const reply = await this.service.handle({ ...call, url, headers });
    const found = reply.headers[VIOLATIONS_HEADER];
    if (found !== undefined) {
      this.violations.push({
        method: call.method,
        url: call.url,
        status: reply.status,
        messages: JSON.parse(found) as string[],
      });
    }
    return reply;
  }

  /** A call to the origin outside the base URL: the API answers it as a path it does not have. */
  private notFound(call: IncomingCall): Promise<MockReply> {
    return this.answer({ ...call, base: '' });
  }

  /** One admin API call on this interceptor's session, through the service's own AdminApi. */
  private admin(method: string, path: string, body?: unknown): unknown {
    return this.client.call(method, path, body);
  }
}
