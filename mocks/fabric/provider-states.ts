import type { CallContext } from '../../src/index';
import { fault } from '../../src/index';
import type { FabricContext, FabricJobData } from './job-state';
import { DEMO_ITEM, seedFabricJob } from './job-state';
import type { FabricState } from './machine';
import { machine } from './machine';

/** Fabric's own provider states, beyond the engine's `a job {jobId} in state {state}` and `no job {jobId}`. */
export const FABRIC_PROVIDER_STATES = ['a job {jobId} in state {state} of item {itemId}'] as const;

/**
 * A job instance in a state under a given item (params `workspaceId`, `itemType`, `itemId`, `jobType`; each
 * defaults to the demo item), held there: for interactions whose path names another item than the demo one.
 */
function jobOfItem(params: Record<string, unknown>, context: FabricContext): void {
  const { jobId, state } = params;
  if (typeof jobId !== 'string' || !machine.states.includes(state as FabricState)) {
    throw fault(
      'BadRequest',
      `Provider state "${FABRIC_PROVIDER_STATES[0]}" needs params jobId and state (${machine.states.join(', ')})`,
    );
  }
  const text = (name: keyof typeof DEMO_ITEM) =>
    typeof params[name] === 'string' ? (params[name] as string) : DEMO_ITEM[name];
  const fields: Partial<FabricJobData> = {
    workspaceId: text('workspaceId'),
    itemType: text('itemType'),
    itemId: text('itemId'),
    jobType: text('jobType'),
  };
  context.jobs.delete(jobId);
  const job = seedFabricJob({ id: jobId, state: state as FabricState, fields }, context);
  job.held = true;
  context.jobs.add(job);
}

export const providerStates: Readonly<
  Record<
    (typeof FABRIC_PROVIDER_STATES)[number],
    (params: Record<string, unknown>, context: CallContext<FabricState, FabricJobData>) => void
  >
> = {
  'a job {jobId} in state {state} of item {itemId}': jobOfItem,
};
