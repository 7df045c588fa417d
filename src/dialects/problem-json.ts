import type { Fault } from '../core/fault';
import { statusOfKind } from '../core/fault';
import type { MockReply } from '../core/wire';

/** Titles of the HTTP statuses problem documents use (RFC 9110 §15). */
const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export interface ProblemOptions {
  /** The status to send instead of the kind's usual one (an API that answers NotCancellable with 422). */
  readonly status?: number;
  /** `type` URI base; the status is appended. Defaults to RFC 9110's section links. */
  readonly typeBase?: string;
  /** The `type` URI itself, in place of the one made from `typeBase` (an API's own link for the status). */
  readonly type?: string;
  /** The `title`, in place of the status's reason phrase. */
  readonly title?: string;
  /** The problem occurrence (`instance`), usually the request path. */
  readonly instance?: string;
  /** Extra members (`errors` for ASP.NET's ValidationProblemDetails). */
  readonly extensions?: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * An RFC 7807 / RFC 9457 problem document (`application/problem+json`): `type`, `title`, `status`,
 * `detail` (the fault's message) and `instance` (RFC 7807 §3.1).
 */
export function problemJson(fault: Fault, options: ProblemOptions = {}): MockReply {
  const status = fault.details.status ?? options.status ?? statusOfKind(fault.kind);
  const body = {
    type: options.type ?? typeOf(status, options.typeBase),
    title: options.title ?? TITLES[status] ?? 'Error',
    status,
    detail: fault.message,
    ...(options.instance === undefined ? {} : { instance: options.instance }),
    ...options.extensions,
  };
  return { status, headers: { 'content-type': 'application/problem+json', ...options.headers }, body };
}

/** The default `type` of a status: its RFC 9110 §15 section (429 is RFC 6585's). */
function typeOf(status: number, base: string | undefined): string {
  if (base === undefined && status === 429) return 'https://tools.ietf.org/html/rfc6585#section-4';
  return `${base ?? 'https://tools.ietf.org/html/rfc9110#section-15.'}${sectionOf(status)}`;
}

/** RFC 9110 §15 section of a status: 4xx → 15.5.(n+1), 5xx → 15.6.(n+1). */
function sectionOf(status: number): string {
  const klass = Math.floor(status / 100);
  return `${klass + 1}.${(status % 100) + 1}`;
}
