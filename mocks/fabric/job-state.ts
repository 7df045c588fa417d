import type { CallContext, Job, JobSeed } from '../../src/index';
import { newJob } from '../../src/index';
import type { components } from '../../specs/fabric/types.gen';
import type { FabricState } from './machine';
import { machine } from './machine';

type Schemas = components['schemas'];

/** Where a job instance lives: a job instance belongs to one workspace, item and job type. */
export interface JobOwner {
  workspaceId: string;
  itemType: string;
  itemId: string;
  jobType: string;
}

/** What the store keeps of a job instance; status and times come from its state and history. */
export interface FabricJobData extends JobOwner {
  invokeType: Schemas['JobInvokeType'];
  creationPayload?: Schemas['CreateItemJobInstancePayload'];
  /** Why a `Failed` instance failed. */
  errorDetails?: Schemas['ErrorDetails'];
}

export type FabricJob = Job<FabricState, FabricJobData>;
export type FabricContext = CallContext<FabricState, FabricJobData>;

/** The item the demo data and the admin API put jobs under (the spec's parameter examples). */
export const DEMO_ITEM: Readonly<JobOwner> = {
  workspaceId: 'e5ef604d-e14f-4a59-9133-75d5a0cb9334',
  itemType: 'Contoso.FinanceAnalytics.Forecast',
  itemId: 'b14cb7e7-d346-4751-9cfd-8c2767d53111',
  jobType: 'calculateForecast',
};

/** The error details a seeded `Failed` instance carries unless its fields say otherwise. */
const DEMO_FAILURE: Schemas['ErrorDetails'] = {
  errorCode: 'ForecastCalculationFailed',
  message: "The forecast could not be calculated from the item's data.",
  source: 'User',
  isPermanent: true,
};

/** Whether the job instance belongs to that workspace, item and job type. */
export function belongsTo(job: FabricJob, where: JobOwner): boolean {
  const d = job.data;
  return (
    d.workspaceId === where.workspaceId &&
    d.itemType === where.itemType &&
    d.itemId === where.itemId &&
    d.jobType === where.jobType
  );
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The instance as Fabric sees it (ItemJobInstanceState): `startTimeUtc` once it entered `InProgress`,
 * `endTimeUtc` once it finished, `errorDetails` when it failed.
 */
export function jobInstanceState(job: FabricJob): Schemas['ItemJobInstanceState'] {
  const started = job.history.find((h) => h.state === 'InProgress')?.at;
  const ended = machine.terminal.includes(job.state) ? job.history[job.history.length - 1]?.at : undefined;
  return {
    status: job.state,
    ...(started === undefined ? {} : { startTimeUtc: iso(started) }),
    ...(ended === undefined ? {} : { endTimeUtc: iso(ended) }),
    ...(job.state === 'Failed' && job.data.errorDetails ? { errorDetails: job.data.errorDetails } : {}),
  };
}

/** How long before now a seeded job started and was created, so its times read like a real run. */
const SEED_RAN_FOR = 6_000;
const SEED_WAITED = 2_000;

/**
 * A job in exactly the seed's state. Jobs that ran (InProgress, Completed, Failed, Cancelled) started
 * earlier and entered their state now, so they show a start time, and the finished ones an end time after
 * it (a Cancelled seed is cancelled while running, like the vendor's cancel example). `fields` may set the
 * workspace, item, job type, invokeType, creationPayload and errorDetails.
 */
export function seedFabricJob(seed: JobSeed<FabricState>, context: FabricContext): FabricJob {
  const fields = (seed.fields ?? {}) as Partial<FabricJobData>;
  const now = context.now();
  const data: FabricJobData = {
    workspaceId: fields.workspaceId ?? DEMO_ITEM.workspaceId,
    itemType: fields.itemType ?? DEMO_ITEM.itemType,
    itemId: fields.itemId ?? DEMO_ITEM.itemId,
    jobType: fields.jobType ?? DEMO_ITEM.jobType,
    invokeType: fields.invokeType ?? 'Manual',
    ...(fields.creationPayload ? { creationPayload: fields.creationPayload } : {}),
    ...(seed.state === 'Failed' ? { errorDetails: fields.errorDetails ?? DEMO_FAILURE } : {}),
  };
  const id = seed.id ?? context.newJobId();
  if (seed.state === 'NotStarted') return newJob(id, seed.state, now, data, { owner: seed.owner });
  const start = seed.state === 'InProgress' ? now : now - SEED_RAN_FOR;
  const job = newJob<FabricState, FabricJobData>(id, 'NotStarted', start - SEED_WAITED, data, {
    owner: seed.owner,
  });
  job.history.push({ state: 'InProgress', at: start });
  if (seed.state !== 'InProgress') job.history.push({ state: seed.state, at: now });
  job.state = seed.state;
  return job;
}
