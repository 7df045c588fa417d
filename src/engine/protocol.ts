import type { Profile } from '../api';
import type { Fault } from '../core/fault';
import type { FaultEffect, OperationFaults } from '../core/fault-effect';
import type { MockReply, MockRequest } from '../core/wire';

/** One operation of an API's spec (an OpenAPI operation, a JSON-RPC method), as the engine knows it. */
export interface OperationInfo {
  /** operationId, or the JSON-RPC method name. */
  readonly id: string;
  /** The 4xx/5xx statuses it declares; empty where every reply is 200 (JSON-RPC). */
  readonly errorStatuses: readonly number[];
  /** Its declared errors and throttled reply, for fault injection and chaos. */
  readonly faults: OperationFaults;
}

/** What a call's operation demands of the caller. */
export interface RoutedCall<Op = unknown> {
  readonly operation: Op;
  readonly id: string;
  /**
   * The OAuth scopes of each security requirement the operation accepts (one must be granted in full);
   * undefined when the operation is open (`security: []`), `[[]]` when it needs a caller but no scope.
   */
  readonly scopes: readonly (readonly string[])[] | undefined;
}

/**
 * How one call ended: the handler's value (a reply, a JSON-RPC result), or a fault; `injected` is the fault
 * injection that hit the call, if any (the one place that says so).
 */
export type Outcome = ({ readonly value: unknown } | { readonly fault: Fault }) & {
  readonly injected?: FaultEffect | undefined;
};

/** What a protocol needs to write an outcome. */
export interface EncodeContext<Call, Op> {
  /** undefined when the request could not be read at all (a refusal, an unreadable JSON-RPC body). */
  readonly call: Call | undefined;
  readonly routed: RoutedCall<Op> | undefined;
  readonly request: MockRequest;
  readonly profile: Profile;
}

/** A request as a client sent it, relative to where the API is mounted (a recorded exchange, a pact). */
export interface SentRequest {
  readonly method: string;
  /** The path below the API's mount point, with the query string: `/v1/jobs/1?pageSize=10`. */
  readonly target: string;
  /** Header names are lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The body as sent ('' for none). */
  readonly body: string;
}

/** A reply as a client received it. */
export interface ReceivedReply {
  readonly status: number;
  /** Header names are lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as received ('' for none). */
  readonly body: string;
}

/** What a received reply answered, and every way it breaks the spec. */
export interface ReplyReview {
  /** The operation the request called (a JSON-RPC batch: its first call's); undefined when the spec has none. */
  readonly operation: string | undefined;
  /** The answer as the protocol tells answers apart: `HTTP 404`, or for JSON-RPC `result` / `error 10`. */
  readonly outcome: string;
  /** Whether the answer is an error: a 4xx or 5xx status, a JSON-RPC error object. */
  readonly failed: boolean;
  /** Every way the reply breaks what the operation declares; empty when it keeps to it. */
  readonly violations: readonly string[];
}

/** The calls one request carries. */
export interface ParsedRequest<Call> {
  readonly calls: readonly Call[];
  /** A JSON-RPC batch: the reply is a list. */
  readonly batch: boolean;
}

/**
 * The parts of serving a request that depend on how an API is described and framed: OpenAPI (REST) or OpenRPC
 * (JSON-RPC over HTTP). The engine runs one pipeline for both — parse, route, authenticate, validate, inject
 * faults, handle, check, encode — and asks the protocol only for these steps. Built once per API, from its spec.
 */
export interface Protocol<Call = unknown, Op = unknown, Piece = unknown> {
  readonly operations: readonly OperationInfo[];
  /** Compiles every validator now rather than on first use. */
  warm(): void;
  /** The calls a request carries. Throws a Fault when the request as a whole cannot be read. */
  parse(request: MockRequest): ParsedRequest<Call>;
  /** The operation a call asks for. Throws a Fault (RouteNotFound, MethodNotAllowed, an invalid envelope). */
  route(call: Call, request: MockRequest): RoutedCall<Op>;
  /**
   * For a call that `route` refused: the operation it may have meant (a path or method name a little off, another
   * HTTP method), as a hint for the client; undefined when none is close.
   */
  routeHint?(call: Call, request: MockRequest): string | undefined;
  /** A call's params (coerced to their types) and body, or one BadRequest fault naming every issue. */
  validate(
    routed: RoutedCall<Op>,
    call: Call,
    request: MockRequest,
  ): { readonly params: Record<string, unknown>; readonly body: unknown };
  /** A call's outcome as the protocol's piece of the reply (undefined for a JSON-RPC notification). */
  encode(outcome: Outcome, context: EncodeContext<Call, Op>): Piece | undefined;
  /** Every way a piece breaks the operation's declared replies (strict mode). */
  check(routed: RoutedCall<Op>, piece: Piece): string[];
  /** The HTTP reply for a request's pieces. */
  reply(pieces: readonly (Piece | undefined)[], parsed: ParsedRequest<Call> | undefined): MockReply;
  /**
   * Why the spec refuses a request as a client sent it: no operation takes it, or its params or body are invalid
   * (empty when the spec takes it). Credentials are not looked at.
   */
  reviewRequest(request: SentRequest): string[];
  /**
   * What a reply to a request answered, and every way it breaks the spec, with the validators of strict mode: a
   * status the operation does not declare, headers or a body not valid for that status and content type, an error
   * outside the API's format. A reply to a request no operation takes is not checked. `headers: false` skips the
   * required headers, for replies recorded without theirs (pact files).
   *
   * @example protocol.reviewReply({ method: 'GET', target: '/v1/jobs/1', headers: {}, body: '' }, received)
   */
  reviewReply(
    request: SentRequest,
    reply: ReceivedReply,
    options?: { readonly headers?: boolean },
  ): ReplyReview;
}
