import type { OpenApiDefinition, Principal, ValidCall } from '../api';
import { fault, isFault } from '../core/fault';
import type { Fault } from '../core/fault';
import type { MockReply, MockRequest } from '../core/wire';
import type { CallEnvironment } from '../engine/call-environment';
import { callContext, VIOLATIONS_HEADER, violationsHeader } from '../engine/call-environment';
import { applyInjectedFault } from '../engine/injected-delay';
import { reportUnexpected } from '../engine/unexpected-error';
import { loadSpec } from '../spec/load-spec';
import { OpenApiDocument } from './openapi-document';
import type { OperationSpec } from './operation';

/**
 * Serves one OpenAPI-described API: route → auth → validate → injected fault → handler → strict check.
 * Auth comes before validation because the real services answer an unsigned or unauthenticated call with
 * their auth error whatever its body (docs/decisions/004-auth-before-validation.md).
 */
export class OpenApiRuntime {
  readonly document: OpenApiDocument;

  constructor(readonly api: OpenApiDefinition) {
    this.document = new OpenApiDocument(loadSpec(api.id, 'openapi'));
    for (const op of this.document.operations) {
      if (!api.handlers[op.id]) throw new Error(`${api.id}: no handler for operation ${op.id}`);
    }
  }

  async handle(request: MockRequest, env: CallEnvironment): Promise<MockReply> {
    const routed = this.document.route(request.method, request.path);
    const op = routed.found ? routed.operation : undefined;
    let reply: MockReply;
    try {
      if (env.refusal) throw fault(env.refusal.kind, env.refusal.message);
      if (env.bodyTooLarge) throw fault('PayloadTooLarge', 'The request body is larger than the 1 MiB limit');
      if (!routed.found) {
        const detail = routed.reason === 'MethodNotAllowed' ? ` (allowed: ${routed.allowed.join(', ')})` : '';
        throw fault(routed.reason, `No operation for ${request.method} ${request.path}${detail}`);
      }
      reply = await this.call(routed.operation, routed.pathParams, request, env);
    } catch (error) {
      reply = this.errorReply(error, request, op);
      // RFC 9110 §15.5.6: a 405 names the methods the resource takes.
      if (!routed.found && routed.reason === 'MethodNotAllowed' && reply.status === 405)
        reply.headers.allow = routed.allowed.join(', ');
    }
    if (env.strict && op) {
      const violations = this.document.checkReply(op, reply);
      if (violations.length) reply.headers[VIOLATIONS_HEADER] = violationsHeader(violations);
    }
    return reply;
  }

  /** The API's own error reply for a fault (or an unexpected error, which becomes its 500). */
  errorReply(error: unknown, request: MockRequest, op?: OperationSpec): MockReply {
    const f: Fault = isFault(error) ? error : reportUnexpected(this.api.id, error);
    return this.api.errorReply(f, { operation: op?.id, request });
  }

  private async call(
    op: OperationSpec,
    pathParams: Record<string, string>,
    request: MockRequest,
    env: CallEnvironment,
  ): Promise<MockReply> {
    const context = callContext(this.api, request, op.id, env);
    const principal = op.security.length ? this.api.authenticate(context) : ANONYMOUS;
    requireScopes(op, principal);
    const { params, body } = this.document.validateRequest(op, request, pathParams);
    // Not `{ ...context, principal, params, body }`: on node 20 (V8 11.3) a spread followed by more properties
    // makes a new hidden class on every call, ~5 µs each (scripts/bench.mjs --profile showed it on top).
    const call: ValidCall = Object.assign({}, context, { principal, params, body });
    if (call.session.faults.length) await applyInjectedFault(this.api, call);
    return this.api.handlers[op.id]!(call);
  }
}

const ANONYMOUS: Principal = { subject: 'anonymous', grants: [] };

/** An operation whose security requirements name OAuth scopes needs one requirement fully granted (RFC 6750 §3.1). */
function requireScopes(op: OperationSpec, principal: Principal): void {
  const alternatives = scopeAlternatives(op);
  if (alternatives.every((scopes) => scopes.length === 0)) return;
  if (alternatives.some((scopes) => scopes.every((s) => principal.grants.includes(s)))) return;
  const needed = [...new Set(alternatives.map((scopes) => scopes.join(' ')))].join(' or ');
  throw fault('Forbidden', `The access token lacks the scope ${needed} that ${op.id} requires`);
}

const scopesByOperation = new WeakMap<OperationSpec, string[][]>();

/** The scopes of each security requirement of an operation, worked out once (this runs on every call). */
function scopeAlternatives(op: OperationSpec): string[][] {
  let alternatives = scopesByOperation.get(op);
  if (!alternatives) {
    alternatives = op.security.map((requirement) => Object.values(requirement).flat());
    scopesByOperation.set(op, alternatives);
  }
  return alternatives;
}
