import type { EngineFaultKind, Fault, MockReply } from '../../src/index';
import { jsonReply } from '../../src/index';
import type { components } from '../../specs/fabric/types.gen';

type ErrorResponse = components['schemas']['ErrorResponse'];
type ErrorSource = components['schemas']['ErrorSource'];

interface FabricError {
  readonly status: number;
  readonly errorCode: string;
  readonly source: ErrorSource;
  readonly isPermanent: boolean;
}

/**
 * Each fault as the workload answers it: the sample's exception codes where it has one (AuthError,
 * AccessDenied, InvalidItemPayload, TooManyRequests, InternalError; `Constants/ErrorCodes.cs`), the spec's
 * `x-inferred` codes for the rest (ItemJobInstanceNotFound, ItemJobInstanceAlreadyExists, RequestBodyTooLarge).
 */
export const FABRIC_ERRORS: Readonly<Record<EngineFaultKind, FabricError>> = {
  BadRequest: { status: 400, errorCode: 'InvalidItemPayload', source: 'User', isPermanent: true },
  ParseError: { status: 400, errorCode: 'InvalidItemPayload', source: 'User', isPermanent: true },
  Unauthenticated: { status: 401, errorCode: 'AuthError', source: 'External', isPermanent: false },
  Forbidden: { status: 403, errorCode: 'AccessDenied', source: 'User', isPermanent: true },
  NotFound: { status: 404, errorCode: 'ItemJobInstanceNotFound', source: 'User', isPermanent: true },
  RouteNotFound: { status: 404, errorCode: 'RouteNotFound', source: 'User', isPermanent: true },
  MethodNotAllowed: { status: 405, errorCode: 'MethodNotAllowed', source: 'User', isPermanent: true },
  Conflict: { status: 409, errorCode: 'ItemJobInstanceAlreadyExists', source: 'User', isPermanent: true },
  NotCancellable: { status: 409, errorCode: 'JobAlreadyCompleted', source: 'User', isPermanent: true },
  UnsupportedMediaType: { status: 415, errorCode: 'UnsupportedMediaType', source: 'User', isPermanent: true },
  PayloadTooLarge: { status: 413, errorCode: 'RequestBodyTooLarge', source: 'User', isPermanent: true },
  LimitExceeded: { status: 429, errorCode: 'TooManyRequests', source: 'User', isPermanent: false },
  TooManyRequests: { status: 429, errorCode: 'TooManyRequests', source: 'User', isPermanent: false },
  Timeout: { status: 500, errorCode: 'InternalError', source: 'System', isPermanent: false },
  Internal: { status: 500, errorCode: 'InternalError', source: 'System', isPermanent: false },
  Unavailable: { status: 500, errorCode: 'InternalError', source: 'System', isPermanent: false },
};

/** What a fault's `details.data` may add to the ErrorResponse. */
export interface FabricErrorData {
  readonly messageParameters?: readonly string[];
}

/**
 * Writes a fault as the swagger's camelCase ErrorResponse. Validation issues (and every auth problem)
 * become `moreDetails`, each naming where it is in `additionalParameters`. An injected fault's status wins.
 */
export function fabricErrorReply(fault: Fault): MockReply {
  const known = FABRIC_ERRORS[fault.kind as EngineFaultKind] ?? FABRIC_ERRORS.Internal;
  const data = (fault.details.data ?? {}) as FabricErrorData;
  const issues = fault.details.issues ?? [];
  const body: ErrorResponse = {
    errorCode: typeof fault.details.code === 'string' ? fault.details.code : known.errorCode,
    message: fault.message,
    source: known.source,
    isPermanent: known.isPermanent,
    ...(data.messageParameters ? { messageParameters: [...data.messageParameters] } : {}),
    ...(issues.length
      ? {
          moreDetails: issues.map((issue) => ({
            errorCode: known.errorCode,
            message: issue.message,
            additionalParameters: [{ name: 'location', value: issue.location }],
          })),
        }
      : {}),
  };
  return jsonReply(fault.details.status ?? known.status, body);
}
