import type { Fault } from './core/fault';
import type { HistoryEntry, Job } from './core/job';
import type { Machine } from './core/machine';
import type { Session } from './core/session';
import type { MockReply, MockRequest } from './core/wire';
import type { JobTable } from './job-table';

/** `documented` behaves as the vendor documentation says; `upstream` as the real service is known to behave. */
export type Profile = 'documented' | 'upstream';

/** Who is calling, as the API's auth established it. `grants` holds roles or OAuth scopes. */
export interface Principal {
  readonly subject: string;
  readonly grants: readonly string[];
}

/** What every hook of an API sees about the call in progress. */
export interface CallContext<S extends string = string, D = Record<string, unknown>> {
  readonly request: MockRequest;
  /** operationId (OpenAPI) or method name (OpenRPC). */
  readonly operation: string;
  readonly profile: Profile;
  readonly session: Session;
  /** This API's jobs in this session; reading a job moves it along its timeline first. */
  readonly jobs: JobTable<S, D>;
  now(): number;
  /**
   * The Host the client addressed when a proxy in between rewrote it (`--client-host`, for `prism proxy`
   * runs); signature checks use it in place of the Host header.
   */
  readonly clientHost: string | undefined;
  /** A job id in the API's format that no job of this session has yet. */
  newJobId(): string;
}

/** A call that passed auth and validation. */
export interface ValidCall<S extends string = string, D = Record<string, unknown>> extends CallContext<S, D> {
  readonly principal: Principal;
  /** Path, query and header parameters, coerced to their schema types. */
  readonly params: Readonly<Record<string, unknown>>;
  /** The parsed request body (OpenAPI) or the params by name (OpenRPC). */
  readonly body: unknown;
}

/** An OpenAPI operation's behaviour: returns the reply, or throws a Fault. */
export type OperationHandler<S extends string, D> = (call: ValidCall<S, D>) => MockReply;
/** An OpenRPC method's behaviour: returns the result, or throws a Fault. */
export type MethodHandler<S extends string, D> = (call: ValidCall<S, D>) => unknown;

/**
 * Sets up one Pact provider state in the call's session and returns the values the pact injects into the
 * interaction (Pact's `fromProviderState`), e.g. `{ jobId }`; nothing when the state provides no values.
 */
export type ProviderStateHandler<S extends string = string, D = Record<string, unknown>> = (
  params: Record<string, unknown>,
  context: CallContext<S, D>,
) => Record<string, unknown> | void;

/** What the admin API (and provider states, and demo data) asks for when it creates a job. */
export interface JobSeed<S extends string = string> {
  readonly state: S;
  readonly id?: string | undefined;
  readonly owner?: string | undefined;
  /** API-specific fields to set on the job (e.g. `jobName`, `reason`). */
  readonly fields?: Readonly<Record<string, unknown>> | undefined;
}

/** A request a client is about to send to a provider at `baseUrl` (`path` includes the query string). */
export interface OutgoingRequest {
  readonly method: string;
  readonly baseUrl: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

/** A request as a client writes it, relative to where the API is mounted, before credentials are added. */
export interface ClientRequest {
  readonly method: string;
  /** Path below the API's mount point, starting with `/` (and the query string, if any). */
  readonly path: string;
  /** Headers other than credentials (`demoAuth` adds those). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** A JSON body, sent as `application/json`; undefined for none. */
  readonly body?: unknown;
}

/**
 * How a client names one job to the API: the requests that cancel it and read it back, for a job that the
 * API's `seedJob` made with default fields (demo data, admin-created jobs). Generic tools (the conformance
 * suite) drive every API through these without knowing it.
 */
export interface JobRequests {
  /** A call of the cancel operation: the one the spec marks with `x-cancellable-states`. */
  cancel(jobId: string): ClientRequest;
  /** A call that reads the job back (its state as the API shows it). */
  read(jobId: string): ClientRequest;
}

/** A JSON-RPC error object (JSON-RPC 2.0 §5.1). */
export interface RpcError {
  readonly code: number;
  readonly message: string;
  readonly data?: unknown;
}

interface ApiBase<S extends string, D> {
  /** The API id: spec folder, mocks folder, URL prefix and `--api` value. */
  readonly id: string;
  readonly title: string;
  readonly machine: Machine<S>;
  /**
   * Establishes who is calling, or throws an Unauthenticated/Forbidden fault. Operations whose spec says
   * `security: []` are not authenticated.
   */
  authenticate(context: CallContext<S, D>): Principal;
  /** A new job id in the API's own format, derived from a sequence number so demo data is stable. */
  newId(sequence: number): string;
  /** Builds a job in exactly the given state, with the API's own data filled in consistently. */
  seedJob(seed: JobSeed<S>, context: CallContext<S, D>): Job<S, D>;
  /** The job as the API shows it (its own document), for the admin API. */
  view(job: Job<S, D>): unknown;
  /** Lines printed by `jobmock serve` telling how to authenticate against the demo data. */
  readonly demoCredentials: readonly string[];
  /**
   * Provider states this API understands beyond the engine's own (COMMON_PROVIDER_STATES), by exact name; an
   * API's own handler of a common name takes its place.
   */
  readonly providerStates?: Readonly<Record<string, ProviderStateHandler<S, D>>>;
  /**
   * What a client holding the demo credentials adds to a request (used by `jobmock verify` against a jobmock
   * server, whose pacts carry no live credentials): headers for a request about to be sent to `baseUrl`.
   * A request that already carries credentials should get none.
   */
  demoAuth?(request: OutgoingRequest): Promise<Record<string, string>> | Record<string, string>;
  /** The requests that cancel one job and read it back, with the demo data's defaults filled in. */
  readonly jobRequests: JobRequests;
  /** The time budget of a call for upstream work, when the API takes one (KBase `timeout`), in ms. */
  upstreamTimeout?(call: ValidCall<S, D>): number | undefined;
}

export interface OpenApiDefinition<S extends string = string, D = Record<string, unknown>> extends ApiBase<
  S,
  D
> {
  readonly protocol: 'openapi';
  /** Writes a fault as the API's own error reply. */
  errorReply(fault: Fault, context: { operation: string | undefined; request: MockRequest }): MockReply;
  readonly handlers: Readonly<Record<string, OperationHandler<S, D>>>;
}

export interface OpenRpcDefinition<S extends string = string, D = Record<string, unknown>> extends ApiBase<
  S,
  D
> {
  readonly protocol: 'openrpc';
  /** Writes a fault as the API's own JSON-RPC error object. */
  rpcError(fault: Fault, context: { operation: string | undefined; profile: Profile }): RpcError;
  readonly handlers: Readonly<Record<string, MethodHandler<S, D>>>;
  /**
   * What a list of params means: `by-position` (JSON-RPC 2.0 §4.2, the default) or `single-structure`,
   * a list holding the one params object (KBase SDK services).
   */
  readonly listParams?: 'by-position' | 'single-structure';
}

export type ApiDefinition<S extends string = string, D = Record<string, unknown>> =
  OpenApiDefinition<S, D> | OpenRpcDefinition<S, D>;

/**
 * Declares an API. The type parameters flow from the machine to every hook.
 *
 * @example export const awsBatch = defineApi({ id: 'aws-batch', protocol: 'openapi', machine, handlers, ... });
 */
export function defineApi<const S extends string, D>(api: OpenApiDefinition<S, D>): OpenApiDefinition<S, D>;
export function defineApi<const S extends string, D>(api: OpenRpcDefinition<S, D>): OpenRpcDefinition<S, D>;
export function defineApi<const S extends string, D>(api: ApiDefinition<S, D>): ApiDefinition<S, D> {
  return api;
}

/** A job's history as the admin API shows it. */
export type JobHistory<S extends string = string> = readonly HistoryEntry<S>[];

/** Any API, whatever its states and job data: what registries and the engine hold. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyApiDefinition = ApiDefinition<any, any>;
