import type { CallContext } from '../../src/index';
import { heldJobState } from '../../src/index';
import { DEMO_ITEM, seedFabricJob } from './job-view';
import type { FabricJobData } from './types';
import type { FabricState } from './machine';
import { machine } from './machine';

/** Fabric's own provider states, beyond the engine's `a job {jobId} in state {state}` and `no job {jobId}`. */
export const FABRIC_PROVIDER_STATES = ['a job {jobId} in state {state} of item {itemId}'] as const;

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

export const providerStates: Readonly<
  Record<
    (typeof FABRIC_PROVIDER_STATES)[number],
    (params: Record<string, unknown>, context: CallContext<FabricState, FabricJobData>) => void
  >
> = {
  /** A job instance held in a state under a given item: for interactions whose path names another item. */
  [FABRIC_PROVIDER_STATES[0]]: heldJobState(FABRIC_PROVIDER_STATES[0], machine, seedFabricJob, (params) => ({
    fields: itemOf(params),
  })),
};
