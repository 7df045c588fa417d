/**
 * The one error type inside jobmock. Handlers, auth and validation throw a Fault; the API's dialect
 * writes it in the API's own wire format. `throw fault('NotFound', 'no such job')` is the only early exit.
 * The kinds below are the ones the engine itself raises; an API may add its own (a 410 `Gone`), declaring
 * the status of each in its definition (`faultStatuses`) and writing it in its error table.
 */
export type EngineFaultKind =
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

/** An engine kind, or one an API declares (any other name). */
export type FaultKind = EngineFaultKind | (string & NonNullable<unknown>);

/** One finding of request validation: where (a JSON pointer into the request) and what. */
export interface Issue {
  readonly location: string;
  readonly message: string;
  /** The JSON Schema keyword the value failed (`minimum`, `required`, ...), for APIs whose errors name it. */
  readonly keyword?: string;
  /** That keyword's value in the schema (`0` for `minimum: 0`). */
  readonly schemaValue?: unknown;
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
  /** Headers the reply carries whatever the API's error format (`Allow` on a 405, `Retry-After`). */
  readonly headers?: Readonly<Record<string, string>>;
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

/**
 * Whether a value is a Fault: one of this copy of jobmock, or of another copy loaded beside it (an API module
 * of a user's own may import the package while the server runs from a checkout), known by its shape.
 */
export function isFault(value: unknown): value is Fault {
  if (value instanceof Fault) return true;
  const f = value as Partial<Fault> | null;
  return (
    value instanceof Error &&
    f!.name === 'Fault' &&
    typeof f!.kind === 'string' &&
    typeof f!.details === 'object'
  );
}

/** The HTTP status conventionally used for each engine fault kind; dialects may choose another. */
export const STATUS_OF_KIND: Readonly<Record<EngineFaultKind, number>> = {
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

/** The status of a fault kind: the API's own declaration for its kinds, else the engine's convention (500 when unknown). */
export function statusOfKind(kind: FaultKind, own: Readonly<Record<string, number>> = {}): number {
  return own[kind] ?? STATUS_OF_KIND[kind as EngineFaultKind] ?? 500;
}

/** The fault kind that a bare HTTP status stands for (used by injected faults): the API's own kinds first. */
export function kindOfStatus(status: number, own: Readonly<Record<string, number>> = {}): FaultKind {
  const table: [string, number][] = [...Object.entries(own), ...Object.entries(STATUS_OF_KIND)];
  const exact = table.find(([, s]) => s === status)?.[0];
  if (exact) return exact;
  return status >= 500 ? 'Internal' : 'BadRequest';
}
