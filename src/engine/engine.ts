import type { AnyApiDefinition, CallContext, JobSeed, Principal, Profile, ValidCall } from '../api';
import type { ChaosConfig } from '../core/chaos';
import type { Fault } from '../core/fault';
import { fault, isFault, kindOfStatus } from '../core/fault';
import type { FaultEffect, OperationFaults } from '../core/fault-effect';
import type { FaultSettings } from '../core/fault-plan';
import { planFault } from '../core/fault-plan';
import type { FaultState } from '../core/fault-state';
import { isQuiet } from '../core/fault-state';
import type { Job } from '../core/job';
import { canMove } from '../core/machine';
import { namedValues } from '../core/named-values';
import type { MockReply, MockRequest } from '../core/wire';
import { jsonReply } from '../core/wire';
import type { CallRecord } from '../journal/call-record';
import { callRecord } from '../journal/call-record';
import { redactedBodyText } from '../journal/journal-entry';
import type { SessionCreation, Store, Transaction } from '../store/store';
import type { CallSettings } from './call-context';
import { ADMIN_REQUEST, callContext } from './call-context';
import type { CallNote } from './call-note';
import { callNote, jobIdsOf } from './call-note';
import { DiscardedChanges } from './discarded-changes';
import { addHints } from './hints';
import type { IncomingCall } from './incoming-call';
import { splitUrl } from './incoming-call';
import { mountHint } from './mount-hint';
import type { Outcome, ParsedRequest, Protocol, RoutedCall } from './protocol';
import type { SeedEntry } from './seed-entry';
import { DEFAULT_SESSION, sessionOf } from './session-name';
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
  /** Keep every call in its session's request journal (default true; false costs nothing per call). */
  readonly journal?: boolean | undefined;
  /** Called with the record of every call, journal or not (the log). */
  readonly onCall?: ((record: CallRecord) => void) | undefined;
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
  /** Whether calls are recorded at all (for the journal or the log). */
  private readonly recording: boolean;
  private readonly journal: boolean;

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
    this.journal = options.journal ?? true;
    this.recording = this.journal || options.onCall !== undefined;
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
    const at = this.recording ? Date.now() : 0;
    const started = this.recording ? performance.now() : 0;
    const { path, query } = splitUrl(incoming.url);
    const mounted = this.mount(path);
    if (!mounted) {
      const reply = this.unknownApi(path);
      const request = { ...ADMIN_REQUEST, method: incoming.method, path, query, headers: incoming.headers };
      const note = callNote();
      note.hint = mountHint(this.apis, { ...request, rawBody: incoming.rawBody });
      addHints(reply, note.hint ? [note.hint] : []);
      if (this.recording)
        this.recordCalls(incoming, request, undefined, undefined, [note], reply, at, started);
      return reply;
    }
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
      const reply = withApiHeaders(served, request, served.protocol.reply([piece], undefined));
      const note = callNote();
      note.fault = read.fault;
      if (this.recording) this.recordCalls(incoming, request, served, session, [note], reply, at, started);
      return reply;
    }
    const parsed = read.value as ParsedRequest<unknown>;
    const pieces: unknown[] = [];
    const notes: CallNote[] = [];
    for (const call of parsed.calls) {
      const note = callNote();
      notes.push(note);
      pieces.push(await this.serve(served, session, call, request, note));
    }
    const reply = served.protocol.reply(pieces, parsed);
    let violations: string[] | undefined;
    let hints: string[] | undefined;
    for (const note of notes) {
      if (note.violations) (violations ??= []).push(...note.violations);
      if (note.hint !== undefined) (hints ??= []).push(note.hint);
      reply.network ??= note.injected?.network;
    }
    if (violations) reply.headers[VIOLATIONS_HEADER] = violationsHeader(violations);
    if (hints) addHints(reply, hints);
    withApiHeaders(served, request, reply);
    if (this.recording) {
      const recorded = notes.length ? notes : [callNote()];
      this.recordCalls(incoming, request, served, session, recorded, reply, at, started);
    }
    return reply;
  }

  /**
   * Keeps a call in its session's journal and hands its record to `onCall` (the admin API records its own
   * calls here too). Never throws: a journal that fails loses the record, not the reply.
   */
  record(input: CallRecord): void {
    const record = callRecord(input, redactedBodyText);
    if (this.journal) {
      try {
        const kept = this.store.appendRequest(record.session, record);
        if (kept instanceof Promise) kept.catch((error: unknown) => asFault(error, 'journal'));
      } catch (error) {
        asFault(error, 'journal');
      }
    }
    this.options.onCall?.(record);
  }

  /** One record per call of a request (a JSON-RPC batch has several; a request that carries none, one). */
  private recordCalls(
    incoming: IncomingCall,
    request: MockRequest,
    served: ServedApi | undefined,
    session: string | undefined,
    notes: readonly CallNote[],
    reply: MockReply,
    at: number,
    started: number,
  ): void {
    const durationMs = performance.now() - started;
    const count = notes.length;
    notes.forEach((note, index) => {
      const ended = note.fault;
      this.record({
        seq: 0,
        bytes: 0,
        requestCut: undefined,
        replyCut: undefined,
        at,
        virtualAt: note.virtualAt,
        session: session || safeSession(incoming),
        api: served?.api.id,
        operation: note.operation,
        admin: false,
        call: count > 1 ? { index, count } : undefined,
        method: incoming.method,
        path: request.base + request.path,
        query: request.query,
        headers: incoming.headers,
        requestBody: incoming.rawBody,
        status: reply.status,
        replyHeaders: reply.headers,
        replyBody: reply.body,
        durationMs,
        error: ended ? { kind: String(ended.kind), message: ended.message } : undefined,
        findings: ended?.details.issues,
        violations: note.violations,
        fault: note.injected,
        transitions: note.transitions,
        jobIds: jobIdsOf(note),
        hints: note.hint === undefined ? undefined : [note.hint],
      });
    });
  }

  /** One call of a request, from routing to its encoded piece of the reply; what happened goes in `note`. */
  private async serve(
    served: ServedApi,
    session: string,
    call: unknown,
    request: MockRequest,
    note: CallNote,
  ): Promise<unknown> {
    const { api, protocol } = served;
    let routed: RoutedCall | undefined;
    const read = await this.attempt(served, async () => {
      const route = (routed = protocol.route(call, request));
      note.operation = route.id;
      const admitted = await this.store.transact(
        session,
        (tx) => this.admit(served, tx, route, call, request, note),
        'provisional',
      );
      note.injected = admitted.effect;
      if (admitted.delayMs) await sleep(admitted.delayMs);
      if (admitted.fault) throw admitted.fault;
      const ignore = admitted.effect?.ignore === true;
      const handle = (tx: Transaction) => {
        note.jobsRead = tx.jobsRead;
        const context = callContext(api, tx, request, route.id, this.settings);
        let value: unknown;
        try {
          value = api.handlers[route.id]!(Object.assign(context, admitted.input) as ValidCall<never, never>);
        } catch (error) {
          note.hint = this.apiHint(served, error, context);
          throw error;
        }
        tx.keep();
        note.transitions = tx.transitions;
        if (ignore) throw new DiscardedChanges(value);
        return value;
      };
      return ignore ? this.discarding(session, handle) : this.store.transact(session, handle, 'provisional');
    });
    const outcome: Outcome = note.injected ? { ...read, injected: note.injected } : read;
    if ('fault' in outcome) {
      note.fault = outcome.fault;
      if (!routed) note.hint ??= this.routeHint(served, call, request);
    }
    const piece = protocol.encode(outcome, { call, routed, request, profile: this.profile });
    if (this.strict && routed && piece !== undefined) {
      const found = protocol.check(routed, piece);
      if (found.length) note.violations = found;
    }
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

  /** The API's own hint for a call that failed (its `hint` hook), never an error of its own. */
  private apiHint(served: ServedApi, error: unknown, context: CallContext): string | undefined {
    const { api } = served;
    if (!api.hint || !isFault(error)) return undefined;
    try {
      return api.hint(error, context);
    } catch (failure) {
      asFault(failure, `${api.id} hint`);
      return undefined;
    }
  }

  /** The protocol's hint for a call that matched no operation. */
  private routeHint(served: ServedApi, call: unknown, request: MockRequest): string | undefined {
    try {
      return served.protocol.routeHint?.(call, request);
    } catch (failure) {
      asFault(failure, `${served.api.id} route hint`);
      return undefined;
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
    note: CallNote,
  ): Admission {
    const { api, protocol } = served;
    const context = callContext(api, tx, request, routed.id, this.settings);
    note.virtualAt = tx.now();
    let principal = ANONYMOUS;
    let input: Admission['input'];
    try {
      if (routed.scopes) {
        principal = api.authenticate(context);
        tx.keep();
        requireScopes(routed, principal);
      }
      const { params, body } = protocol.validate(routed, call, request);
      input = { principal, params, body };
    } catch (error) {
      note.hint = this.apiHint(served, error, context);
      throw error;
    }
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

/** The session a call names, or the default one when its name is not one (the call was refused for it). */
function safeSession(incoming: IncomingCall): string {
  try {
    return sessionOf(incoming.headers);
  } catch {
    return DEFAULT_SESSION;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
