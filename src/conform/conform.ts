import { randomBytes } from 'node:crypto';
import type { AnyApiDefinition, JobCreation, Profile } from '../api';
import { SESSION_HEADER } from '../engine/session-name';
import { protocolOf } from '../protocols';
import { specDocument } from '../spec/load-spec';
import type { ClientCredentials } from '../verify/client-credentials';
import { unknownCredentials } from '../verify/client-credentials';
import { credentialSchemeOf } from '../verify/credential-scheme';
import type { TlsOptions } from '../verify/http-client';
import { dropJobmockSession, isJobmockServer } from '../verify/jobmock-probe';
import { providerAuthorizer } from '../verify/provider-authorizer';
import { UsageError } from '../verify/usage-error';
import { ApiClient } from './api-client';
import { ApiModel } from './api-model';
import type { CheckResult } from './check';
import type { ProfileCase } from './conform-run';
import { ConformRun } from './conform-run';
import { Flow } from './flow';
import { CREATE_STEP, CREATE_TO_RUN_STEP, createdJobFlow, namedJobFlow, watchedJobFlow } from './job-flows';
import { invalidRequest, probeFlows } from './probes';
import { RequestGate } from './request-gate';

export interface ConformOptions {
  readonly api: AnyApiDefinition;
  /** Where the provider serves the API, http or https. */
  readonly baseUrl: string;
  /** Jobs the provider already has, followed instead of created (the only way for an API without a create call). */
  readonly jobIds?: readonly string[] | undefined;
  /** Headers every request gets (`-H`). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Against a jobmock server, use the API's demo credentials (default true). */
  readonly demoAuth?: boolean | undefined;
  /** Real credentials, for a provider that is not jobmock. */
  readonly credentials?: ClientCredentials | undefined;
  readonly tls?: TlsOptions | undefined;
  /** Against jobmock: the session to run in (kept afterwards); default a new one, dropped afterwards. */
  readonly session?: string | undefined;
  /** Against jobmock: its `--admin-token` (to drop the run's session). */
  readonly adminToken?: string | undefined;
  /** The most requests sent to the provider (default 500). */
  readonly maxRequests?: number | undefined;
  /** The most jobs created at the provider (default 3: one cancelled, one for an invalid create, one left to run). */
  readonly maxJobs?: number | undefined;
  /** How long the whole run may take, in ms (default 120 s). */
  readonly timeoutMs?: number | undefined;
  /** How long to wait between two reads of a job that is polled (default 1 s; a longer Retry-After wins). */
  readonly pollIntervalMs?: number | undefined;
  /** How many requests may be in flight at once (default 1). */
  readonly concurrency?: number | undefined;
}

/** Which profile the provider behaves like, over every case where the profiles differ. */
export interface ProfileReport {
  /**
   * The profile every telling case matched; `neither` when a case matched neither profile, or the cases matched
   * different ones; `indistinct` when no case checked tells the profiles apart.
   */
  readonly profile: Profile | 'neither' | 'indistinct';
  /** The cases that tell the profiles apart. */
  readonly cases: readonly ProfileCase[];
}

export interface ConformReport {
  readonly api: string;
  readonly baseUrl: string;
  /** The provider answered as a jobmock server (demo credentials, a session of its own). */
  readonly jobmock: boolean;
  readonly checks: readonly CheckResult[];
  readonly profile: ProfileReport;
  /** Requests sent to the provider (logins and token requests of the credentials aside). */
  readonly requests: number;
  readonly jobsCreated: number;
  readonly seconds: number;
}

/** The bounds and pace of a run when the options do not say (the CLI's defaults too). */
export const CONFORM_DEFAULTS = {
  maxRequests: 500,
  maxJobs: 3,
  timeoutMs: 120_000,
  pollIntervalMs: 1_000,
  concurrency: 1,
} as const;

/**
 * Checks a provider's whole job lifecycle with nothing but the API's own operations, in flows derived from the
 * machine and the spec: a job created (or named) is read back, polled until it can be cancelled or has finished,
 * cancelled, read again and cancelled again; a second job is left to run until cancel cannot take it; an unknown
 * id, missing and bad credentials and an invalid body are each sent once. Every reply is reviewed against the spec,
 * every state read back against the machine, and every answer against jobmock's own model of the API in both
 * profiles, which tells which profile the provider behaves like.
 *
 * @example const report = await conform({ api: bigchange, baseUrl: 'https://staging.example.com', credentials });
 */
export async function conform(options: ConformOptions): Promise<ConformReport> {
  const started = Date.now();
  const { api, tls } = options;
  const baseUrl = options.baseUrl.replace(/\/$/, '');
  const settings = { ...CONFORM_DEFAULTS, ...definedOnly(options) };
  const jobmock = await isJobmockServer(baseUrl, api.id, tls);
  const scheme = credentialSchemeOf(api);
  const valid = await providerAuthorizer(api, {
    jobmock,
    demoAuth: options.demoAuth ?? true,
    credentials: options.credentials,
    tls,
  });
  if (!valid && !jobmock && scheme)
    throw new UsageError(
      `${baseUrl} is not a jobmock server, and no credentials of ${api.id} were given: see --help for the flags that carry them`,
    );
  const session = jobmock ? (options.session ?? `conform-${randomBytes(6).toString('hex')}`) : undefined;
  const gate = new RequestGate(settings);
  const protocol = protocolOf(api, specDocument(api));
  const provider = new ApiClient({
    baseUrl,
    protocol,
    tls,
    headers: { ...options.headers, ...(session ? { [SESSION_HEADER]: session } : {}) },
    valid,
    unknown: unknownCredentials(scheme, options.credentials?.aws?.region),
    gate,
  });
  const model = await ApiModel.start(api);
  try {
    const run = new ConformRun(api, provider, model, gate, settings.pollIntervalMs);
    const checks = await runFlows(run, protocol, options.jobIds ?? [], settings, scheme !== undefined);
    return {
      api: api.id,
      baseUrl,
      jobmock,
      checks,
      profile: profileReport(run.profileCases),
      requests: gate.requests,
      jobsCreated: run.jobsCreated,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await model.close();
    if (session && options.session === undefined) {
      const admin: Record<string, string> =
        options.adminToken === undefined ? {} : { authorization: `Bearer ${options.adminToken}` };
      await dropJobmockSession(baseUrl, session, admin, tls);
    }
  }
}

/**
 * The flows of a run. When requests go one at a time they run one after the other — the probes first (quick,
 * and needing no job), then the jobs (so a job is cancelled right after it was read), the job left to run last —
 * otherwise side by side; the report lists the jobs' checks first. Jobs are handed out in order of need: the job
 * cancelled, an invalid create, the job left to run.
 */
async function runFlows(
  run: ConformRun,
  protocol: ReturnType<typeof protocolOf>,
  jobIds: readonly string[],
  settings: { readonly maxJobs: number; readonly concurrency: number },
  hasScheme: boolean,
): Promise<CheckResult[]> {
  const creation = jobIds.length ? undefined : run.api.jobRequests.create;
  let jobs = settings.maxJobs;
  const take = () => jobs-- > 0;
  const unknownId = run.newId();
  type FlowRun = () => Promise<CheckResult[]>;
  const created = (label: string, step: string, flow: (creation: JobCreation) => Promise<CheckResult[]>) =>
    creation && take() ? () => flow(creation) : () => noJob(run, label, step, settings.maxJobs);
  const lifecycle: FlowRun[] = jobIds.length
    ? jobIds.map((id) => () => namedJobFlow(run, id, `job ${id}`))
    : [created('job 1', CREATE_STEP, (c) => createdJobFlow(run, c, 'job 1'))];
  const invalid = invalidRequest(run, protocol, unknownId);
  const probed =
    invalid === undefined
      ? { skip: 'neither cancel nor create takes a body' }
      : invalid.creates && !take()
        ? { skip: `--max-jobs ${settings.maxJobs} leaves no job for a create with an invalid body` }
        : invalid;
  const probes: FlowRun = () => probeFlows(run, unknownId, probed, hasScheme);
  const watched: FlowRun[] = creation
    ? [created('job 2', CREATE_TO_RUN_STEP, (c) => watchedJobFlow(run, c, 'job 2'))]
    : [];
  const runAll = async (flows: readonly FlowRun[]) => {
    if (settings.concurrency > 1) return Promise.all(flows.map((flow) => flow()));
    const results: CheckResult[][] = [];
    for (const flow of flows) results.push(await flow());
    return results;
  };
  const [probeResults = [], ...rest] = await runAll([probes, ...lifecycle, ...watched]);
  const jobResults = rest.slice(0, lifecycle.length).flat();
  return [...jobResults, ...probeResults, ...rest.slice(lifecycle.length).flat()];
}

/** The check of a job that cannot be had: the API has no create call, or `--max-jobs` is used up. */
async function noJob(run: ConformRun, label: string, step: string, maxJobs: number): Promise<CheckResult[]> {
  const flow = new Flow(label);
  flow.skip(
    step,
    run.api.jobRequests.create
      ? `--max-jobs ${maxJobs} leaves no job for it`
      : `${run.api.id} has no create operation: name jobs with --job-id`,
  );
  return flow.results;
}

function profileReport(cases: readonly ProfileCase[]): ProfileReport {
  const telling = cases.filter((c) => c.verdict !== 'agree');
  const verdicts = new Set(telling.map((c) => c.verdict));
  const profile =
    telling.length === 0
      ? 'indistinct'
      : verdicts.size === 1 && !verdicts.has('neither')
        ? (telling[0]!.verdict as Profile)
        : 'neither';
  return { profile, cases: telling };
}

function definedOnly(options: ConformOptions) {
  const picked: Partial<Record<keyof typeof CONFORM_DEFAULTS, number>> = {};
  for (const key of Object.keys(CONFORM_DEFAULTS) as (keyof typeof CONFORM_DEFAULTS)[]) {
    const value = options[key];
    if (value !== undefined) picked[key] = value;
  }
  return picked;
}
