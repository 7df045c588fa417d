import type { AnyApiDefinition, CallContext, JobSeed, Principal, Profile, ValidCall } from '../api';
import type { ChaosConfig } from '../core/chaos';
import type { Fault } from '../core/fault';
import { fault, kindOfStatus } from '../core/fault';
import type { FaultEffect, OperationFaults } from '../core/fault-effect';
import type { FaultSettings } from '../core/fault-plan';
import { planFault } from '../core/fault-plan';
import type { FaultState } from '../core/fault-state';
import { isQuiet } from '../core/fault-state';
import type { Job } from '../core/job';
import { canMove } from '../core/machine';
import { namedValues } from '../core/named-values';
import type { NetworkFault } from '../core/network-fault';
import type { MockReply, MockRequest } from '../core/wire';
import { jsonReply } from '../core/wire';
import type { SessionCreation, Store, Transaction } from '../store/store';
import type { CallSettings } from './call-context';
import { ADMIN_REQUEST, callContext } from './call-context';
import { DiscardedChanges } from './discarded-changes';
import type { IncomingCall } from './incoming-call';
import { splitUrl } from './incoming-call';
import type { Outcome, ParsedRequest, Protocol, RoutedCall } from './protocol';
import type { SeedEntry } from './seed-entry';
import { sessionOf } from './session-name';
import { asFault } from './unexpected-error';
import { VIOLATIONS_HEADER, violationsHeader } from './violations';

/** An API with the protocol compiled from its spec. */
export interface ServedApi {
  readonly api: AnyApiDefinition;
  readonly protocol: Protocol;
}

export interface EngineOptions {
  readonly apis: readonly ServedApi[];
  readonly store: Store;
  /** Serve this one API at the root instead of every API under `/<id>`. */
  readonly only?: string | undefined;
  readonly profile?: Profile | undefined;
  /** Check every reply against the spec and report violations in `x-jobmock-violations`. */
  readonly strict?: boolean | undefined;
  /** The Host clients addressed when a proxy in front rewrites it (signatures were made for it). */
  readonly clientHost?: string | undefined;
  /** Chaos for every session that sets none of its own (`serve --chaos`). */
  readonly chaos?: ChaosConfig | undefined;
  /** The longest an injected hang or slow body lasts (`serve --max-hang`; default DEFAULT_MAX_HANG_MS). */
  readonly maxHangMs?: number | undefined;
}

/** The longest latency one injected fault may add, so a client can never hang the server. */
export const MAX_INJECTED_LATENCY_MS = 60_000;

/** How long an injected hang lasts at most unless told otherwise: the server's request timeout. */
export const DEFAULT_MAX_HANG_MS = 30_000;

/** What decides whether a call's handler runs: who called, its input, and the fault injected into it. */
interface Admission {
  readonly input: Pick<ValidCall, 'principal' | 'params' | 'body'>;
  readonly delayMs: number;
  readonly fault: Fault | undefined;
  /** What fault injection did to the call, if anything. */
  readonly effect: FaultEffect | undefined;
}

/** What the calls of one request add to its HTTP reply. */
interface ReplyNotes {
  readonly violations: string[];
  /** The first network fault injected into one of its calls. */
  network: NetworkFault | undefined;
}

/** Why a job moved to an error state by itself (its history note). */
const FAILED_ON_ITS_OWN = 'Injected fault: the job failed on its own';

const ANONYMOUS: Principal = { subject: 'anonymous', grants: [] };

/**
 * The mock engine: every served API, behind one pipeline. A request is parsed into its calls (one, or a
 * JSON-RPC batch); each call is routed, authenticated, validated, given its injected fault, handled, checked
 * against the spec (strict mode) and encoded; the pieces make the reply. The protocol (OpenAPI, OpenRPC) does
 * the protocol's part of each step; faults become the API's own errors in one place (`attempt`). Auth comes
 * before validation, because the real services answer an unauthenticated call with their auth error whatever
 * its body (docs/decisions/004-auth-before-validation.md).
 *
 * @example
 * const engine = new Engine({ apis, store: new MemoryStore({ clock: 'manual' }) });
 * const reply = await engine.handle({ method: 'POST', url: '/aws-batch/v1/canceljob', headers, rawBody });
 */
export class Engine {
  readonly apis: ReadonlyMap<string, ServedApi>;
  readonly profile: Profile;
  readonly strict: boolean;
  readonly store: Store;
  /** What bounds fault injection: the server's chaos, the longest hang and latency. */
  readonly faultSettings: FaultSettings;
  private readonly settings: CallSettings;
  private readonly operationFaults = new Map<string, ReadonlyMap<string, OperationFaults>>();

  constructor(readonly options: EngineOptions) {
    const apis = new Map<string, ServedApi>();
    for (const served of options.apis) {
      if (options.only === undefined || served.api.id === options.only) apis.set(served.api.id, served);
    }
    if (options.only !== undefined && apis.size === 0) throw new Error(`unknown API "${options.only}"`);
    this.apis = apis;
    this.store = options.store;
    this.profile = options.profile ?? 'documented';
    this.strict = options.strict ?? false;
    this.settings = { profile: this.profile, clientHost: options.clientHost };
    this.faultSettings = {
      chaos: options.chaos,
      maxHangMs: options.maxHangMs ?? DEFAULT_MAX_HANG_MS,
      maxLatencyMs: MAX_INJECTED_LATENCY_MS,
    };
    for (const { api, protocol } of apis.values())
      this.operationFaults.set(api.id, new Map(protocol.operations.map((op) => [op.id, op.faults])));
  }

  /** The API ids served, in registry order. */
  get apiIds(): string[] {
    return [...this.apis.keys()];
  }

  /** Compiles every validator now rather than on first use. */
  warm(): void {
    for (const { protocol } of this.apis.values()) protocol.warm();
  }

  /** Answers one call for an API (admin calls are answered by the admin API, which wraps the engine). */
  async handle(incoming: IncomingCall): Promise<MockReply> {
    const { path, query } = splitUrl(incoming.url);
    const mounted = this.mount(path);
    if (!mounted) return this.unknownApi(path);
    const { served } = mounted;
    const request: MockRequest = {
      method: incoming.method,
      base: incoming.base ?? mounted.base,
      path: mounted.path,
      query,
      headers: incoming.headers,
      rawBody: incoming.rawBody,
    };
    let session = '';
    const read = await this.attempt(served, () => {
      if (incoming.refusal) throw fault(incoming.refusal.kind, incoming.refusal.message);
      if (incoming.bodyTooLarge)
        throw fault('PayloadTooLarge', 'The request body is larger than the 1 MiB limit');
      session = sessionOf(incoming.headers);
      return served.protocol.parse(request);
    });
    if ('fault' in read) {
      const piece = served.protocol.encode(read, {
        call: undefined,
        routed: undefined,
        request,
        profile: this.profile,
      });
      return withApiHeaders(served, request, served.protocol.reply([piece], undefined));
    }
    const parsed = read.value as ParsedRequest<unknown>;
    const pieces: unknown[] = [];
    const notes: ReplyNotes = { violations: [], network: undefined };
    for (const call of parsed.calls) pieces.push(await this.serve(served, session, call, request, notes));
    const reply = served.protocol.reply(pieces, parsed);
    if (notes.violations.length) reply.headers[VIOLATIONS_HEADER] = violationsHeader(notes.violations);
    if (notes.network) reply.network = notes.network;
    return withApiHeaders(served, request, reply);
  }

  /** One call of a request, from routing to its encoded piece of the reply. */
  private async serve(
    served: ServedApi,
    session: string,
    call: unknown,
    request: MockRequest,
    notes: ReplyNotes,
  ): Promise<unknown> {
    const { api, protocol } = served;
    let routed: RoutedCall | undefined;
    let effect: FaultEffect | undefined;
    const read = await this.attempt(served, async () => {
      const route = (routed = protocol.route(call, request));
      const admitted = await this.store.transact(
        session,
        (tx) => this.admit(served, tx, route, call, request),
        'provisional',
      );
      effect = admitted.effect;
      if (admitted.delayMs) await sleep(admitted.delayMs);
      if (admitted.fault) throw admitted.fault;
      const handle = (tx: Transaction) => {
        const context = callContext(api, tx, request, route.id, this.settings);
        const value = api.handlers[route.id]!(
          Object.assign(context, admitted.input) as ValidCall<never, never>,
        );
        tx.keep();
        if (effect?.ignore) throw new DiscardedChanges(value);
        return value;
      };
      return effect?.ignore
        ? this.discarding(session, handle)
        : this.store.transact(session, handle, 'provisional');
    });
    const outcome: Outcome = effect ? { ...read, injected: effect } : read;
    if (effect?.network) notes.network ??= effect.network;
    const piece = protocol.encode(outcome, { call, routed, request, profile: this.profile });
    if (this.strict && routed && piece !== undefined) notes.violations.push(...protocol.check(routed, piece));
    return piece;
  }

  /** Runs a handler whose changes are thrown away (an injected `ignore`): its value, and the store as it was. */
  private async discarding(session: string, handle: (tx: Transaction) => unknown): Promise<unknown> {
    try {
      return await this.store.transact(session, handle, 'provisional');
    } catch (error) {
      if (error instanceof DiscardedChanges) return error.value;
      throw error;
    }
  }

  /**
   * Who is calling (an operation with security needs the API's auth to pass, and the scopes it names), the
   * call's valid input, and the fault injected into it, if any: a call that authenticated keeps the session
   * it names.
   */
  private admit(
    served: ServedApi,
    tx: Transaction,
    routed: RoutedCall,
    call: unknown,
    request: MockRequest,
  ): Admission {
    const { api, protocol } = served;
    const context = callContext(api, tx, request, routed.id, this.settings);
    let principal = ANONYMOUS;
    if (routed.scopes) {
      principal = api.authenticate(context);
      tx.keep();
      requireScopes(routed, principal);
    }
    const { params, body } = protocol.validate(routed, call, request);
    const input = { principal, params, body };
    const state = tx.faultState();
    if (isQuiet(state, this.faultSettings.chaos))
      return { input, delayMs: 0, fault: undefined, effect: undefined };
    return this.inject(served, tx, context, routed, input, state);
  }

  /**
   * Fault injection for one admitted call (see planFault): the session's fault state moves on, a job the call
   * names may fail on its own, and the call gets its latency and the API's own error or throttled reply.
   */
  private inject(
    served: ServedApi,
    tx: Transaction,
    context: CallContext,
    routed: RoutedCall,
    input: Admission['input'],
    state: FaultState,
  ): Admission {
    const { api } = served;
    const declared = this.operationFaults.get(api.id)!.get(routed.id)!;
    let named: Set<string> | undefined;
    const namedByCall = () => (named ??= namedValues(input.params, input.body));
    const plan = planFault(
      state,
      { api: api.id, operation: routed.id, now: tx.now(), names: (id) => namedByCall().has(id), declared },
      this.faultSettings,
    );
    tx.setFaultState(plan.state);
    const effect = plan.effect;
    if (!effect) return { input, delayMs: 0, fault: undefined, effect };
    if (effect.failTo) failOnTheirOwn(context, effect.failTo, namedByCall);
    const latency = effect.latencyMs ?? 0;
    const budget = latency
      ? api.upstreamTimeout?.(Object.assign(context, input) as ValidCall<never, never>)
      : undefined;
    if (budget !== undefined && budget < latency) {
      return {
        input,
        delayMs: budget,
        fault: fault('Timeout', 'Timeout calling service endpoint', { data: { timeout: budget } }),
        effect,
      };
    }
    return { input, delayMs: latency, fault: this.injectedFault(served, declared, effect), effect };
  }

  /** The API's own error or throttled reply that an injection effect asks for, if any. */
  private injectedFault(
    served: ServedApi,
    declared: OperationFaults,
    effect: FaultEffect,
  ): Fault | undefined {
    if (effect.throttle) {
      // planFault throttles only operations that declare a throttled reply.
      const { status, retryAfter } = declared.throttling!;
      const seconds = Math.max(1, Math.ceil(effect.throttle.retryAfterMs / 1000));
      return fault('TooManyRequests', 'Too Many Requests', {
        status,
        ...(retryAfter ? { headers: { 'retry-after': String(seconds) } } : {}),
      });
    }
    const error = effect.error;
    if (!error) return undefined;
    if ('status' in error) {
      const kind = kindOfStatus(error.status, served.api.faultStatuses);
      return fault(kind, `Injected fault: status ${error.status}`, { status: error.status });
    }
    return fault('Internal', error.message, { code: error.code });
  }

  /** The fault injection settings of one operation (what its spec declares). */
  operationFaultsOf(api: string, operation: string): OperationFaults | undefined {
    return this.operationFaults.get(api)?.get(operation);
  }

  /** The one fault boundary: a step's value, or the fault it threw (any other error becomes the API's 500). */
  private async attempt(served: ServedApi, step: () => unknown): Promise<Outcome> {
    try {
      return { value: await step() };
    } catch (error) {
      return { fault: asFault(error, served.api.id) };
    }
  }

  /** A served API by id, or a NotFound fault naming the ones there are. */
  served(id: string): ServedApi {
    const served = this.apis.get(id);
    if (!served) throw fault('NotFound', `Unknown API "${id}"; APIs: ${this.apiIds.join(', ')}`);
    return served;
  }

  /** Runs admin work on a session (created if need be): see Store.transact. */
  transact<T>(
    session: string,
    work: (tx: Transaction) => T,
    creation: SessionCreation = 'create',
  ): Promise<T> | T {
    return this.store.transact(session, work, creation);
  }

  /** A context for admin work on one API (seeding, provider states, the admin API). */
  context(tx: Transaction, api: string): CallContext {
    return callContext(this.served(api).api, tx, ADMIN_REQUEST, 'admin', this.settings);
  }

  /**
   * Creates a job in exactly the given state (held there unless `held: false`). Throws a BadRequest fault for
   * an unknown state and a Conflict for a taken id, without changing anything.
   */
  createJob(tx: Transaction, api: string, seed: JobSeed & { readonly held?: boolean | undefined }): Job {
    return this.addJob(this.context(tx, api), api, seed);
  }

  /**
   * Replaces the seed: the jobs every session starts with (and returns to on reset). Checked first, so a bad
   * seed changes nothing; built once and shared by every session.
   */
  setSeed(seed: readonly SeedEntry[]): void {
    const entries = seed.filter((entry) => this.options.only === undefined || this.apis.has(entry.api));
    entries.forEach((entry, i) => {
      const { api } = this.apis.get(entry.api) ?? {};
      if (!api) throw new Error(`seed entry ${i}: unknown API "${entry.api}"`);
      if (!api.machine.states.includes(entry.state))
        throw new Error(`seed entry ${i}: "${entry.state}" is not a state of ${entry.api}`);
    });
    this.store.setSeed((tx) => {
      for (const entry of entries) {
        const context = this.context(tx, entry.api);
        const count = entry.count ?? 1;
        const job = Object.assign({}, entry, {
          id: count === 1 ? entry.id : undefined,
          held: entry.held ?? false,
        });
        for (let i = 0; i < count; i++) this.addJob(context, entry.api, job);
      }
    });
  }

  private addJob(
    context: CallContext,
    api: string,
    seed: JobSeed & { readonly held?: boolean | undefined },
  ): Job {
    const { machine } = this.served(api).api;
    if (!machine.states.includes(seed.state)) {
      throw fault(
        'BadRequest',
        `"${seed.state}" is not a state of ${api}; states: ${machine.states.join(', ')}`,
      );
    }
    if (seed.id !== undefined && context.jobs.has(seed.id))
      throw fault('Conflict', `Job ${seed.id} already exists in ${api}`);
    const id = seed.id ?? context.newJobId();
    // Object.assign, not `{ ...seed, id }`: on node 20 (V8 11.3) a spread followed by another key takes a slow
    // path (µs each), and seeding may create a million jobs.
    const job = this.served(api).api.seedJob(Object.assign({}, seed, { id }), context);
    job.held = seed.held ?? true;
    return context.jobs.add(job);
  }

  private mount(path: string): { served: ServedApi; base: string; path: string } | undefined {
    if (this.options.only !== undefined) return { served: this.apis.get(this.options.only)!, base: '', path };
    const end = path.indexOf('/', 1);
    const id = end < 0 ? path.slice(1) : path.slice(1, end);
    const served = this.apis.get(id);
    if (!served) return undefined;
    return { served, base: `/${id}`, path: end < 0 ? '/' : path.slice(end) };
  }

  private unknownApi(path: string): MockReply {
    return jsonReply(404, {
      error: {
        code: 'UnknownApi',
        message: `No API is served at ${path}; APIs: ${this.apiIds.map((id) => '/' + id).join(', ')}`,
      },
    });
  }
}

/** The reply with the headers the API's own server adds to every reply (`replyHeaders`). */
function withApiHeaders(served: ServedApi, request: MockRequest, reply: MockReply): MockReply {
  const headers = served.api.replyHeaders?.(request, reply);
  if (headers) Object.assign(reply.headers, headers);
  return reply;
}

/**
 * Moves the jobs a call names (only `jobId` when the fault names one) to the fault's state, where the machine
 * allows that move; other jobs are left alone.
 */
function failOnTheirOwn(
  context: CallContext,
  failTo: NonNullable<FaultEffect['failTo']>,
  named: () => ReadonlySet<string>,
): void {
  const { jobs } = context;
  for (const id of failTo.jobId === undefined ? named() : [failTo.jobId]) {
    const job = jobs.get(id);
    if (job && canMove(jobs.machine, job.state, failTo.state))
      jobs.move(job, failTo.state, { note: FAILED_ON_ITS_OWN });
  }
}

/** An operation whose security requirements name OAuth scopes needs one requirement fully granted (RFC 6750 §3.1). */
function requireScopes(routed: RoutedCall, principal: Principal): void {
  const alternatives = routed.scopes ?? [];
  if (alternatives.every((scopes) => scopes.length === 0)) return;
  if (alternatives.some((scopes) => scopes.every((s) => principal.grants.includes(s)))) return;
  const needed = [...new Set(alternatives.map((scopes) => scopes.join(' ')))].join(' or ');
  throw fault('Forbidden', `The access token lacks the scope ${needed} that ${routed.id} requires`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
