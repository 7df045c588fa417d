import type { OpenRpcDefinition, Principal, RpcError, ValidCall } from '../api';
import type { Fault } from '../core/fault';
import { fault, isFault } from '../core/fault';
import { parseJson } from '../core/body';
import type { MockReply, MockRequest } from '../core/wire';
import { jsonReply } from '../core/wire';
import type { CallEnvironment } from '../engine/call-environment';
import { callContext, VIOLATIONS_HEADER, violationsHeader } from '../engine/call-environment';
import { applyInjectedFault } from '../engine/injected-delay';
import { reportUnexpected } from '../engine/unexpected-error';
import { loadSpec } from '../spec/load-spec';
import type { RpcCall } from './json-rpc-envelope';
import { readEnvelope, rpcResponse } from './json-rpc-envelope';
import { OpenRpcDocument } from './openrpc-document';

/** JSON-RPC 2.0 §5.1 codes for envelope and params errors. */
const INVALID_REQUEST = { code: -32600 } as const;
const INVALID_PARAMS = { code: -32602 } as const;

/** The most calls one batch may carry (JSON-RPC 2.0 §6 sets no limit; a mock needs one). */
export const MAX_BATCH = 100;

/**
 * Serves one OpenRPC-described API over HTTP POST, JSON-RPC 2.0 by the letter: parse error (-32700),
 * invalid request (-32600), method not found (-32601), invalid params (-32602), batches and notifications
 * (JSON-RPC 2.0 §4–§6). Every reply is HTTP 200 with `application/json`, as KBase services answer.
 */
export class OpenRpcRuntime {
  readonly document: OpenRpcDocument;

  constructor(readonly api: OpenRpcDefinition) {
    this.document = new OpenRpcDocument(loadSpec(api.id, 'openrpc'));
    for (const name of this.document.methods.keys()) {
      if (!api.handlers[name]) throw new Error(`${api.id}: no handler for method ${name}`);
    }
  }

  async handle(request: MockRequest, env: CallEnvironment): Promise<MockReply> {
    if (env.refusal) {
      const refused = fault(env.refusal.kind, env.refusal.message);
      return jsonReply(403, rpcResponse('2.0', null, { error: this.rpcError(refused, undefined, env) }));
    }
    if (request.method === 'OPTIONS') return { status: 200, headers: {} };
    if (env.bodyTooLarge) {
      const tooLarge = fault(
        'PayloadTooLarge',
        'The request body is larger than the 1 MiB limit',
        INVALID_REQUEST,
      );
      return jsonReply(413, rpcResponse('2.0', null, { error: this.rpcError(tooLarge, undefined, env) }));
    }
    const violations: string[] = [];
    let body: unknown;
    try {
      if (request.method !== 'POST')
        throw fault(
          'BadRequest',
          `JSON-RPC calls are sent with POST, not ${request.method}`,
          INVALID_REQUEST,
        );
      const parsed = parseJson(request.rawBody);
      if (Array.isArray(parsed)) {
        if (parsed.length === 0)
          throw fault('BadRequest', 'A batch must hold at least one call', INVALID_REQUEST);
        if (parsed.length > MAX_BATCH)
          throw fault('BadRequest', `A batch may hold at most ${MAX_BATCH} calls`, INVALID_REQUEST);
        const replies: unknown[] = [];
        for (const item of parsed) {
          const reply = await this.one(item, request, env, violations);
          if (reply) replies.push(reply);
        }
        body = replies.length ? replies : undefined;
      } else {
        body = await this.one(parsed, request, env, violations);
      }
    } catch (error) {
      body = rpcResponse('2.0', null, { error: this.rpcError(error, undefined, env) });
    }
    const reply = body === undefined ? { status: 200, headers: {} } : jsonReply(200, body);
    if (env.strict && violations.length) reply.headers[VIOLATIONS_HEADER] = violationsHeader(violations);
    return reply;
  }

  /** Answers one call; undefined for a notification. */
  private async one(
    item: unknown,
    request: MockRequest,
    env: CallEnvironment,
    violations: string[],
  ): Promise<Record<string, unknown> | undefined> {
    const envelope = readEnvelope(item);
    if (!envelope.ok) {
      return rpcResponse('2.0', envelope.id, {
        error: this.rpcError(fault('BadRequest', envelope.message, INVALID_REQUEST), undefined, env),
      });
    }
    const { call } = envelope;
    const method = this.document.methods.get(call.method);
    let outcome: { result: unknown } | { error: RpcError };
    try {
      if (!method) throw fault('RouteNotFound', `Method ${call.method} not found`, { code: -32601 });
      outcome = { result: await this.invoke(call, request, env) };
    } catch (error) {
      outcome = { error: this.rpcError(error, call.method, env) };
    }
    if (env.strict && method) violations.push(...this.document.checkResponse(method, outcome));
    return call.id === undefined && call.version === '2.0'
      ? undefined
      : rpcResponse(call.version, call.id ?? null, outcome);
  }

  private async invoke(call: RpcCall, request: MockRequest, env: CallEnvironment): Promise<unknown> {
    const method = this.document.methods.get(call.method)!;
    const context = callContext(this.api, request, call.method, env);
    const principal: Principal = this.api.authenticate(context);
    const params = this.namedParams(
      call,
      method.params.map((p) => p.name),
    );
    const issues = this.document.validateParams(method, params);
    if (issues.length) {
      throw fault(
        'BadRequest',
        `Invalid params: ${issues.map((i) => `${i.location}: ${i.message}`).join('; ')}`,
        { issues, data: params, code: -32602 },
      );
    }
    const valid: ValidCall = Object.assign({}, context, { principal, params, body: params });
    await applyInjectedFault(this.api, valid);
    return this.api.handlers[call.method]!(valid);
  }

  /**
   * Params by name. A list is either the params by position (JSON-RPC 2.0 §4.2) or, for APIs whose methods
   * take one structure (KBase), a list holding that structure (an empty list: no params).
   */
  private namedParams(call: RpcCall, names: readonly string[]): Record<string, unknown> {
    const { params } = call;
    if (params === undefined) return {};
    if (!Array.isArray(params)) return params as Record<string, unknown>;
    if (this.api.listParams === 'single-structure') {
      if (params.length === 0) return {};
      const [first, ...rest] = params as unknown[];
      if (rest.length || first === null || typeof first !== 'object' || Array.isArray(first)) {
        throw fault(
          'BadRequest',
          'Invalid params: a list must hold exactly one params object',
          INVALID_PARAMS,
        );
      }
      return first as Record<string, unknown>;
    }
    if (params.length > names.length)
      throw fault('BadRequest', `Invalid params: at most ${names.length} positional params`, INVALID_PARAMS);
    return Object.fromEntries(params.map((value, i) => [names[i]!, value]));
  }

  /** A whole reply carrying the API's own error for a call that cannot be served (HTTP 200, id null). */
  errorReply(
    error: unknown,
    _request: MockRequest,
    profile: CallEnvironment['profile'] = 'documented',
  ): MockReply {
    return jsonReply(200, rpcResponse('2.0', null, { error: this.rpcError(error, undefined, { profile }) }));
  }

  private rpcError(
    error: unknown,
    method: string | undefined,
    env: Pick<CallEnvironment, 'profile'>,
  ): RpcError {
    const f: Fault = isFault(error) ? error : reportUnexpected(this.api.id, error);
    return this.api.rpcError(f, { operation: method, profile: env.profile });
  }
}
