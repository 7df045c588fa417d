/**
 * The toolkit surface that API definitions (mocks/<api>, or your own) build on. Nothing here knows a particular
 * API, and nothing here needs Node's own modules: the same code runs in a browser.
 */
export type {
  AnyApiDefinition,
  ApiDefinition,
  CallContext,
  JobSeed,
  JsonRpcRules,
  JsonRpcServerFailure,
  MethodHandler,
  OpenApiDefinition,
  OpenRpcDefinition,
  OperationHandler,
  OutgoingRequest,
  Principal,
  Profile,
  ProviderStateHandler,
  RpcError,
  SpecSource,
  ValidCall,
} from './api';
export { defineApi } from './api';
export type { Machine } from './core/machine';
export type { GateDecision, TimelineGate, TimelineStep } from './core/timeline-gate';
export { defineMachine, canMove, isCancellable, isTerminal, reachableStates, seedPath } from './core/machine';
export type { HistoryEntry, Job, StoredJob } from './core/job';
export { newJob, seededJob, enteredAt, firstEntered, lastEntered, createdAt } from './core/job';
export type { EngineFaultKind, Fault, FaultKind, Issue } from './core/fault';
export { fault, isFault, statusOfKind } from './core/fault';
export type { MockReply, MockRequest } from './core/wire';
export type { ChaosConfig, ChaosKind } from './core/chaos';
export type { DeclaredError, FaultEffect, OperationFaults, Throttling } from './core/fault-effect';
export type { InjectedFault, RateLimit, Throttle } from './core/injected-fault';
export type { LatencyShape } from './core/latency';
export type { NetworkFault, NetworkFaultKind } from './core/network-fault';
export { NETWORK_FAULT_KINDS } from './core/network-fault';
export { fetchResponse } from './core/fetch-response';
export { jsonReply, emptyReply, queryValue } from './core/wire';
export { toBase64Url, fromBase64Url } from './core/base64url';
export type { JobTable, MoveOptions } from './store/job-table';
export type { SessionData } from './store/session-data';
export { SESSION_HEADER, DEFAULT_SESSION } from './engine/session-name';
export { uuidFromSequence, objectIdFromSequence } from './ids';
export { awsRestJsonError } from './dialects/aws-rest-json-error';
export type { AwsErrorOf } from './dialects/aws-rest-json-error';
export { problemJson } from './dialects/problem-json';
export type { ProblemOptions } from './dialects/problem-json';
export { verifySigV4 } from './auth/sigv4';
export type { SigV4Options } from './auth/sigv4';
export { COMMON_PROVIDER_STATES } from './admin/provider-states';
export { cancelledJobState, heldJobState, unknownJobIdState } from './admin/held-job-state';
export type { SeedParts } from './admin/held-job-state';
export { signSigV4 } from './auth/sigv4-signer';
export { issueSignedToken, verifySignedToken } from './auth/signed-token';
export type { IssueTokenOptions, TokenCheck, TokenClaims } from './auth/signed-token';
export { readCookie, readSessionToken, setCookie, SessionTokens } from './auth/session-token';
export type { IssuedToken, TokenPlaces } from './auth/session-token';
export { parseAuthParams } from './auth/auth-params';
export type { AuthParams } from './auth/auth-params';
