import type { Fault, Issue, MockReply, MockRequest, ProblemOptions } from '../../src/index';
import { fault, jsonReply, problemJson, statusOfKind } from '../../src/index';
import type { components } from '../../specs/bigchange/types.gen';

type OAuthErrorCode = components['schemas']['OAuthError']['error'];

const VALIDATION_TITLE = 'One or more validation errors occurred.';
const OAUTH_ERRORS: readonly string[] = [
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
] satisfies readonly OAuthErrorCode[];

/**
 * Where the status of a fault kind on the /v1 operations differs from the engine's convention: the spec
 * declares no 409, 415, 503 or 504 for them, so a wrong media type is a 400, a job that cannot be cancelled a
 * 422, and a conflict or a store that times out or is not there a 500.
 */
const OWN_STATUS: Readonly<Record<string, number>> = {
  UnsupportedMediaType: 400,
  NotCancellable: 422,
  Conflict: 500,
  Timeout: 500,
  Unavailable: 500,
};

function statusOf(fault: Fault): number {
  return statusOfKind(fault.kind, OWN_STATUS);
}

/**
 * The problem `type` of each status, as ASP.NET Core's ClientErrorMapping writes it (before .NET 8: RFC 7231,
 * RFC 7235 and RFC 4918 sections) and as the spec's examples show them; 413 and 429, which ASP.NET leaves
 * without one, carry the examples' links too.
 */
const PROBLEM_TYPES: Readonly<Record<number, string>> = {
  400: 'https://tools.ietf.org/html/rfc7231#section-6.5.1',
  401: 'https://tools.ietf.org/html/rfc7235#section-3.1',
  403: 'https://tools.ietf.org/html/rfc7231#section-6.5.3',
  404: 'https://tools.ietf.org/html/rfc7231#section-6.5.4',
  405: 'https://tools.ietf.org/html/rfc7231#section-6.5.5',
  406: 'https://tools.ietf.org/html/rfc7231#section-6.5.6',
  409: 'https://tools.ietf.org/html/rfc7231#section-6.5.8',
  413: 'https://tools.ietf.org/html/rfc7231#section-6.5.11',
  415: 'https://tools.ietf.org/html/rfc7231#section-6.5.13',
  422: 'https://tools.ietf.org/html/rfc4918#section-11.2',
  429: 'https://tools.ietf.org/html/rfc6585#section-4',
  500: 'https://tools.ietf.org/html/rfc7231#section-6.6.1',
  502: 'https://tools.ietf.org/html/rfc7231#section-6.6.3',
  503: 'https://tools.ietf.org/html/rfc7231#section-6.6.4',
  504: 'https://tools.ietf.org/html/rfc7231#section-6.6.5',
};

/** Titles where ASP.NET Core (and the spec's examples) word them otherwise than RFC 9110. */
const PROBLEM_TITLES: Readonly<Record<number, string>> = {
  413: 'Payload Too Large',
  500: 'An error occurred while processing your request.',
};

/** Problem details as BigChange's ASP.NET Core service writes them for a status: its `type` link and title. */
function aspNetProblem(fault: Fault, status: number, options: Omit<ProblemOptions, 'status'>): MockReply {
  return problemJson(fault, {
    ...options,
    status,
    type: PROBLEM_TYPES[status],
    title: PROBLEM_TITLES[status],
  });
}

/**
 * A ValidationProblemDetails fault (422): ASP.NET Core's `errors` by property, and a detail saying why.
 *
 * @example throw validationFault('The job cannot be cancelled ...', { status: ['Job 1 has the status started ...'] })
 */
export function validationFault(
  detail: string,
  errors: Record<string, string[]>,
  kind: 'NotCancellable' | 'BadRequest' = 'BadRequest',
): Fault {
  return fault(kind, detail, { status: 422, data: { errors } });
}

/** Validation issues by property, as ASP.NET Core names them (`reason`, `Customer-Id`, `$` for the body). */
function errorsOf(issues: readonly Issue[]): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of issues) {
    const key =
      issue.location
        .replace(/^body\/?/, '')
        .replace(/^(path|query|header|cookie) /, '')
        .replaceAll('/', '.') || '$';
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}

function errorsCarried(fault: Fault): Record<string, string[]> | undefined {
  const data = fault.details.data as { errors?: Record<string, string[]> } | undefined;
  return data?.errors ?? (fault.details.issues ? errorsOf(fault.details.issues) : undefined);
}

/**
 * The cancel body was JSON with a `reason` that is missing, empty or too long: the spec answers that with
 * 422 ("when the reason is missing or too long"); a body that cannot be read at all stays a 400.
 */
function isReasonProblem(fault: Fault, request: MockRequest): boolean {
  const issues = fault.details.issues ?? [];
  if (fault.kind !== 'BadRequest' || issues.length === 0) return false;
  if (!issues.every((i) => i.location === 'body/reason')) return false;
  try {
    const body: unknown = JSON.parse(request.rawBody);
    const reason = (body as { reason?: unknown }).reason;
    return reason === undefined || typeof reason === 'string';
  } catch {
    return false;
  }
}

/**
 * Writes a fault on the /v1 operations as RFC 7807 problem details (`application/problem+json`):
 * 401 with a `WWW-Authenticate: Bearer` challenge (RFC 6750 §3), 403 with `insufficient_scope`, 422 as
 * ValidationProblemDetails with `errors`, other validation failures as 400 with their `errors` too.
 */
function jobsErrorReply(fault: Fault, operation: string | undefined, request: MockRequest): MockReply {
  const instance = request.path;
  const reasonProblem = operation === 'cancelJob' && isReasonProblem(fault, request);
  const status = fault.details.status ?? (reasonProblem ? 422 : statusOf(fault));
  const errors = errorsCarried(fault);
  const extensions =
    status === 422
      ? { title: VALIDATION_TITLE, errors: errors ?? {} }
      : errors
        ? { title: VALIDATION_TITLE, errors }
        : undefined;
  const headers: Record<string, string> = {};
  if (status === 401) {
    headers['www-authenticate'] =
      fault.details.code === 'invalid_token'
        ? `Bearer error="invalid_token", error_description="${fault.message.replace(/["\\]/g, '')}"`
        : 'Bearer';
  }
  if (status === 403) headers['www-authenticate'] = 'Bearer error="insufficient_scope"';
  return aspNetProblem(fault, status, { instance, headers, ...(extensions ? { extensions } : {}) });
}

/**
 * Writes a fault on the token endpoint as the spec declares it: RFC 6749 §5.2 `{error, error_description}`
 * (400, or 401 `invalid_client`), 422 ValidationProblemDetails for an empty client_id or client_secret, and
 * problem details for the rest (413, 500).
 */
function tokenErrorReply(fault: Fault, request: MockRequest): MockReply {
  const issues = fault.details.issues ?? [];
  const credentialIssues =
    issues.length > 0 && issues.every((i) => /^body\/client_(id|secret)$/.test(i.location));
  const status = fault.details.status ?? (credentialIssues ? 422 : statusOf(fault));
  if (status === 422) {
    return aspNetProblem(fault, status, {
      instance: request.path,
      extensions: { title: VALIDATION_TITLE, errors: errorsCarried(fault) ?? {} },
    });
  }
  if (status !== 400 && status !== 401) return aspNetProblem(fault, status, { instance: request.path });
  const given = fault.details.code;
  const error =
    typeof given === 'string' && OAUTH_ERRORS.includes(given)
      ? given
      : status === 401
        ? 'invalid_client'
        : issues.some((i) => i.location === 'body/grant_type') &&
            new URLSearchParams(request.rawBody).has('grant_type')
          ? 'unsupported_grant_type'
          : 'invalid_request';
  const reply = jsonReply(status, { error, error_description: fault.message });
  reply.headers['cache-control'] = 'no-store';
  if (status === 401) reply.headers['www-authenticate'] = 'Basic';
  return reply;
}

/** BigChange's error replies: OAuth errors from the token endpoint, problem details everywhere else. */
export function bigChangeErrorReply(
  fault: Fault,
  context: { operation: string | undefined; request: MockRequest },
): MockReply {
  return context.operation === 'getAccessToken'
    ? tokenErrorReply(fault, context.request)
    : jobsErrorReply(fault, context.operation, context.request);
}
