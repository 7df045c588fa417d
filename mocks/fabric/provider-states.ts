import type { ProviderStateHandler } from '../../src/index';
import { cancelledJobState, heldJobState, unknownJobIdState } from '../../src/index';
import { DEMO_ITEM, seedFabricJob } from './job-view';
import type { FabricState } from './machine';
import { machine } from './machine';
import type { FabricJob, FabricJobData } from './types';

/**
 * Fabric's own provider states, and its handling of the common job states: a job instance lives under an
 * item, so each of them also returns the item (`workspaceId`, `itemType`, `itemId`, `jobType`) with `jobId`.
 */
export const FABRIC_PROVIDER_STATES = [
  'a job {jobId} in state {state} of item {itemId}',
  'a job in state {state}',
  'a job that was cancelled in state {state}',
  'a job id that no job has',
] as const;

type Handler = ProviderStateHandler<FabricState, FabricJobData>;

/** The item a provider state names (params `workspaceId`, `itemType`, `itemId`, `jobType`), else the demo item. */
function itemOf(params: Record<string, unknown>): Partial<FabricJobData> {
  const text = (name: keyof typeof DEMO_ITEM) =>
    typeof params[name] === 'string' ? (params[name] as string) : DEMO_ITEM[name];
  return {
    workspaceId: text('workspaceId'),
    itemType: text('itemType'),
    itemId: text('itemId'),
    jobType: text('jobType'),
  };
}

/** A job instance's values: its item and its id. */
function valuesOf(job: FabricJob): Record<string, unknown> {
  const { workspaceId, itemType, itemId, jobType } = job.data;
  return { workspaceId, itemType, itemId, jobType, jobId: job.id };
}

export const providerStates: Readonly<Record<(typeof FABRIC_PROVIDER_STATES)[number], Handler>> = {
  /** A job instance held in a state under a given item: for interactions whose path names another item. */
  [FABRIC_PROVIDER_STATES[0]]: heldJobState(FABRIC_PROVIDER_STATES[0], machine, seedFabricJob, (params) => ({
    fields: itemOf(params),
  })),
  /** A job instance held in `state` under the demo item. */
  [FABRIC_PROVIDER_STATES[1]]: heldJobState(
    FABRIC_PROVIDER_STATES[1],
    machine,
    seedFabricJob,
    () => ({ fields: { ...DEMO_ITEM } }),
    valuesOf,
  ),
  /** A job instance cancelled while in `state` (NotStarted, InProgress). */
  [FABRIC_PROVIDER_STATES[2]]: cancelledJobState(FABRIC_PROVIDER_STATES[2], machine, seedFabricJob, {
    valuesOf,
  }),
  /** The demo item, and a job instance id that no instance has. */
  [FABRIC_PROVIDER_STATES[3]]: unknownJobIdState(() => ({ ...DEMO_ITEM })),
};
