/**
 * The one error type inside jobmock. Handlers, auth and validation throw a Fault; the API's dialect
 * writes it in the API's own wire format. `throw fault('NotFound', 'no such job')` is the only early exit.
 */
export type FaultKind =
  | 'BadRequest'
  | 'ParseError'
  | 'Unauthenticated'
  | 'Forbidden'
  | 'NotFound'
  | 'RouteNotFound'
  | 'MethodNotAllowed'
  | 'Conflict'
  | 'NotCancellable'
  | 'UnsupportedMediaType'
  | 'PayloadTooLarge'
  | 'LimitExceeded'
  | 'TooManyRequests'
  | 'Timeout'
  | 'Internal'
  | 'Unavailable';

/** One finding of request validation: where (a JSON pointer into the request) and what. */
export interface Issue {
  readonly location: string;
  readonly message: string;
}

export interface FaultDetails {
  /** An API-specific error code that overrides the dialect's default for the kind (e.g. `InvalidSignatureException`). */
  readonly code?: string | number;
  /** Every validation finding, when the fault comes from validation. */
  readonly issues?: readonly Issue[];
  /** Extra data for dialects that carry it (JSON-RPC `error.data`). */
  readonly data?: unknown;
  /** Force the HTTP status (an injected fault names its status). */
  readonly status?: number;
}

export class Fault extends Error {
  override readonly name = 'Fault';
  constructor(
    readonly kind: FaultKind,
    message: string,
    readonly details: FaultDetails = {},
  ) {
    super(message);
  }
}

/** @example throw fault('NotFound', `Job ${id} not found`) */
export function fault(kind: FaultKind, message: string, details?: FaultDetails): Fault {
  return new Fault(kind, message, details);
}

export function isFault(value: unknown): value is Fault {
  return value instanceof Fault;
}

/** The HTTP status conventionally used for a fault kind; dialects may choose another. */
export const STATUS_OF_KIND: Readonly<Record<FaultKind, number>> = {
  BadRequest: 400,
  ParseError: 400,
  Unauthenticated: 401,
  Forbidden: 403,
  NotFound: 404,
  RouteNotFound: 404,
  MethodNotAllowed: 405,
  Conflict: 409,
  NotCancellable: 409,
  UnsupportedMediaType: 415,
  PayloadTooLarge: 413,
  LimitExceeded: 429,
  TooManyRequests: 429,
  Timeout: 504,
  Internal: 500,
  Unavailable: 503,
};

/** The fault kind that a bare HTTP status stands for (used by injected faults). */
export function kindOfStatus(status: number): FaultKind {
  const exact = (Object.keys(STATUS_OF_KIND) as FaultKind[]).find((k) => STATUS_OF_KIND[k] === status);
  if (exact) return exact;
  return status >= 500 ? 'Internal' : 'BadRequest';
}
