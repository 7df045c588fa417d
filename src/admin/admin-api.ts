import { isJsonMedia, mediaType } from '../core/body';
import type { Fault } from '../core/fault';
import { fault } from '../core/fault';
import type { Job } from '../core/job';
import type { MockReply, MockRequest } from '../core/wire';
import { emptyReply, jsonReply } from '../core/wire';
import type { Engine } from '../engine/engine';
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
import { then } from './maybe-async';

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
      getClock: ({ session }) =>
        then(
          tx(session, (t) => clockState(t)),
          (clock) => jsonReply(200, clock),
        ),
      advanceClock: ({ session, body }) =>
        then(
          tx(session, (t) => {
            t.advanceClock((body as Body<'advanceClock'>).advanceMs);
            return clockState(t);
          }),
          (clock) => jsonReply(200, clock),
        ),
      listFaults: ({ session }) =>
        then(
          tx(session, (t) => [...t.faults()]),
          (faults) => jsonReply(200, { faults } satisfies Schemas['FaultList']),
        ),
      injectFault: ({ session, body }) =>
        then(
          tx(session, (t) => {
            t.addFault(this.checkedFault(body as Schemas['Fault']));
            return [...t.faults()];
          }),
          (faults) => jsonReply(201, { faults } satisfies Schemas['FaultList']),
        ),
      clearFaults: ({ session }) =>
        then(
          tx(session, (t) => t.clearFaults()),
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

  /** Answers a call whose path starts with ADMIN_PREFIX (see isAdminPath). */
  handle(call: IncomingCall): MockReply | Promise<MockReply> {
    try {
      return then(
        this.dispatch(call),
        (reply) => reply,
        (error) => adminError(this.faultOf(error)),
      );
    } catch (error) {
      return adminError(this.faultOf(error));
    }
  }

  private dispatch(call: IncomingCall): MockReply | Promise<MockReply> {
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

  /** An injected fault must name a real operation and a status the spec declares for it. */
  private checkedFault(input: Schemas['Fault']): Schemas['Fault'] {
    const { protocol } = this.engine.served(input.api);
    const ops = protocol.operations.filter(
      (op) => input.operation === undefined || op.id === input.operation,
    );
    if (!ops.length) throw fault('BadRequest', `${input.api} has no operation "${input.operation}"`);
    // With no operation named, the fault hits every operation: only statuses all of them declare are allowed.
    const declared = ops
      .map((op) => op.errorStatuses)
      .reduce((common, next) => common.filter((s) => next.includes(s)));
    const answersWith200 = ops.every((op) => op.errorStatuses.length === 0);
    if (input.status !== undefined && !answersWith200 && !declared.includes(input.status)) {
      throw fault(
        'BadRequest',
        `${input.api} ${input.operation ?? '(any operation)'} does not declare status ${input.status}; declared: ${declared.join(', ')}`,
      );
    }
    if (input.status === undefined && input.latencyMs === undefined)
      throw fault('BadRequest', 'A fault needs a status, a latencyMs or both');
    return { ...input };
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

function clockState(tx: Transaction): Schemas['ClockState'] {
  return { now: tx.now(), mode: tx.clockMode };
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
