import { isJsonMedia, mediaType } from '../core/body';
import type { Fault } from '../core/fault';
import { fault } from '../core/fault';
import type { ChaosConfig } from '../core/chaos';
import type { FaultRule, FaultState } from '../core/fault-state';
import { MAX_FAULTS, NO_FAULTS, chaosOf } from '../core/fault-state';
import type { Job } from '../core/job';
import { seedState } from '../core/seeded-random';
import type { MockReply, MockRequest } from '../core/wire';
import { emptyReply, jsonReply } from '../core/wire';
import type { Engine } from '../engine/engine';
import type { RequestFilter } from '../journal/request-filter';
import type { IncomingCall } from '../engine/incoming-call';
import { splitUrl } from '../engine/incoming-call';
import { sessionOf } from '../engine/session-name';
import { asFault } from '../engine/unexpected-error';
import { OpenApiDocument } from '../openapi/openapi-document';
import type { Transaction } from '../store/store';
import adminSpec from '../../specs/_admin/openapi.gen.json';
import type { components, operations } from '../../specs/_admin/types.gen';
import { adminError } from './admin-error';
import { sameSecret } from './same-secret';
import { applyProviderState } from './provider-states';
import { ADMIN_PREFIX } from './admin-path';
import { checkedChaos, checkedFault } from './fault-checks';
import { then } from './maybe-async';
import type { InspectorFiles } from './inspector-files';
import { inspectorFile } from './inspector-files';

type Schemas = components['schemas'];
type Body<Op extends keyof operations> = operations[Op] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : never;
type Query<Op extends keyof operations> = operations[Op]['parameters'] extends { query?: infer Q }
  ? NonNullable<Q>
  : never;

/** One admin call, validated against the admin spec. */
interface AdminCall {
  readonly session: string;
  readonly params: Record<string, unknown>;
  readonly body: unknown;
}

type Handler = (call: AdminCall) => MockReply | Promise<MockReply>;

/** The most bytes of jobs one page of `GET /__admin/jobs` holds (a page ends early past it). */
export const MAX_PAGE_BYTES = 2 * 2 ** 20;

/**
 * jobmock's admin API (specs/_admin/openapi.yaml): validated against its spec like the mocked APIs, with errors
 * in its own `{error: {code, message}}` format. Every change runs in one transaction on the session, so a bad
 * request changes nothing.
 */
export class AdminApi {
  private readonly document = new OpenApiDocument(adminSpec as Record<string, unknown>);
  private readonly handlers: Record<keyof operations, Handler>;

  constructor(
    private readonly engine: Engine,
    private readonly adminToken?: string | undefined,
    /** More of `GET /__admin/health` (the state file's health). */
    private readonly healthDetails?: (() => Record<string, unknown>) | undefined,
    /** The web inspector's files (`GET /__admin/ui`), when they were built. */
    private readonly inspector?: InspectorFiles | undefined,
  ) {
    const tx = <T>(session: string, work: (tx: Transaction) => T) => engine.transact(session, work, 'create');
    this.handlers = {
      health: () => {
        const store = engine.store.health();
        return then(engine.store.stats(), (stats) =>
          jsonReply(store.ok ? 200 : 503, {
            status: store.ok ? 'ok' : 'unavailable',
            apis: engine.apiIds,
            sessions: stats.sessions,
            bytes: stats.bytes,
            maxBytes: stats.maxBytes,
            store,
            ...this.healthDetails?.(),
          } satisfies Schemas['Health']),
        );
      },
      listSessions: () =>
        then(engine.store.sessions(), (sessions) =>
          jsonReply(200, { sessions } satisfies Schemas['SessionList']),
        ),
      dropSession: ({ params }) => then(engine.store.dropSession(String(params.name)), () => emptyReply(204)),
      reset: ({ session }) =>
        then(
          tx(session, (t) => t.reset()),
          () => jsonReply(200, { session } satisfies Schemas['ResetResult']),
        ),
      listJobs: ({ session, params }) =>
        then(
          tx(session, (t) => this.listJobs(t, params as Query<'listJobs'>)),
          (page) => jsonReply(200, page),
        ),
      createJob: ({ session, body }) => {
        const input = body as Body<'createJob'>;
        return then(
          tx(session, (t) =>
            input.count === undefined
              ? this.view(input.api, engine.createJob(t, input.api, input))
              : this.createJobs(t, input),
          ),
          (created) => jsonReply(201, created),
        );
      },
      getJob: ({ session, params }) => {
        const api = String(params.api);
        const id = String(params.id);
        return then(
          tx(session, (t) => {
            const job = engine.context(t, api).jobs.get(id);
            if (!job) throw fault('NotFound', `No job ${id} in ${api}`);
            return this.view(api, job);
          }),
          (job) => jsonReply(200, job),
        );
      },
      updateJob: ({ session, params, body }) => {
        const api = String(params.api);
        const id = String(params.id);
        return then(
          tx(session, (t) => {
            const { jobs } = engine.context(t, api);
            const job = jobs.get(id);
            if (!job) throw fault('NotFound', `No job ${id} in ${api}`);
            jobs.hold(job, (body as Body<'updateJob'>).held);
            return this.view(api, job);
          }),
          (job) => jsonReply(200, job),
        );
      },
      listApis: () =>
        jsonReply(200, {
          apis: [...engine.apis.values()].map(({ api, protocol }) => ({
            id: api.id,
            title: api.title,
            states: [...api.machine.states],
            terminal: [...api.machine.terminal],
            cancellable: [...api.machine.cancellable],
            operations: protocol.operations.map((op) => ({
              id: op.id,
              errorStatuses: [...op.errorStatuses],
            })),
          })),
        } satisfies Schemas['ApiList']),
      listRequests: ({ session, params }) =>
        then(engine.store.requests(session, { limit: 100, ...(params as RequestFilter) }), (requests) =>
          jsonReply(200, { requests } satisfies Schemas['RequestList']),
        ),
      clearRequests: ({ session }) => then(engine.store.clearRequests(session), () => emptyReply(204)),
      inspectorPage: () => inspectorFile(this.inspector, 'index.html'),
      inspectorAsset: ({ params }) => inspectorFile(this.inspector, String(params.asset)),
      getClock: ({ session }) =>
        then(
          tx(session, (t) => clockState(t)),
          (clock) => jsonReply(200, clock),
        ),
      advanceClock: ({ session, body }) =>
        then(
          tx(session, (t) => {
            const change = body as Body<'advanceClock'>;
            if (change.mode !== undefined || change.speed !== undefined)
              t.setClock(change.mode ?? t.clockMode, change.speed);
            if (change.advanceMs) t.advanceClock(change.advanceMs);
            return clockState(t);
          }),
          (clock) => jsonReply(200, clock),
        ),
      listFaults: ({ session }) =>
        then(
          tx(session, (t) => faultList(t)),
          (faults) => jsonReply(200, faults),
        ),
      injectFault: ({ session, body }) =>
        then(
          tx(session, (t) => {
            const state = t.faultState();
            if (state.faults.length >= MAX_FAULTS)
              throw fault('BadRequest', `A session holds at most ${MAX_FAULTS} faults; clear some first`);
            const injected = checkedFault(engine, body as Schemas['Fault']);
            t.setFaultState({ ...state, faults: [...state.faults, injected] });
            return faultList(t);
          }),
          (faults) => jsonReply(201, faults),
        ),
      clearFaults: ({ session }) =>
        then(
          tx(session, (t) => {
            const { chaos, random } = t.faultState();
            t.setFaultState(
              chaos === undefined && random === undefined
                ? NO_FAULTS
                : { faults: [], ...(chaos === undefined ? {} : { chaos }), random },
            );
          }),
          () => emptyReply(204),
        ),
      getChaos: ({ session }) =>
        then(
          tx(session, (t) => this.chaosState(t.faultState())),
          (state) => jsonReply(200, state),
        ),
      setChaos: ({ session, body }) =>
        then(
          tx(session, (t) => {
            const chaos = checkedChaos(engine, body as Schemas['Chaos']);
            const next: FaultState = { ...t.faultState(), chaos, random: seedState(chaos.seed) };
            t.setFaultState(next);
            return this.chaosState(next);
          }),
          (state) => jsonReply(200, state),
        ),
      stopChaos: ({ session }) =>
        then(
          tx(session, (t) => t.setFaultState({ ...t.faultState(), chaos: null })),
          () => emptyReply(204),
        ),
      providerState: ({ session, params, body }) => {
        const api = this.apiOfState(params);
        return then(
          tx(session, (t) => applyProviderState(engine, t, api, body as Schemas['ProviderState'])),
          (values) => jsonReply(200, values),
        );
      },
    };
  }

  /** Answers a call whose path starts with ADMIN_PREFIX (see isAdminPath); calls that change things are journaled. */
  handle(call: IncomingCall): MockReply | Promise<MockReply> {
    const at = Date.now();
    const started = performance.now();
    const seen: Seen = {};
    const done = (reply: MockReply) => {
      if (seen.operation && call.method !== 'GET' && !UNJOURNALED.has(seen.operation))
        this.journal(call, seen as Required<Seen>, reply, at, started);
      return reply;
    };
    try {
      return then(this.dispatch(call, seen), done, (error) => done(adminError(this.faultOf(error))));
    } catch (error) {
      return done(adminError(this.faultOf(error)));
    }
  }

  /** Keeps an admin call in its session's request journal, marked as one. */
  private journal(
    call: IncomingCall,
    seen: Required<Seen>,
    reply: MockReply,
    at: number,
    started: number,
  ): void {
    const { path, query } = splitUrl(call.url);
    const api = (seen.body as { api?: unknown } | undefined)?.api ?? seen.params.api;
    const id = seen.params.id ?? (reply.body as { id?: unknown } | undefined)?.id;
    const problem =
      reply.status >= 400 ? (reply.body as { error?: { code: string; message: string } }) : undefined;
    this.engine.record({
      seq: 0,
      bytes: 0,
      requestCut: undefined,
      replyCut: undefined,
      at,
      virtualAt: undefined,
      session: seen.session,
      api: typeof api === 'string' ? api : undefined,
      operation: seen.operation,
      admin: true,
      call: undefined,
      method: call.method,
      path,
      query,
      headers: call.headers,
      requestBody: call.rawBody,
      status: reply.status,
      replyHeaders: reply.headers,
      replyBody: reply.body,
      durationMs: performance.now() - started,
      error: problem?.error ? { kind: problem.error.code, message: problem.error.message } : undefined,
      findings: undefined,
      violations: undefined,
      fault: undefined,
      transitions: [],
      jobIds: typeof id === 'string' ? [id] : [],
      hints: undefined,
    });
  }

  private dispatch(call: IncomingCall, seen: Seen): MockReply | Promise<MockReply> {
    const { path, query } = splitUrl(call.url);
    const request: MockRequest = {
      method: call.method,
      base: ADMIN_PREFIX,
      path: path.slice(ADMIN_PREFIX.length) || '/',
      query,
      headers: call.headers,
      rawBody: call.rawBody,
    };
    if (call.refusal) throw fault(call.refusal.kind, call.refusal.message);
    if (call.bodyTooLarge) throw fault('PayloadTooLarge', 'The request body is larger than the 1 MiB limit');
    const routed = this.document.route(request.method, request.path);
    if (!routed.found)
      throw fault(
        routed.reason === 'MethodNotAllowed' ? 'MethodNotAllowed' : 'NotFound',
        `No admin operation ${request.method} ${path}`,
      );
    const op = routed.operation;
    if (op.security.length) this.checkToken(request);
    requireJsonBody(request);
    const session = sessionOf(call.headers);
    const { params, body } = this.document.validateRequest(op, request, routed.pathParams);
    Object.assign(seen, { operation: op.id, session, params, body });
    return this.handlers[op.id as keyof operations]({ session, params, body });
  }

  private faultOf(error: unknown): Fault {
    return asFault(error, 'admin');
  }

  private checkToken(request: MockRequest): void {
    if (this.adminToken === undefined) return;
    if (!sameSecret(request.headers.authorization ?? '', `Bearer ${this.adminToken}`)) {
      throw fault('Unauthenticated', 'The admin API needs Authorization: Bearer <admin token>');
    }
  }

  private view(api: string, job: Job): Schemas['AdminJob'] {
    return {
      api,
      id: job.id,
      state: job.state,
      held: job.held,
      ...(job.owner === undefined ? {} : { owner: job.owner }),
      history: job.history.map((h) => ({ ...h })),
      document: this.engine.served(api).api.view(job),
    };
  }

  /** `count` jobs like the one asked for, each with an id of its own, in one transaction. */
  private createJobs(tx: Transaction, input: Body<'createJob'>): Schemas['JobBatch'] {
    if (input.id !== undefined) throw fault('BadRequest', 'A job request with a count names no id');
    const ids: string[] = [];
    for (let i = 0; i < input.count!; i++) ids.push(this.engine.createJob(tx, input.api, input).id);
    return { api: input.api, created: ids.length, firstId: ids[0]!, lastId: ids[ids.length - 1]! };
  }

  /** One page of jobs: at most `limit` and about MAX_PAGE_BYTES, and where the next page starts. */
  private listJobs(tx: Transaction, query: Query<'listJobs'>): Schemas['JobList'] {
    const apis = query.api === undefined ? this.engine.apiIds : [query.api];
    const limit = query.limit ?? 100;
    const start = query.cursor === undefined ? { api: 0, skip: 0 } : readCursor(query.cursor, apis.length);
    const jobs: Schemas['AdminJob'][] = [];
    let bytes = 0;
    for (let a = start.api; a < apis.length; a++) {
      const api = apis[a]!;
      const skip = a === start.api ? start.skip : 0;
      let position = 0;
      for (const job of this.engine.context(tx, api).jobs.scan()) {
        if (query.state !== undefined && job.state !== query.state) continue;
        if (position++ < skip) continue;
        if (jobs.length >= limit || bytes >= MAX_PAGE_BYTES)
          return { jobs, nextCursor: writeCursor({ api: a, skip: position - 1 }) };
        const view = this.view(api, job);
        bytes += JSON.stringify(view).length;
        jobs.push(view);
      }
    }
    return { jobs };
  }

  /** The chaos that applies to a session, and where it comes from. */
  private chaosState(state: FaultState): Schemas['ChaosState'] {
    const chaos = chaosOf(state, this.engine.faultSettings.chaos);
    const from = chaos === undefined ? 'none' : state.chaos === undefined ? 'server' : 'session';
    return { chaos: chaos ? chaosView(chaos) : null, from };
  }

  /**
   * Chaos given to the service (`serve --chaos`), checked as `POST /__admin/chaos` checks its body. Throws a
   * Fault saying what is wrong.
   */
  checkChaos(chaos: ChaosConfig): void {
    const op = this.document.operation('setChaos')!;
    const request: MockRequest = {
      method: 'POST',
      base: ADMIN_PREFIX,
      path: '/chaos',
      query: {},
      headers: { 'content-type': 'application/json' },
      rawBody: JSON.stringify(chaos),
    };
    checkedChaos(this.engine, this.document.validateRequest(op, request, {}).body as Schemas['Chaos']);
  }

  private apiOfState(params: Record<string, unknown>): string {
    if (params.api !== undefined) return String(params.api);
    if (this.engine.apiIds.length === 1) return this.engine.apiIds[0]!;
    throw fault(
      'BadRequest',
      `Name the API of the provider state with ?api=<id> (one of ${this.engine.apiIds.join(', ')})`,
    );
  }
}

/** The session's faults as the admin API shows them (a rate limit's bucket is not), and open throttle windows. */
function faultList(tx: Transaction): Schemas['FaultList'] {
  const { faults, throttled } = tx.faultState();
  const now = tx.now();
  const open = (throttled ?? []).filter((w) => w.until > now);
  return {
    faults: faults.map(faultView),
    ...(open.length ? { throttled: open.map((w) => ({ ...w })) } : {}),
  };
}

function faultView(rule: FaultRule): Schemas['Fault'] {
  if (rule.bucket === undefined) return rule as Schemas['Fault'];
  const view: { -readonly [K in keyof FaultRule]?: FaultRule[K] } = { ...rule };
  delete view.bucket;
  return view as Schemas['Fault'];
}

function chaosView(chaos: ChaosConfig): Schemas['Chaos'] {
  return chaos as Schemas['Chaos'];
}

/** What an admin call was, once it was routed and validated (for its journal entry). */
interface Seen {
  operation?: string;
  session?: string;
  params?: Record<string, unknown>;
  body?: unknown;
}

/** Admin calls that change something but have no place in the journal: emptying it. */
const UNJOURNALED: ReadonlySet<string> = new Set(['clearRequests']);

function clockState(tx: Transaction): Schemas['ClockState'] {
  return { now: tx.now(), mode: tx.clockMode, speed: tx.clockSpeed };
}

/**
 * A write with a body must say it is JSON: a web page can send a cross-site POST of `text/plain` without asking
 * first (no CORS preflight), and a body read as JSON whatever its type would let it reset or fault the mock.
 */
function requireJsonBody(request: MockRequest): void {
  if (request.rawBody === '') return;
  const media = mediaType(request.headers['content-type']);
  if (!isJsonMedia(media))
    throw fault(
      'UnsupportedMediaType',
      `The admin API takes application/json bodies, not ${media ?? 'a body without Content-Type'}`,
    );
}

function writeCursor(position: { api: number; skip: number }): string {
  return `${position.api}.${position.skip}`;
}

function readCursor(cursor: string, apis: number): { api: number; skip: number } {
  const match = /^(\d{1,3})\.(\d{1,9})$/.exec(cursor);
  const api = Number(match?.[1]);
  if (!match || api >= apis) throw fault('BadRequest', `The cursor "${cursor}" is not one this listing gave`);
  return { api, skip: Number(match[2]) };
}
