import type { Fault, FaultKind, MockRequest, Profile, RpcError } from '../../src/index';
import { fault } from '../../src/index';
import type { KbaseState } from './machine';
import { invalidParamsData } from './schema-error';

/**
 * KBase's error vocabulary (docs/errors.md, errors.json, EE2Model.py): the codes the BFF sends and their
 * fixed messages. Codes 10 and -32000 carry a message that depends on the case, so they have none here.
 */
export const KBASE_ERRORS = {
  jobNotFound: { code: 10 },
  jobNotActive: { code: 20, message: 'Job could not be canceled because it is not active' },
  insufficientPrivileges: {
    code: 21,
    message: 'Job could not be canceled due to insufficient privileges',
  },
  notAdministrator: { code: 50, message: 'Non-admin user attempt to use admin method' },
  upstreamUnknown: { code: 1, message: 'Unknown error occurred' },
  upstreamTimeout: { code: 100, message: 'Timeout calling service endpoint' },
  unknown: { code: 40000, message: 'Unknown error' },
  serverError: { code: -32000, message: 'Server error' },
  emptyResponse: { code: -32001, message: 'Empty response from method' },
  keywordArguments: { code: -32099, message: 'Keyword argument error' },
  parseError: { code: -32700, message: 'Parse error - parsing the request as json' },
  noRequestData: { code: -32700, message: 'Parse error - no request data' },
  invalidRequest: { code: -32600, message: 'Invalid Request' },
  methodNotFound: { code: -32601, message: 'Method not found' },
  invalidParams: { code: -32602, message: 'Invalid params' },
  internalError: { code: -32603, message: 'Internal error' },
} as const;

/** Error 10's message: the documentation's, or the one EE2Model.cancel_job really sends. */
export const JOB_NOT_FOUND_MESSAGE: Readonly<Record<Profile, string>> = {
  documented: 'The requested job could not be found',
  upstream: 'The job specified for cancelation does not exist',
};

/** The EE2 URL named in error 100's data (the service the BFF waits for). */
export const EE2_URL = 'https://kbase.us/services/ee2';

/** The code a fault without an explicit one stands for (injected faults, engine faults). */
const CODE_OF_KIND: Partial<Record<FaultKind, number>> = {
  ParseError: KBASE_ERRORS.parseError.code,
  BadRequest: KBASE_ERRORS.invalidRequest.code,
  PayloadTooLarge: KBASE_ERRORS.invalidRequest.code,
  RouteNotFound: KBASE_ERRORS.methodNotFound.code,
  Timeout: KBASE_ERRORS.upstreamTimeout.code,
  Unavailable: KBASE_ERRORS.unknown.code,
};

/** cancel_job on an unknown id: 10 with data {job_id} (message per profile). */
export function jobNotFound(jobId: string, profile: Profile): Fault {
  return fault('NotFound', JOB_NOT_FOUND_MESSAGE[profile], {
    code: KBASE_ERRORS.jobNotFound.code,
    data: { job_id: jobId },
  });
}

/** get_jobs with unknown ids: 10 "Job not found" with EE2's message as data (EE2Model.ee2_get_jobs). */
export function jobsNotFound(jobIds: readonly string[]): Fault {
  const list = jobIds.map((id) => `'${id}'`).join(', ');
  return fault('NotFound', 'Job not found', {
    code: KBASE_ERRORS.jobNotFound.code,
    data: { message: `Cannot find job with ids: [${list}]` },
  });
}

/** Documented profile: cancel of a finished job, 20 with data {job_id, status}. */
export function jobNotActive(jobId: string, status: KbaseState): Fault {
  return fault('NotCancellable', KBASE_ERRORS.jobNotActive.message, {
    code: KBASE_ERRORS.jobNotActive.code,
    data: { job_id: jobId, status },
  });
}

/** Documented profile: another user's job without admin, or admin=true from a non-admin; 21 with {job_id}. */
export function insufficientPrivileges(jobId: string): Fault {
  return fault('Forbidden', KBASE_ERRORS.insufficientPrivileges.message, {
    code: KBASE_ERRORS.insufficientPrivileges.code,
    data: { job_id: jobId },
  });
}

/** EE2's PermissionError passed through as -32000 with EE2's message (upstream profile). */
export function ee2PermissionError(message: string): Fault {
  return fault('Forbidden', message, {
    code: KBASE_ERRORS.serverError.code,
    data: {
      name: 'PermissionError',
      stack: `Traceback (most recent call last):\nPermissionError: ${message}`,
    },
  });
}

/** EE2's message for a caller without write (cancel) or read permission on a job. */
export function noJobPermission(username: string, jobId: string, access: 'READ' | 'WRITE'): string {
  return `User ${username} does not have permission to JobPermissions.${access} job ${jobId}`;
}

/** EE2's message for admin=true from a non-administrator (the part after the first sentence is jobmock's). */
export function notAnAdministrator(username: string): string {
  return `Access Denied: You are not an administrator. User ${username} lacks EE2 administrator rights`;
}

/** Documented profile: get_jobs with admin=true from a non-admin, 50 (the KIDL's "An error with code 50"). */
export function notAdministrator(): Fault {
  return fault('Forbidden', KBASE_ERRORS.notAdministrator.message, {
    code: KBASE_ERRORS.notAdministrator.code,
  });
}

/** get_jobs: an EE2 -32000 error other than "not found" becomes 1 "Unknown error occurred" (EE2Model.ee2_get_jobs). */
export function upstreamUnknown(upstream: RpcError): Fault {
  return fault('Forbidden', KBASE_ERRORS.upstreamUnknown.message, {
    code: KBASE_ERRORS.upstreamUnknown.code,
    data: { upstream_error: { code: upstream.code, message: upstream.message, data: upstream.data } },
  });
}

/** The `data` KBase sends with each code whose message is fixed (the others carry the fault's own). */
const DATA_OF_CODE: Readonly<Record<number, (f: Fault) => unknown>> = {
  [KBASE_ERRORS.parseError.code]: (f) => ({ exception: f.message }),
  [KBASE_ERRORS.invalidParams.code]: invalidParamsData,
  [KBASE_ERRORS.invalidRequest.code]: (f) => ({ message: f.message }),
  [KBASE_ERRORS.methodNotFound.code]: (f) => ({ message: f.message }),
  [KBASE_ERRORS.internalError.code]: (f) => ({ exception: f.message }),
  [KBASE_ERRORS.upstreamTimeout.code]: (f) => ({ url: EE2_URL, ...objectOrEmpty(f.details.data) }),
  [KBASE_ERRORS.unknown.code]: (f) => ({ original_message: f.message }),
};

/** The codes whose message is always the same, by code. */
const FIXED_MESSAGE: ReadonlyMap<number, string> = new Map(
  [
    KBASE_ERRORS.parseError,
    KBASE_ERRORS.invalidParams,
    KBASE_ERRORS.invalidRequest,
    KBASE_ERRORS.methodNotFound,
    KBASE_ERRORS.internalError,
    KBASE_ERRORS.upstreamTimeout,
    KBASE_ERRORS.unknown,
  ].map((e) => [e.code, e.message]),
);

/** What kbaseRpcError knows of the call a fault answers. */
export interface KbaseErrorContext {
  readonly operation?: string | undefined;
  readonly profile?: Profile | undefined;
  readonly request?: MockRequest | undefined;
}

/**
 * Upstream profile: get_jobs reads `params['timeout']` although its params schema lets it out, so a call whose
 * only fault is the missing timeout fails with the KeyError, as the SDK server reports an uncaught exception:
 * -32000 "Server error" with data {message: repr of the error, trace}.
 */
function missingGetJobsTimeout(f: Fault, context: KbaseErrorContext): RpcError | undefined {
  if (context.profile !== 'upstream' || context.operation !== 'JobBrowserBFF.get_jobs') return undefined;
  const issues = f.details.issues ?? [];
  if (!issues.length || !issues.every((i) => i.keyword === 'required' && i.location === 'params/timeout'))
    return undefined;
  return {
    ...KBASE_ERRORS.serverError,
    data: {
      message: "'timeout'",
      trace: [
        'Traceback (most recent call last):',
        '  File "/kb/module/lib/JobBrowserBFF/JobBrowserBFF_JSONRPCServer.py", in _call_method',
        '    result = method(ctx, params)',
        '  File "/kb/module/lib/JobBrowserBFF/JobBrowserBFFImpl.py", in get_jobs',
        "    model = Model(config=self.config, context=ctx, timeout=params['timeout']).get_model(ctx)",
        "KeyError: 'timeout'",
      ],
    },
  };
}

/**
 * A fault as KBase's JSON-RPC error object: the BFF's own codes (10, 20, 21, 50, 1, 100, 40000), EE2's
 * pass-through -32000, the SDK server's -32000 "Server error" (auth, uncaught exceptions), its -32099
 * KeywordError, and the JSON-RPC 2.0 §5.1 codes with KBase's messages (an empty body: "Parse error - no request
 * data", without data, as `handle_call` writes it). Faults without a code (injected statuses) map by kind:
 * timeouts to 100, unavailability to 40000, anything else to -32000.
 *
 * @example kbaseRpcError(jobNotFound('65a0…01', 'upstream'))
 *   // { code: 10, message: 'The job specified for cancelation does not exist', data: { job_id: '65a0…01' } }
 */
export function kbaseRpcError(f: Fault, context: KbaseErrorContext = {}): RpcError {
  const code = typeof f.details.code === 'number' ? f.details.code : (CODE_OF_KIND[f.kind] ?? -32000);
  if (code === KBASE_ERRORS.parseError.code && context.request?.rawBody === '')
    return { ...KBASE_ERRORS.noRequestData };
  const keyError = code === KBASE_ERRORS.invalidParams.code ? missingGetJobsTimeout(f, context) : undefined;
  if (keyError) return keyError;
  const fixed = FIXED_MESSAGE.get(code);
  if (fixed !== undefined) return { code, message: fixed, data: DATA_OF_CODE[code]!(f) };
  if (code === KBASE_ERRORS.serverError.code) {
    if (f.kind === 'Unauthenticated') return { ...KBASE_ERRORS.serverError, data: f.details.data };
    if (f.details.data !== undefined) return { code, message: f.message, data: f.details.data };
    return { ...KBASE_ERRORS.serverError, data: { message: f.message } };
  }
  return f.details.data === undefined
    ? { code, message: f.message }
    : { code, message: f.message, data: f.details.data };
}

function objectOrEmpty(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}
