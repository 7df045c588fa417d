/**
 * The toolkit surface that API definitions (mocks/<api>) build on. Nothing here knows a particular API.
 */
export type {
  AnyApiDefinition,
  ApiDefinition,
  CallContext,
  JobSeed,
  MethodHandler,
  OpenApiDefinition,
  OpenRpcDefinition,
  OperationHandler,
  OutgoingRequest,
  Principal,
  Profile,
  ProviderStateHandler,
  RpcError,
  ValidCall,
} from './api';
export { defineApi } from './api';
export type { Machine } from './core/machine';
export { defineMachine, canMove, isCancellable, isTerminal, reachableStates } from './core/machine';
export type { HistoryEntry, Job } from './core/job';
export { newJob, enteredAt } from './core/job';
export type { Fault, FaultKind, Issue } from './core/fault';
export { fault, isFault, STATUS_OF_KIND } from './core/fault';
export type { MockReply, MockRequest } from './core/wire';
export { jsonReply, emptyReply, queryValue } from './core/wire';
export { nextNumber } from './core/session';
export type { JobTable } from './job-table';
export { uuidFromSequence, objectIdFromSequence } from './ids';
export { awsRestJsonError } from './dialects/aws-rest-json-error';
export type { AwsErrorOf } from './dialects/aws-rest-json-error';
export { problemJson } from './dialects/problem-json';
export type { ProblemOptions } from './dialects/problem-json';
export { jsonRpcError } from './dialects/json-rpc-error';
export { verifySigV4 } from './auth/sigv4';
export type { SigV4Options } from './auth/sigv4';
export { COMMON_PROVIDER_STATES } from './admin/provider-states';
export { cancelledJobState, heldJobState, unknownJobIdState } from './admin/held-job-state';
export type { SeedParts } from './admin/held-job-state';
export { signSigV4 } from './auth/sigv4-signer';
export { issueSignedToken, verifySignedToken } from './auth/signed-token';
export type { IssueTokenOptions, TokenCheck, TokenClaims } from './auth/signed-token';
export { readCookie, readSessionToken, setCookie, SessionTokens } from './auth/session-token';
export type { TokenPlaces } from './auth/session-token';
export { parseAuthParams } from './auth/auth-params';
export type { AuthParams } from './auth/auth-params';
