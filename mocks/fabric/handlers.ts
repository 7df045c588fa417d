import type { MockReply, OperationHandler, ValidCall } from '../../src/index';
import { emptyReply, fault, isCancellable, jsonReply, newJob } from '../../src/index';
import type { components, operations } from '../../specs/fabric/types.gen';
import { belongsTo, jobInstanceState } from './job-view';
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

/**
 * The answer for a job instance that does not exist (also when its id exists under another workspace, item
 * or job type). Documented profile: 404 ItemJobInstanceNotFound. Upstream profile: the official sample's
 * `200 {"status":"Failed","errorDetails":{"errorCode":"ItemNotFound",…}}`, with the `source` the schema
 * requires (see the cancel operation's `x-documented`).
 */
function unknownJob(call: Call): MockReply {
  const { jobInstanceId } = pathOf(call);
  if (call.profile === 'upstream') {
    return stateReply({
      status: 'Failed',
      errorDetails: { errorCode: 'ItemNotFound', message: 'Item not found.', source: 'System' },
    });
  }
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

const getItemJobInstanceState: Handler = (call) => {
  const job = findJob(call);
  return job ? stateReply(jobInstanceState(job)) : unknownJob(call);
};

/**
 * NotStarted and InProgress → Cancelled (with its endTimeUtc). A finished instance keeps its state and the
 * reply is 200 with that state: cancel is idempotent, as in the official sample.
 */
const cancelItemJobInstance: Handler = (call) => {
  const job = findJob(call);
  if (!job) return unknownJob(call);
  if (isCancellable(call.jobs.machine, job.state))
    call.jobs.move(job, 'Cancelled', { note: 'Cancelled by Fabric' });
  return stateReply(jobInstanceState(job));
};

export const handlers = {
  Jobs_CreateItemJobInstance: createItemJobInstance,
  Jobs_GetItemJobInstanceState: getItemJobInstanceState,
  Jobs_CancelItemJobInstance: cancelItemJobInstance,
} as const;
