import type { MockReply, OperationHandler, ValidCall } from '../../src/index';
import { emptyReply, fault, isCancellable, jsonReply, newJob } from '../../src/index';
import type { components, operations } from '../../specs/fabric/types.gen';
import { belongsTo, DEMO_ITEM, jobInstanceState, sameItem } from './job-view';
import type { FabricJob, FabricJobData, JobOwner } from './types';
import type { FabricState } from './machine';

type Schemas = components['schemas'];
type Handler = OperationHandler<FabricState, FabricJobData>;
type Call = ValidCall<FabricState, FabricJobData>;
/** The path of every job operation (the three share it). */
type InstancePath = operations['Jobs_GetItemJobInstanceState']['parameters']['path'];

function pathOf(call: Call): InstancePath {
  return call.params as InstancePath;
}

function ownerOf(path: InstancePath): JobOwner {
  const { workspaceId, itemType, itemId, jobType } = path;
  return { workspaceId, itemType, itemId, jobType };
}

function stateReply(state: Schemas['ItemJobInstanceState']): MockReply {
  return jsonReply(200, state);
}

/** The job instance the path names, if it exists under the path's workspace, item and job type. */
function findJob(call: Call): FabricJob | undefined {
  const path = pathOf(call);
  const job = call.jobs.get(path.jobInstanceId);
  return job && belongsTo(job, ownerOf(path)) ? job : undefined;
}

/** The official sample's answer for an item it cannot find (its `errorDetails` lack `source`; see the spec). */
const ITEM_NOT_FOUND: Schemas['ItemJobInstanceState'] = {
  status: 'Failed',
  errorDetails: { errorCode: 'ItemNotFound', message: 'Item not found.', source: 'System' },
};

/**
 * Whether the workload has the path's item: the demo item (where demo data and the admin API put jobs), or an
 * item one of the session's job instances lives under.
 */
function itemExists(call: Call): boolean {
  const path = pathOf(call);
  if (sameItem(DEMO_ITEM, path)) return true;
  for (const job of call.jobs.scan()) if (sameItem(job.data, path)) return true;
  return false;
}

/** Documented profile: a job instance that does not exist (also under another item or job type) is 404. */
function notFound(call: Call): never {
  const { jobInstanceId } = pathOf(call);
  throw fault('NotFound', `Job instance ${jobInstanceId} was not found.`, {
    data: { messageParameters: [jobInstanceId] },
  });
}

/** A new instance under the path's item, in NotStarted; 202 with no body. An id in use is 409. */
const createItemJobInstance: Handler = (call) => {
  const path = pathOf(call);
  const input = call.body as Schemas['CreateItemJobInstanceRequest'];
  if (call.jobs.has(path.jobInstanceId)) {
    throw fault('Conflict', `Job instance ${path.jobInstanceId} already exists.`, {
      data: { messageParameters: [path.jobInstanceId] },
    });
  }
  const data: FabricJobData = {
    ...ownerOf(path),
    invokeType: input.invokeType,
    ...(input.creationPayload ? { creationPayload: input.creationPayload } : {}),
  };
  call.jobs.add(newJob(path.jobInstanceId, 'NotStarted', call.now(), data));
  return emptyReply(202);
};

/**
 * The instance's state. An unknown instance is 404 in the documented profile; in the upstream profile the
 * sample answers 200: `Failed` with ItemNotFound for an unknown item, a bare `Failed` when the item has no
 * such instance (`GetJobState` without job metadata).
 */
const getItemJobInstanceState: Handler = (call) => {
  const job = findJob(call);
  if (job) return stateReply(jobInstanceState(job));
  if (call.profile === 'documented') notFound(call);
  return stateReply(itemExists(call) ? { status: 'Failed' } : ITEM_NOT_FOUND);
};

/**
 * Documented profile: NotStarted and InProgress → Cancelled (with its endTimeUtc); a finished instance keeps
 * its state and the reply is 200 with that state (a second cancel is a no-op); an unknown instance is 404.
 */
function cancelAsDocumented(call: Call): MockReply {
  const job = findJob(call) ?? notFound(call);
  if (isCancellable(call.jobs.machine, job.state))
    call.jobs.move(job, 'Cancelled', { note: 'Cancelled by Fabric' });
  return stateReply(jobInstanceState(job));
}

/**
 * Upstream profile, as the official sample's `CancelItemJobInstanceAsync` and `ItemBase.CancelJob`: whatever the
 * instance's state, its metadata is overwritten with Cancelled and the reply is `200 {"status":"Cancelled"}`: a
 * Completed or Failed instance becomes Cancelled, and an instance the item does not have is recreated,
 * Cancelled. Only an unknown item gets `200 Failed` ItemNotFound.
 */
function cancelAsUpstream(call: Call): MockReply {
  if (!itemExists(call)) return stateReply(ITEM_NOT_FOUND);
  const path = pathOf(call);
  const now = call.now();
  const job = findJob(call);
  const note = 'Cancelled by Fabric';
  if (job && isCancellable(call.jobs.machine, job.state)) call.jobs.move(job, 'Cancelled', { note });
  else if (job && job.state !== 'Cancelled') {
    // A finished instance's state cannot move on the machine; the sample overwrites its metadata.
    call.jobs.replace({
      ...job,
      state: 'Cancelled',
      history: [...job.history, { state: 'Cancelled', at: now, note }],
    });
  } else if (!job && !call.jobs.has(path.jobInstanceId)) {
    const data: FabricJobData = { ...ownerOf(path), invokeType: 'UnknownFutureValue' };
    call.jobs.add(newJob(path.jobInstanceId, 'Cancelled', now, data));
  }
  // An id in use under another item or job type keeps that instance: the reply is the sample's all the same.
  return stateReply({ status: 'Cancelled' });
}

const cancelItemJobInstance: Handler = (call) =>
  call.profile === 'documented' ? cancelAsDocumented(call) : cancelAsUpstream(call);

export const handlers = {
  Jobs_CreateItemJobInstance: createItemJobInstance,
  Jobs_GetItemJobInstanceState: getItemJobInstanceState,
  Jobs_CancelItemJobInstance: cancelItemJobInstance,
} as const;
