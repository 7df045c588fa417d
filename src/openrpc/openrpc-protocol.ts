import type { JsonRpcRules, OpenRpcDefinition, Profile, RpcError } from '../api';
import { isJsonMedia, mediaType, parseJson } from '../core/body';
import type { Issue } from '../core/fault';
import { fault } from '../core/fault';
import type { MockReply, MockRequest } from '../core/wire';
import { jsonReply } from '../core/wire';
import type {
  EncodeContext,
  OperationInfo,
  Outcome,
  ParsedRequest,
  Protocol,
  ReceivedReply,
  ReplyReview,
  RoutedCall,
  SentRequest,
} from '../engine/protocol';
import { refusalOf, toMockRequest } from '../engine/sent-request';
import type { EnvelopeCheck, RpcCall } from './json-rpc-envelope';
import { readEnvelope, responseIssues, rpcResponse } from './json-rpc-envelope';
import { nearestMethod } from './nearest-method';
import type { MethodSpec } from './openrpc-document';
import { OpenRpcDocument } from './openrpc-document';

/** JSON-RPC 2.0 §5.1 codes for envelope and params errors. */
const INVALID_REQUEST = { code: -32600 } as const;
const INVALID_PARAMS = { code: -32602 } as const;

/**
 * The HTTP status of a request refused before any call was read, by the server rather than the API: a body over
 * the size limit, a Host or Origin the server does not answer to. Every other reply is 200, as JSON-RPC over
 * HTTP has it.
 */
const TRANSPORT_STATUS: Readonly<Partial<Record<string, number>>> = { PayloadTooLarge: 413, Forbidden: 403 };

/** The most calls one batch may carry (JSON-RPC 2.0 §6 sets no limit; a mock needs one). */
export const MAX_BATCH = 100;

/** The fault kind of a request the API's server fails on (its rules' `serverFailure`). */
const SERVER_FAILURE = 'JsonRpcServerFailure';

/** One response object of a reply, the outcome it carries, and the HTTP status it asks for (200, or 413). */
export interface RpcResponsePiece {
  readonly status: number;
  readonly response: Record<string, unknown>;
  readonly outcome: { readonly result: unknown } | { readonly error: RpcError };
}

/** The reply of a server that failed on the request (no JSON-RPC at all). */
export interface RpcFailurePiece {
  readonly failure: MockReply;
}

export type RpcPiece = RpcResponsePiece | RpcFailurePiece;

/**
 * JSON-RPC APIs described by OpenRPC, over HTTP POST, JSON-RPC 2.0 by the letter: parse error (-32700),
 * invalid request (-32600), method not found (-32601), invalid params (-32602), batches and notifications
 * (JSON-RPC 2.0 §4–§6). Every reply is HTTP 200 with `application/json`, as KBase services answer; every method
 * needs the API's auth. Where an API's server departs from the letter, its definition says how, per profile
 * (`jsonRpcRules`): requests the server fails on, `id: null`, the 1.1 form's params and errors.
 */
export class OpenRpcProtocol implements Protocol<EnvelopeCheck, MethodSpec, RpcPiece> {
  readonly document: OpenRpcDocument;
  readonly operations: readonly OperationInfo[];
  private readonly rules: JsonRpcRules;

  constructor(
    private readonly api: OpenRpcDefinition,
    document: Record<string, unknown>,
    profile: Profile = 'documented',
  ) {
    this.rules = api.jsonRpcRules?.[profile] ?? {};
    this.document = new OpenRpcDocument(document);
    for (const name of this.document.methods.keys()) {
      if (!api.handlers[name]) throw new Error(`${api.id}: no handler for method ${name}`);
    }
    // JSON-RPC answers every call with HTTP 200: its errors are error objects, and nothing declares throttling.
    this.operations = [...this.document.methods.values()].map((method) => ({
      id: method.name,
      errorStatuses: [],
      faults: { errors: method.errors, throttling: undefined },
    }));
  }

  warm(): void {
    this.document.warm();
  }

  /** A request object, or a batch of them (JSON-RPC 2.0 §6); OPTIONS carries none. */
  parse(request: MockRequest): ParsedRequest<EnvelopeCheck> {
    if (request.method === 'OPTIONS') return { calls: [], batch: false };
    if (request.method !== 'POST')
      throw fault('BadRequest', `JSON-RPC calls are sent with POST, not ${request.method}`, INVALID_REQUEST);
    const parsed = parseJson(request.rawBody);
    this.failOn(parsed);
    if (!Array.isArray(parsed)) return { calls: [readEnvelope(parsed)], batch: false };
    if (parsed.length === 0)
      throw fault('BadRequest', 'A batch must hold at least one call', INVALID_REQUEST);
    if (parsed.length > MAX_BATCH)
      throw fault('BadRequest', `A batch may hold at most ${MAX_BATCH} calls`, INVALID_REQUEST);
    return { calls: parsed.map(readEnvelope), batch: true };
  }

  route(envelope: EnvelopeCheck): RoutedCall<MethodSpec> {
    if (!envelope.ok) throw fault('BadRequest', envelope.message, INVALID_REQUEST);
    const method = this.document.methods.get(envelope.call.method);
    if (!method) throw fault('RouteNotFound', `Method ${envelope.call.method} not found`, { code: -32601 });
    return { operation: method, id: method.name, scopes: [[]] };
  }

  routeHint(envelope: EnvelopeCheck): string | undefined {
    if (!envelope.ok) return undefined;
    return nearestMethod(envelope.call.method, [...this.document.methods.keys()]);
  }

  validate(routed: RoutedCall<MethodSpec>, envelope: EnvelopeCheck) {
    const method = routed.operation;
    const params = this.namedParams(
      (envelope as { call: RpcCall }).call,
      method.params.map((p) => p.name),
    );
    const issues = this.document.validateParams(method, params);
    if (issues.length) {
      throw fault(
        'BadRequest',
        `Invalid params: ${issues.map((i) => `${i.location}: ${i.message}`).join('; ')}`,
        {
          issues,
          data: params,
          code: -32602,
        },
      );
    }
    return { params, body: params };
  }

  encode(outcome: Outcome, context: EncodeContext<EnvelopeCheck, MethodSpec>): RpcPiece | undefined {
    if ('fault' in outcome && outcome.fault.kind === SERVER_FAILURE) {
      const { reply } = this.rules.serverFailure!;
      return { failure: { status: reply.status, headers: { ...reply.headers }, body: reply.body } };
    }
    const envelope = context.call;
    const call = envelope?.ok ? envelope.call : undefined;
    const version = call?.version ?? '2.0';
    const id = call ? (call.id ?? null) : envelope?.ok === false ? envelope.id : null;
    const nullIdError = call?.id === null ? this.rules.nullIdError : undefined;
    const result =
      'value' in outcome
        ? nullIdError
          ? { error: nullIdError }
          : { result: outcome.value }
        : {
            error: this.api.rpcError(outcome.fault, {
              operation: context.routed?.id,
              profile: context.profile,
              request: context.request,
            }),
          };
    // A notification gets no response (JSON-RPC 2.0 §4.1); KBase 1.1 calls always do.
    if (call && call.id === undefined && version === '2.0') return undefined;
    const status = !envelope && 'fault' in outcome ? (TRANSPORT_STATUS[outcome.fault.kind] ?? 200) : 200;
    const response = rpcResponse(version, id, result, this.rules.errors11As20 === true);
    return { status, response, outcome: result };
  }

  check(routed: RoutedCall<MethodSpec>, piece: RpcPiece): string[] {
    return 'failure' in piece ? [] : this.document.checkResponse(routed.operation, piece.outcome);
  }

  reply(
    pieces: readonly (RpcPiece | undefined)[],
    parsed: ParsedRequest<EnvelopeCheck> | undefined,
  ): MockReply {
    const sent = pieces.filter((p): p is RpcPiece => p !== undefined);
    const failed = sent.find((p): p is RpcFailurePiece => 'failure' in p);
    if (failed) return failed.failure;
    const answers = sent as readonly RpcResponsePiece[];
    if (answers.length === 0) return { status: 200, headers: {} };
    if (parsed?.batch)
      return jsonReply(
        200,
        answers.map((p) => p.response),
      );
    return jsonReply(answers[0]!.status, answers[0]!.response);
  }

  /**
   * Throws when the API's server fails on this request body (its rules' `serverFailure`): one that is not a
   * request object whose `method` it can read, or one without an `id`.
   */
  private failOn(body: unknown): void {
    const failure = this.rules.serverFailure;
    if (!failure) return;
    const request = body !== null && typeof body === 'object' && !Array.isArray(body) ? body : undefined;
    const method = (request as { method?: unknown } | undefined)?.method;
    const unreadable =
      failure.unlessMethodMatches !== undefined &&
      (typeof method !== 'string' || !failure.unlessMethodMatches.test(method));
    const noId = failure.withoutId === true && request !== undefined && !('id' in request);
    if (unreadable || noId) {
      throw fault(SERVER_FAILURE, unreadable ? 'The server cannot read the method' : 'The request has no id');
    }
  }

  reviewRequest(sent: SentRequest): string[] {
    const request = toMockRequest(sent);
    let parsed: ParsedRequest<EnvelopeCheck>;
    try {
      parsed = this.parse(request);
    } catch (error) {
      return refusalOf(error);
    }
    return parsed.calls.flatMap((call) => {
      try {
        this.validate(this.route(call), call);
        return [];
      } catch (error) {
        return refusalOf(error);
      }
    });
  }

  /**
   * Each response object of the reply against JSON-RPC 2.0 §5 and against the method of the call with its id:
   * its result schema, or a declared (or standard) error code. HTTP 200 and a JSON content type are required.
   */
  reviewReply(sent: SentRequest, reply: ReceivedReply): ReplyReview {
    const calls = sentCalls(sent.body);
    const operation = calls.map((c) => c.method).find((m) => this.document.methods.has(m));
    if (reply.status !== 200) {
      const violations = [`HTTP status ${reply.status}; JSON-RPC replies are sent with 200`];
      return { operation, outcome: `HTTP ${reply.status}`, failed: true, violations };
    }
    const violations: string[] = [];
    const media = mediaType(reply.headers['content-type']);
    if (reply.body !== '' && !isJsonMedia(media))
      violations.push(`content type ${media ?? '(none)'} is not JSON`);
    let body: unknown;
    try {
      body = reply.body === '' ? undefined : JSON.parse(reply.body);
    } catch {
      return { operation, outcome: 'no response', failed: true, violations: ['the reply is not JSON'] };
    }
    const answers: unknown[] = body === undefined ? [] : Array.isArray(body) ? body : [body];
    const outcomes = answers.map((answer) => {
      const a = (answer ?? {}) as { id?: unknown; result?: unknown; error?: RpcError };
      const call = calls.find((c) => c.id !== undefined && c.id === a.id);
      const issues = responseIssues(answer, call?.version ?? '2.0');
      violations.push(...issues);
      const method = call && this.document.methods.get(call.method);
      if (method && !issues.length) {
        const result = call.version === '1.1' && Array.isArray(a.result) ? a.result[0] : a.result;
        violations.push(...this.document.checkResponse(method, a.error ? { error: a.error } : { result }));
      }
      return a.error ? `error ${String(a.error.code)}` : 'result';
    });
    for (const call of calls) {
      const answered = answers.some((a) => (a as { id?: unknown } | null)?.id === call.id);
      if (call.id !== undefined && !answered)
        violations.push(`no response to the call with id ${JSON.stringify(call.id)}`);
    }
    return {
      operation,
      outcome: outcomes.join(', ') || 'no response',
      failed: outcomes.length === 0 || outcomes.some((o) => o !== 'result'),
      violations,
    };
  }

  /**
   * Params by name. A list is either the params by position (JSON-RPC 2.0 §4.2) or, for APIs whose methods
   * take one structure (KBase), a list holding that structure (an empty list: no params).
   */
  private namedParams(call: RpcCall, names: readonly string[]): Record<string, unknown> {
    const { params } = call;
    if (params === undefined) return {};
    if (!Array.isArray(params)) {
      const refused = call.version === '1.1' ? this.rules.namedParams11Error : undefined;
      if (refused) throw fault('BadRequest', refused.message, { code: refused.code, data: refused.data });
      return params as Record<string, unknown>;
    }
    if (this.api.listParams === 'single-structure') {
      if (params.length === 0) return {};
      const [first, ...rest] = params as unknown[];
      const issue: Issue | undefined = rest.length
        ? { location: 'params', message: 'must hold one item', keyword: 'maxItems', schemaValue: 1 }
        : first === null || typeof first !== 'object' || Array.isArray(first)
          ? { location: 'params', message: 'must be object', keyword: 'type', schemaValue: 'object' }
          : undefined;
      if (issue) {
        throw fault('BadRequest', 'Invalid params: a list must hold exactly one params object', {
          ...INVALID_PARAMS,
          issues: [issue],
          data: first,
        });
      }
      return first as Record<string, unknown>;
    }
    if (params.length > names.length) {
      const max = names.length;
      throw fault('BadRequest', `Invalid params: at most ${max} positional params`, {
        ...INVALID_PARAMS,
        issues: [
          {
            location: 'params',
            message: `must hold at most ${max} items`,
            keyword: 'maxItems',
            schemaValue: max,
          },
        ],
      });
    }
    return Object.fromEntries(params.map((value, i) => [names[i]!, value]));
  }
}

/** The well-formed calls of a request body a client sent (none when it is not JSON-RPC). */
function sentCalls(body: string): RpcCall[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [];
  }
  return (Array.isArray(parsed) ? parsed : [parsed])
    .map(readEnvelope)
    .flatMap((envelope) => (envelope.ok ? [envelope.call] : []));
}
