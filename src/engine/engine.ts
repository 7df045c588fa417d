import type { AnyApiDefinition, CallContext, JobSeed, Profile } from '../api';
import type { ClockMode } from '../core/clock';
import { fault } from '../core/fault';
import type { Job } from '../core/job';
import type { Session } from '../core/session';
import { jobsOf, newSession } from '../core/session';
import type { MockReply, MockRequest } from '../core/wire';
import { jsonReply } from '../core/wire';
import { OpenApiRuntime } from '../openapi/openapi-runtime';
import { OpenRpcRuntime } from '../openrpc/openrpc-runtime';
import type { CallEnvironment } from './call-environment';
import { callContext } from './call-environment';
import type { IncomingCall } from './incoming-call';
import { splitUrl } from './incoming-call';
import type { SeedEntry } from './job-seed-entry';

export interface EngineOptions {
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
  /** The most jobs one session may hold (default 2,000,000). */
  readonly maxJobs?: number | undefined;
  /** The Host clients addressed when a proxy in front rewrites it (signatures were made for it). */
  readonly clientHost?: string | undefined;
  /** The most sessions the engine keeps (default 1,000). */
  readonly maxSessions?: number | undefined;
}

export type ApiRuntime = OpenApiRuntime | OpenRpcRuntime;

/** Header naming the session a call belongs to. */
export const SESSION_HEADER = 'x-jobmock-session';
export const DEFAULT_SESSION = 'default';
/** What a session name may look like (other names fall back to the default session). */
export const SESSION_NAME = /^[\w.:-]{1,128}$/;

/**
 * The mock engine: every registered API, their sessions and the admin operations, behind one `handle`.
 * Transports (node:http, nock) only turn their calls into an IncomingCall and write the MockReply back.
 *
 * @example
 * const engine = createEngine({ apis: registry, clock: 'manual' });
 * const reply = await engine.handle({ method: 'POST', url: '/aws-batch/v1/canceljob', headers, rawBody });
 */
export class Engine {
  readonly runtimes: ReadonlyMap<string, ApiRuntime>;
  readonly profile: Profile;
  readonly strict: boolean;
  private readonly sessions = new Map<string, Session>();
  private readonly clockMode: ClockMode;
  private readonly speed: number;
  private readonly maxJobs: number;
  private readonly maxSessions: number;
  private seed: readonly SeedEntry[];

  constructor(readonly options: EngineOptions) {
    const runtimes = new Map<string, ApiRuntime>();
    for (const api of options.apis) {
      if (options.only !== undefined && api.id !== options.only) continue;
      runtimes.set(api.id, api.protocol === 'openapi' ? new OpenApiRuntime(api) : new OpenRpcRuntime(api));
    }
    if (options.only !== undefined && runtimes.size === 0) throw new Error(`unknown API "${options.only}"`);
    this.runtimes = runtimes;
    this.profile = options.profile ?? 'documented';
    this.strict = options.strict ?? false;
    this.clockMode = options.clock ?? 'real';
    this.speed = options.speed ?? 1;
    this.maxJobs = options.maxJobs ?? 2_000_000;
    this.maxSessions = options.maxSessions ?? 1_000;
    this.seed = options.seed ?? [];
    this.checkSeed(this.seed);
  }

  /** The API ids served, in registry order. */
  get apiIds(): string[] {
    return [...this.runtimes.keys()];
  }

  /** Compiles every validator now rather than on first use. */
  warm(): void {
    for (const runtime of this.runtimes.values()) runtime.document.warm();
  }

  /** Answers one call for an API (admin calls are answered by the admin API, which wraps the engine). */
  async handle(call: IncomingCall): Promise<MockReply> {
    const { path, query } = splitUrl(call.url);
    const mounted = this.mount(path);
    if (!mounted) {
      return jsonReply(404, {
        error: {
          code: 'UnknownApi',
          message: `No API is served at ${path}; APIs: ${this.apiIds.map((id) => '/' + id).join(', ')}`,
        },
      });
    }
    const request: MockRequest = {
      method: call.method,
      base: call.base ?? mounted.base,
      path: mounted.path,
      query,
      headers: call.headers,
      rawBody: call.rawBody,
    };
    // A refused call opens no session of its own.
    const session = this.sessionFor(call.refusal ? undefined : call.headers[SESSION_HEADER]);
    if (!session) {
      const tooMany = fault(
        'LimitExceeded',
        `Too many sessions (at most ${this.maxSessions}); reset or reuse one`,
      );
      return mounted.runtime.errorReply(tooMany, request);
    }
    const env: CallEnvironment = {
      session,
      profile: this.profile,
      strict: this.strict,
      maxJobs: this.maxJobs,
      clientHost: this.options.clientHost,
      bodyTooLarge: call.bodyTooLarge === true,
      refusal: call.refusal,
    };
    return mounted.runtime.handle(request, env);
  }

  /** The session of that name, created from the seed on first use; undefined when the cap is reached. */
  sessionFor(name: string | undefined): Session | undefined {
    const key = name !== undefined && SESSION_NAME.test(name) ? name : DEFAULT_SESSION;
    let session = this.sessions.get(key);
    if (!session) {
      if (this.sessions.size >= this.maxSessions) return undefined;
      session = newSession(key, this.clockMode, this.speed);
      this.sessions.set(key, session);
      this.applySeed(session);
    }
    return session;
  }

  /** Every session that exists now. */
  allSessions(): Session[] {
    return [...this.sessions.values()];
  }

  /** Puts back a session restored from a state file. */
  restoreSession(session: Session): void {
    this.sessions.set(session.name, session);
  }

  /** Returns a session to the seed data with a fresh clock and no faults; all sessions when no name. */
  reset(name?: string): void {
    if (name === undefined) this.sessions.clear();
    else this.sessions.delete(name);
  }

  /** Replaces the seed (checked first, so a bad seed changes nothing). */
  setSeed(seed: readonly SeedEntry[]): void {
    this.checkSeed(seed);
    this.seed = seed;
  }

  /** A runtime by API id, or a NotFound fault naming the ones there are. */
  runtime(api: string): ApiRuntime {
    const runtime = this.runtimes.get(api);
    if (!runtime) throw fault('NotFound', `Unknown API "${api}"; APIs: ${this.apiIds.join(', ')}`);
    return runtime;
  }

  /** A context for admin work on one API in one session. */
  adminContext(session: Session, api: string): CallContext {
    const runtime = this.runtime(api);
    const request: MockRequest = {
      method: 'ADMIN',
      base: '',
      path: '/',
      query: {},
      headers: {},
      rawBody: '',
    };
    return callContext(runtime.api, request, 'admin', {
      session,
      profile: this.profile,
      strict: false,
      maxJobs: this.maxJobs,
      bodyTooLarge: false,
    });
  }

  /**
   * Creates a job in exactly the given state (held there unless `held: false`).
   * Throws a BadRequest fault for an unknown state or a taken id, without changing anything.
   */
  createJob(session: Session, api: string, seed: JobSeed & { held?: boolean | undefined }): Job {
    const runtime = this.runtime(api);
    const { machine } = runtime.api;
    if (!machine.states.includes(seed.state)) {
      throw fault(
        'BadRequest',
        `"${seed.state}" is not a state of ${api}; states: ${machine.states.join(', ')}`,
      );
    }
    return this.addJob(runtime, this.adminContext(session, api), seed);
  }

  /** The rest of createJob, with an admin context that may serve many jobs (a seed entry with a count). */
  private addJob(
    runtime: ApiRuntime,
    context: CallContext,
    seed: JobSeed & { held?: boolean | undefined },
  ): Job {
    if (seed.id !== undefined && context.jobs.has(seed.id))
      throw fault('Conflict', `Job ${seed.id} already exists in ${runtime.api.id}`);
    const id = seed.id ?? context.newJobId();
    // Object.assign, not `{ ...seed, id }`: on node 20 (V8 11.3) a spread followed by another key takes a slow
    // path (µs each), and seeding may create a million jobs.
    const job = runtime.api.seedJob(Object.assign({}, seed, { id }), context);
    job.held = seed.held ?? true;
    return context.jobs.add(job);
  }

  private mount(path: string): { runtime: ApiRuntime; base: string; path: string } | undefined {
    if (this.options.only !== undefined)
      return { runtime: this.runtimes.get(this.options.only)!, base: '', path };
    const end = path.indexOf('/', 1);
    const id = end < 0 ? path.slice(1) : path.slice(1, end);
    const runtime = this.runtimes.get(id);
    if (!runtime) return undefined;
    return { runtime, base: `/${id}`, path: end < 0 ? '/' : path.slice(end) };
  }

  private applySeed(session: Session): void {
    for (const entry of this.seed) {
      if (!this.runtimes.has(entry.api)) continue;
      const count = entry.count ?? 1;
      const seed = Object.assign({}, entry, {
        id: count === 1 ? entry.id : undefined,
        held: entry.held ?? false,
      });
      this.createJob(session, entry.api, seed);
      if (count === 1) continue;
      // The other jobs of the entry share one admin context rather than make one each.
      const runtime = this.runtime(entry.api);
      const context = this.adminContext(session, entry.api);
      for (let i = 1; i < count; i++) this.addJob(runtime, context, seed);
    }
  }

  private checkSeed(seed: readonly SeedEntry[]): void {
    seed.forEach((entry, i) => {
      const runtime = this.runtimes.get(entry.api);
      if (!runtime) {
        if (this.options.only === undefined) throw new Error(`seed entry ${i}: unknown API "${entry.api}"`);
        return;
      }
      if (!runtime.api.machine.states.includes(entry.state)) {
        throw new Error(`seed entry ${i}: "${entry.state}" is not a state of ${entry.api}`);
      }
    });
  }
}

/** @example const engine = createEngine({ apis: registry }); */
export function createEngine(options: EngineOptions): Engine {
  return new Engine(options);
}

/** The jobs of one API in a session, raw (without moving them along the timeline). */
export function rawJobs(session: Session, api: string): Map<string, Job> {
  return jobsOf(session, api);
}
