import type { Fault } from '../core/fault';
import { fault, isFault } from '../core/fault';
import type { Job } from '../core/job';
import type { InjectedFault } from '../core/injected-fault';
import type { Session } from '../core/session';
import type { MockReply, MockRequest } from '../core/wire';
import { emptyReply, jsonReply } from '../core/wire';
import type { Engine } from '../engine/engine';
import { reportUnexpected } from '../engine/unexpected-error';
import type { IncomingCall } from '../engine/incoming-call';
import { splitUrl } from '../engine/incoming-call';
import { SESSION_HEADER } from '../engine/engine';
import { OpenApiDocument } from '../openapi/openapi-document';
import { loadSpec } from '../spec/load-spec';
import { adminError } from './admin-error';
import type { ProviderStateCall } from './provider-states';
import { applyProviderState } from './provider-states';

/** Where the admin API is mounted on every jobmock server. */
export const ADMIN_PREFIX = '/__admin';

interface AdminCall {
  readonly session: Session;
  readonly params: Record<string, unknown>;
  readonly body: unknown;
}

/**
 * jobmock's admin API (specs/_admin/openapi.yaml): validated against its spec like the mocked APIs,
 * with errors in its own `{error: {code, message}}` format. Every change is checked before it is applied,
 * so a bad request changes nothing.
 */
export class AdminApi {
  private readonly document = new OpenApiDocument(loadSpec('_admin', 'openapi'));
  private readonly handlers: Record<string, (call: AdminCall) => MockReply>;

  constructor(
    private readonly engine: Engine,
    private readonly adminToken?: string | undefined,
  ) {
    this.handlers = {
      health: () => jsonReply(200, { status: 'ok', apis: engine.apiIds }),
      reset: ({ session }) => {
        engine.reset(session.name);
        return jsonReply(200, { session: session.name });
      },
      listJobs: (call) => this.listJobs(call),
      createJob: ({ session, body }) => {
        const input = body as {
          api: string;
          state: string;
          id?: string;
          owner?: string;
          held?: boolean;
          fields?: Record<string, unknown>;
        };
        const job = engine.createJob(session, input.api, input);
        return jsonReply(201, this.view(input.api, job));
      },
      getJob: ({ session, params }) => {
        const api = String(params.api);
        const job = engine.adminContext(session, api).jobs.get(String(params.id));
        if (!job) throw fault('NotFound', `No job ${String(params.id)} in ${api}`);
        return jsonReply(200, this.view(api, job));
      },
      getClock: ({ session }) => jsonReply(200, { now: session.clock.now(), mode: session.clock.mode }),
      advanceClock: ({ session, body }) => {
        const now = session.clock.advance((body as { advanceMs: number }).advanceMs);
        return jsonReply(200, { now, mode: session.clock.mode });
      },
      listFaults: ({ session }) => jsonReply(200, { faults: session.faults }),
      injectFault: ({ session, body }) => {
        session.faults.push(this.checkedFault(body as InjectedFault));
        return jsonReply(201, { faults: session.faults });
      },
      clearFaults: ({ session }) => {
        session.faults.length = 0;
        return emptyReply(204);
      },
      providerState: ({ session, params, body }) => {
        const api = this.apiOfState(params);
        return jsonReply(200, applyProviderState(engine, session, api, body as ProviderStateCall));
      },
    };
  }

  /** Answers a call whose path starts with ADMIN_PREFIX. */
  handle(call: IncomingCall): MockReply {
    const { path, query } = splitUrl(call.url);
    const request: MockRequest = {
      method: call.method,
      base: ADMIN_PREFIX,
      path: path.slice(ADMIN_PREFIX.length) || '/',
      query,
      headers: call.headers,
      rawBody: call.rawBody,
    };
    try {
      if (call.refusal) throw fault(call.refusal.kind, call.refusal.message);
      if (call.bodyTooLarge)
        throw fault('PayloadTooLarge', 'The request body is larger than the 1 MiB limit');
      const routed = this.document.route(request.method, request.path);
      if (!routed.found)
        throw fault(
          routed.reason === 'MethodNotAllowed' ? 'MethodNotAllowed' : 'NotFound',
          `No admin operation ${request.method} ${path}`,
        );
      const op = routed.operation;
      if (op.security.length) this.checkToken(request);
      const { params, body } = this.document.validateRequest(op, request, routed.pathParams);
      const session = this.engine.sessionFor(call.headers[SESSION_HEADER]);
      if (!session) throw fault('LimitExceeded', 'Too many sessions; reset or reuse one');
      return this.handlers[op.id]!({ session, params, body });
    } catch (error) {
      const f: Fault = isFault(error) ? error : reportUnexpected('admin', error);
      return adminError(f);
    }
  }

  private checkToken(request: MockRequest): void {
    if (this.adminToken === undefined) return;
    if (request.headers.authorization !== `Bearer ${this.adminToken}`) {
      throw fault('Unauthenticated', 'The admin API needs Authorization: Bearer <admin token>');
    }
  }

  private view(api: string, job: Job) {
    const runtime = this.engine.runtime(api);
    return {
      api,
      id: job.id,
      state: job.state,
      held: job.held,
      ...(job.owner === undefined ? {} : { owner: job.owner }),
      history: job.history,
      document: runtime.api.view(job),
    };
  }

  private listJobs({ session, params }: AdminCall): MockReply {
    const apis = params.api === undefined ? this.engine.apiIds : [String(params.api)];
    const limit = (params.limit as number | undefined) ?? 1000;
    const jobs: unknown[] = [];
    for (const api of apis) {
      for (const job of this.engine.adminContext(session, api).jobs.all()) {
        if (jobs.length >= limit) break;
        if (params.state === undefined || job.state === params.state) jobs.push(this.view(api, job));
      }
    }
    return jsonReply(200, { jobs });
  }

  /** An injected fault must name a real operation and a status the spec declares for it. */
  private checkedFault(input: InjectedFault): InjectedFault {
    const runtime = this.engine.runtime(input.api);
    const declared = statusesOf(runtime, input.operation);
    if (declared === undefined)
      throw fault('BadRequest', `${input.api} has no operation "${input.operation}"`);
    if (input.status !== undefined && declared.size && !declared.has(String(input.status))) {
      throw fault(
        'BadRequest',
        `${input.api} ${input.operation ?? '(any operation)'} does not declare status ${input.status}; declared: ${[...declared].join(', ')}`,
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

/**
 * Statuses an operation declares (every operation's, when none is named); empty for JSON-RPC, where
 * every reply is HTTP 200; undefined when there is no such operation.
 */
function statusesOf(
  runtime: ReturnType<Engine['runtime']>,
  operation: string | undefined,
): Set<string> | undefined {
  if (!('operations' in runtime.document)) {
    return operation === undefined || runtime.document.methods.has(operation) ? new Set() : undefined;
  }
  const ops = runtime.document.operations.filter((op) => operation === undefined || op.id === operation);
  if (!ops.length) return undefined;
  const errorStatuses = ops.map((op) => [...op.responses.keys()].filter((s) => /^[45]\d\d$/.test(s)));
  // With no operation named, the fault hits every operation: only statuses all of them declare are allowed.
  return new Set(errorStatuses.reduce((common, next) => common.filter((s) => next.includes(s))));
}
