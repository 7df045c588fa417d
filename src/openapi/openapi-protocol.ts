import type { OpenApiDefinition } from '../api';
import { fault } from '../core/fault';
import type { MockReply, MockRequest } from '../core/wire';
import type {
  EncodeContext,
  OperationInfo,
  Outcome,
  Protocol,
  ReceivedReply,
  ReplyReview,
  RoutedCall,
  SentRequest,
} from '../engine/protocol';
import { refusalOf, toMockRequest } from '../engine/sent-request';
import { nearestOperation } from './nearest-operation';
import { OpenApiDocument } from './openapi-document';
import type { OperationSpec } from './operation';
import type { OperationFaults } from '../core/fault-effect';

/** An operation found for a request, with its path parameters. */
export interface RoutedOperation {
  readonly spec: OperationSpec;
  readonly pathParams: Record<string, string>;
}

/**
 * REST APIs described by OpenAPI 3.1: one call per request, routed by method and path template, validated
 * against the operation's parameters and body, answered with the handler's reply or the API's own error reply,
 * and checked against the operation's declared responses.
 */
export class OpenApiProtocol implements Protocol<MockRequest, RoutedOperation, MockReply> {
  readonly document: OpenApiDocument;
  readonly operations: readonly OperationInfo[];
  private readonly scopes = new Map<OperationSpec, RoutedCall['scopes']>();

  constructor(
    private readonly api: OpenApiDefinition,
    document: Record<string, unknown>,
  ) {
    this.document = new OpenApiDocument(document);
    for (const op of this.document.operations) {
      if (!api.handlers[op.id]) throw new Error(`${api.id}: no handler for operation ${op.id}`);
      // The scopes of each security requirement, worked out once (routing runs on every call).
      this.scopes.set(op, op.security.length ? op.security.map((r) => Object.values(r).flat()) : undefined);
    }
    this.operations = this.document.operations.map((op) => {
      const errorStatuses = [...op.responses.keys()].filter((s) => /^[45]\d\d$/.test(s)).map(Number);
      return { id: op.id, errorStatuses, faults: operationFaults(op, errorStatuses) };
    });
  }

  warm(): void {
    this.document.warm();
  }

  parse(request: MockRequest) {
    return { calls: [request], batch: false };
  }

  route(request: MockRequest): RoutedCall<RoutedOperation> {
    const routed = this.document.route(request.method, request.path);
    if (!routed.found) {
      const allowed = routed.reason === 'MethodNotAllowed' ? routed.allowed.join(', ') : undefined;
      throw fault(
        routed.reason,
        `No operation for ${request.method} ${request.path}${allowed ? ` (allowed: ${allowed})` : ''}`,
        // RFC 9110 §15.5.6: a 405 names the methods the resource takes.
        allowed ? { headers: { allow: allowed } } : {},
      );
    }
    const spec = routed.operation;
    return { operation: { spec, pathParams: routed.pathParams }, id: spec.id, scopes: this.scopes.get(spec) };
  }

  routeHint(request: MockRequest): string | undefined {
    return nearestOperation(this.document.operations, request);
  }

  validate(routed: RoutedCall<RoutedOperation>, request: MockRequest) {
    return this.document.validateRequest(routed.operation.spec, request, routed.operation.pathParams);
  }

  encode(outcome: Outcome, context: EncodeContext<MockRequest, RoutedOperation>): MockReply {
    if ('value' in outcome) return outcome.value as MockReply;
    const { fault: f } = outcome;
    const reply = this.api.errorReply(f, {
      operation: context.routed?.id,
      request: context.request,
      profile: context.profile,
    });
    if (f.details.headers) Object.assign(reply.headers, f.details.headers);
    return reply;
  }

  check(routed: RoutedCall<RoutedOperation>, reply: MockReply): string[] {
    return this.document.checkReply(routed.operation.spec, reply);
  }

  reply(pieces: readonly (MockReply | undefined)[]): MockReply {
    return pieces[0]!;
  }

  reviewRequest(sent: SentRequest): string[] {
    const request = toMockRequest(sent);
    try {
      this.validate(this.route(request), request);
      return [];
    } catch (error) {
      return refusalOf(error);
    }
  }

  reviewReply(sent: SentRequest, reply: ReceivedReply, options: { headers?: boolean } = {}): ReplyReview {
    const routed = this.document.route(sent.method, toMockRequest(sent).path);
    const answer = { outcome: `HTTP ${reply.status}`, failed: reply.status >= 400 };
    if (!routed.found) return { operation: undefined, ...answer, violations: [] };
    const received: MockReply = {
      status: reply.status,
      headers: { ...reply.headers },
      ...(reply.body === '' ? {} : { body: reply.body }),
    };
    const op = routed.operation;
    return { operation: op.id, ...answer, violations: this.document.checkReply(op, received, options) };
  }
}

/** RFC 6585 §4: the status of a throttled reply. */
const TOO_MANY_REQUESTS = 429;

/**
 * What an operation offers to fault injection: the error statuses the real service answers it with (those of
 * jobmock's own `x-jobmock` replies and 429 left out), and its throttled reply when it declares a 429, with
 * `Retry-After` when that response declares the header.
 */
function operationFaults(op: OperationSpec, errorStatuses: readonly number[]): OperationFaults {
  const errors = errorStatuses
    .filter((s) => s !== TOO_MANY_REQUESTS && !op.responses.get(String(s))!.jobmockOnly)
    .map((status) => ({ status }));
  const throttled = op.responses.get(String(TOO_MANY_REQUESTS));
  return {
    errors,
    throttling: throttled && {
      status: TOO_MANY_REQUESTS,
      retryAfter: throttled.headers.has('retry-after'),
    },
  };
}
