import type { JobSeed, StoredJob } from '../../src/index';
import { enteredAt, firstEntered, isTerminal, seededJob } from '../../src/index';
import type { components } from '../../specs/fabric/types.gen';
import type { FabricState } from './machine';
import { machine } from './machine';
import type { FabricContext, FabricJob, FabricJobData, JobOwner } from './types';

type Schemas = components['schemas'];

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

/** Whether two places name the same item (workspace, item type and item id). */
export function sameItem(a: Omit<JobOwner, 'jobType'>, b: Omit<JobOwner, 'jobType'>): boolean {
  return a.workspaceId === b.workspaceId && a.itemType === b.itemType && a.itemId === b.itemId;
}

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
  const started = firstEntered(job, 'InProgress');
  const ended = isTerminal(machine, job.state) ? enteredAt(job) : undefined;
  return {
    status: job.state,
    ...(started === undefined ? {} : { startTimeUtc: iso(started) }),
    ...(ended === undefined ? {} : { endTimeUtc: iso(ended) }),
    ...(job.state === 'Failed' && job.data.errorDetails ? { errorDetails: job.data.errorDetails } : {}),
  };
}

/**
 * A job in exactly the seed's state, with a history that ran there on the timeline: jobs that ran (InProgress,
 * Completed, Failed, Cancelled) show a start time, and the finished ones an end time after it (a Cancelled seed
 * is cancelled while running, like the vendor's cancel example). `fields` may set the workspace, item, job type,
 * invokeType, creationPayload and errorDetails.
 */
export function seedFabricJob(
  seed: JobSeed<FabricState>,
  context: FabricContext,
): StoredJob<FabricState, FabricJobData> {
  const fields = (seed.fields ?? {}) as Partial<FabricJobData>;
  const data: FabricJobData = {
    workspaceId: fields.workspaceId ?? DEMO_ITEM.workspaceId,
    itemType: fields.itemType ?? DEMO_ITEM.itemType,
    itemId: fields.itemId ?? DEMO_ITEM.itemId,
    jobType: fields.jobType ?? DEMO_ITEM.jobType,
    invokeType: fields.invokeType ?? 'Manual',
    ...(fields.creationPayload ? { creationPayload: fields.creationPayload } : {}),
    ...(seed.state === 'Failed' ? { errorDetails: fields.errorDetails ?? DEMO_FAILURE } : {}),
  };
  return seededJob(machine, seed.id ?? context.newJobId(), seed.state, context.now(), data, {
    owner: seed.owner,
  });
}
