import type { Fault } from './core/fault';
import type { Job, StoredJob } from './core/job';
import type { Machine } from './core/machine';
import type { MockReply, MockRequest } from './core/wire';
import type { JobTable } from './store/job-table';
import type { SessionData } from './store/session-data';

/** `documented` behaves as the vendor documentation says; `upstream` as the real service is known to behave. */
export type Profile = 'documented' | 'upstream';

/** Who is calling, as the API's auth established it. `grants` holds roles or OAuth scopes. */
export interface Principal {
  readonly subject: string;
  readonly grants: readonly string[];
}

/** What every hook of an API sees about the call in progress. */
export interface CallContext<S extends string = string, D = Record<string, unknown>, V = unknown> {
  readonly request: MockRequest;
  /** operationId (OpenAPI) or method name (OpenRPC). */
  readonly operation: string;
  readonly profile: Profile;
  /** The name of the session the call belongs to. */
  readonly session: string;
  /** This API's jobs in this session; reading a job moves it along its timeline first. */
  readonly jobs: JobTable<S, D>;
  /** This API's own data in this session (login tokens and the like); nothing an API keeps lives elsewhere. */
  readonly data: SessionData<V>;
  now(): number;
  /**
   * The Host the client addressed when a proxy in between rewrote it (`--client-host`, for `prism proxy`
   * runs); signature checks use it in place of the Host header.
   */
  readonly clientHost: string | undefined;
  /** A job id in the API's format that no job of this session has yet. */
  newJobId(): string;
  /** The next number of a named counter of the session (ids an API numbers itself). */
  nextNumber(counter: string, start?: number): number;
}

/** A call that passed auth and validation. */
export interface ValidCall<
  S extends string = string,
  D = Record<string, unknown>,
  V = unknown,
> extends CallContext<S, D, V> {
  readonly principal: Principal;
  /** Path, query and header parameters, coerced to their schema types. */
  readonly params: Readonly<Record<string, unknown>>;
  /** The parsed request body (OpenAPI) or the params by name (OpenRPC). */
  readonly body: unknown;
}

/** An OpenAPI operation's behaviour: returns the reply, or throws a Fault. */
export type OperationHandler<S extends string, D, V = unknown> = (call: ValidCall<S, D, V>) => MockReply;
/** An OpenRPC method's behaviour: returns the result, or throws a Fault. */
export type MethodHandler<S extends string, D, V = unknown> = (call: ValidCall<S, D, V>) => unknown;

/** An API's spec: the path of a YAML or JSON file (read when the service starts; not in a browser), or the document. */
export type SpecSource = string | Readonly<Record<string, unknown>>;

/**
 * Sets up one Pact provider state in the call's session and returns the values the pact injects into the
 * interaction (Pact's `fromProviderState`), e.g. `{ jobId }`; nothing when the state provides no values.
 */
export type ProviderStateHandler<S extends string = string, D = Record<string, unknown>, V = unknown> = (
  params: Record<string, unknown>,
  context: CallContext<S, D, V>,
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
  /** Header names are lower case. */
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
 * How a client names one job to the API: the requests that create it, cancel it and read it back, for a job
 * with the demo data's defaults (the fields `seedJob` gives, demo data, admin-created jobs). Generic tools (the
 * conformance suite, `jobmock conform`) drive every API through these without knowing it.
 */
export interface JobRequests {
  /** A call of the cancel operation: the one the spec marks with `x-cancellable-states`. */
  cancel(jobId: string): ClientRequest;
  /** A call that reads the job back (its state as the API shows it). */
  read(jobId: string): ClientRequest;
  /** The job's state as a reply to `read` shows it (the parsed body); undefined when the reply shows none. */
  stateOf(body: unknown): string | undefined;
  /** How a job is created with the API's own create operation; absent when the API has none. */
  readonly create?: JobCreation | undefined;
}

/** A job created with the API's own create operation (AWS SubmitJob, BigChange create job, ...). */
export interface JobCreation {
  /** The call, for a job with the demo data's defaults; `jobId`, a new id, is used where the client names it. */
  request(jobId: string): ClientRequest;
  /** The new job's id, from the reply's parsed body (or the `jobId` the request named); undefined if none. */
  idOf(body: unknown, jobId: string): string | undefined;
}

/** A JSON-RPC error object (JSON-RPC 2.0 §5.1). */
export interface RpcError {
  readonly code: number;
  readonly message: string;
  readonly data?: unknown;
}

/**
 * Requests a JSON-RPC server fails on before it answers them in JSON-RPC (an exception it does not catch), and
 * what it then sends.
 */
export interface JsonRpcServerFailure {
  /** The failed server's reply (uWSGI's: HTTP 500, `text/plain`, "Internal Server Error"). */
  readonly reply: MockReply;
  /**
   * The server reads `method` first and splits it: a body that is not one request object (a batch, a bare
   * value), or whose `method` is missing, not a string or does not match this pattern, fails.
   */
  readonly unlessMethodMatches?: RegExp;
  /** A request object without `id` (a notification, JSON-RPC 2.0 §4.1) fails. */
  readonly withoutId?: boolean;
}

/**
 * Where an API's JSON-RPC server departs from the letter of JSON-RPC 2.0; every member left out keeps the
 * letter. An API gives them per profile (`OpenRpcDefinition.jsonRpcRules`).
 *
 * @example { nullIdError: { code: -32001, message: 'Empty response from method' } }
 */
export interface JsonRpcRules {
  /** Requests the server fails on, and its reply then. */
  readonly serverFailure?: JsonRpcServerFailure;
  /** A call with `id: null` is carried out, then answered with this error in place of its result. */
  readonly nullIdError?: RpcError;
  /** A `version: "1.1"` call with params by name (an object) is refused with this error. */
  readonly namedParams11Error?: RpcError;
  /** Errors of `version: "1.1"` calls are sent in the 2.0 form (`jsonrpc: "2.0"`, no `name`). */
  readonly errors11As20?: boolean;
}

interface ApiBase<S extends string, D, V> {
  /** The API id: URL prefix, `--api` value (and, for jobmock's own, its spec and mocks folders). */
  readonly id: string;
  readonly title: string;
  readonly spec: SpecSource;
  readonly machine: Machine<S>;
  /**
   * Establishes who is calling, or throws an Unauthenticated/Forbidden fault. Operations whose spec says
   * `security: []` are not authenticated.
   */
  authenticate(context: CallContext<S, D, V>): Principal;
  /** A new job id in the API's own format, derived from a sequence number so demo data is stable. */
  newId(sequence: number): string;
  /** Builds a new job in exactly the given state, with the API's own data filled in consistently. */
  seedJob(seed: JobSeed<S>, context: CallContext<S, D, V>): StoredJob<S, D>;
  /** The job as the API shows it (its own document), for the admin API. */
  view(job: Job<S, D>): unknown;
  /** Lines printed by `jobmock serve` telling how to authenticate against the demo data. */
  readonly demoCredentials: readonly string[];
  /**
   * Provider states this API understands beyond the engine's own (COMMON_PROVIDER_STATES), by exact name; an
   * API's own handler of a common name takes its place.
   */
  readonly providerStates?: Readonly<Record<string, ProviderStateHandler<S, D, V>>>;
  /**
   * What a client holding the demo credentials adds to a request (used by `jobmock verify` against a jobmock
   * server, whose pacts carry no live credentials): headers for a request about to be sent to `baseUrl`.
   * A request that already carries credentials should get none.
   */
  demoAuth?(request: OutgoingRequest): Promise<Record<string, string>> | Record<string, string>;
  /** The requests that cancel one job and read it back, with the demo data's defaults filled in. */
  readonly jobRequests: JobRequests;
  /** The time budget of a call for upstream work, when the API takes one (KBase `timeout`), in ms. */
  upstreamTimeout?(call: ValidCall<S, D, V>): number | undefined;
  /** The HTTP status of each fault kind of the API's own (beyond the engine's kinds), e.g. `{ Gone: 410 }`. */
  readonly faultStatuses?: Readonly<Record<string, number>>;
  /**
   * The definition to serve when a service is given options for this API (`MockServiceOptions.apiOptions`, which
   * `jobmock serve` fills from its flags): called once, when the service is built. It throws an Error naming
   * what is wrong with a bad option. An API without it takes no options.
   */
  withOptions?(options: Readonly<Record<string, unknown>>): ApiDefinition<S, D, V>;
  /**
   * Headers the API's own server puts on the replies it sends, whatever fronts it (KBase's SDK server sets
   * CORS headers itself); undefined for none. Called once per reply, after the reply is made.
   */
  replyHeaders?(request: MockRequest, reply: MockReply): Readonly<Record<string, string>> | undefined;
  /**
   * What may have gone wrong with a call that ended in `fault`: a mistake clients of this API commonly make (a
   * token sent with the wrong scheme, a signature made for another Host), for the `x-jobmock-hint` header, the
   * journal and the log; undefined when there is nothing to say. It only reads; the reply stays as it is.
   */
  hint?(fault: Fault, call: CallContext<S, D, V>): string | undefined;
}

export interface OpenApiDefinition<
  S extends string = string,
  D = Record<string, unknown>,
  V = unknown,
> extends ApiBase<S, D, V> {
  readonly protocol: 'openapi';
  /** Writes a fault as the API's own error reply. */
  errorReply(
    fault: Fault,
    context: { operation: string | undefined; request: MockRequest; profile: Profile },
  ): MockReply;
  readonly handlers: Readonly<Record<string, OperationHandler<S, D, V>>>;
}

export interface OpenRpcDefinition<
  S extends string = string,
  D = Record<string, unknown>,
  V = unknown,
> extends ApiBase<S, D, V> {
  readonly protocol: 'openrpc';
  /** Writes a fault as the API's own JSON-RPC error object (`request`: the request it answers, when known). */
  rpcError(
    fault: Fault,
    context: { operation: string | undefined; profile: Profile; request?: MockRequest | undefined },
  ): RpcError;
  readonly handlers: Readonly<Record<string, MethodHandler<S, D, V>>>;
  /**
   * What a list of params means: `by-position` (JSON-RPC 2.0 §4.2, the default) or `single-structure`,
   * a list holding the one params object (KBase SDK services).
   */
  readonly listParams?: 'by-position' | 'single-structure';
  /** Where the API's server departs from JSON-RPC 2.0, per profile (a profile left out: the letter). */
  readonly jsonRpcRules?: Readonly<Partial<Record<Profile, JsonRpcRules>>>;
}

export type ApiDefinition<S extends string = string, D = Record<string, unknown>, V = unknown> =
  OpenApiDefinition<S, D, V> | OpenRpcDefinition<S, D, V>;

/**
 * Declares an API. The type parameters flow from the machine to every hook: `S` the states, `D` a job's data,
 * `V` the values of the API's per-session data.
 *
 * @example export const awsBatch = defineApi({ id: 'aws-batch', protocol: 'openapi', spec, machine, handlers, ... });
 */
export function defineApi<const S extends string, D, V = unknown>(
  api: OpenApiDefinition<S, D, V>,
): OpenApiDefinition<S, D, V>;
export function defineApi<const S extends string, D, V = unknown>(
  api: OpenRpcDefinition<S, D, V>,
): OpenRpcDefinition<S, D, V>;
export function defineApi<const S extends string, D, V>(api: ApiDefinition<S, D, V>): ApiDefinition<S, D, V> {
  return api;
}

/** Any API, whatever its states and job data: what registries and the engine hold. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyApiDefinition = ApiDefinition<any, any, any>;
