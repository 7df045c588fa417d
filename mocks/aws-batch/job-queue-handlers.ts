import type { OperationHandler } from '../../src/index';
import { fault, isTerminal } from '../../src/index';
import type { components } from '../../specs/aws-batch/types.gen';
import { arnOf, regionOf } from './arns';
import { terminateJob } from './job-ending';
import type { AwsBatchState } from './machine';
import { machine } from './machine';
import { describedPage } from './described-page';
import { ok } from './reply';
import type { BatchResource, QueueRecord } from './resources';
import {
  existingComputeEnvironment,
  existingQueue,
  findQueue,
  getQueue,
  putResource,
  resourceKey,
} from './resources';
import type { BatchCall, BatchJob, BatchJobData } from './types';
import { without } from './without';

type Schemas = components['schemas'];
type Handler = OperationHandler<AwsBatchState, BatchJobData, BatchResource>;

/** A queue as DescribeJobQueues shows it: compute environments by ARN, VALID (jobmock provisions at once). */
export function queueView(queue: QueueRecord, region: string): Schemas['JobQueueDetail'] {
  const { name, computeEnvironmentOrder } = queue;
  const rest = without(queue, 'kind', 'name', 'createdAt', 'computeEnvironmentOrder');
  return {
    jobQueueName: name,
    jobQueueArn: arnOf(region, 'job-queue', name),
    ...rest,
    status: 'VALID',
    statusReason: 'JobQueue Healthy',
    computeEnvironmentOrder: computeEnvironmentOrder.map(({ order, computeEnvironment }) => ({
      order,
      computeEnvironment: arnOf(region, 'compute-environment', computeEnvironment),
    })),
  };
}

/** A queue's compute environments, checked: one to three that exist, stored by name. */
function environmentsOf(
  call: BatchCall,
  order: Schemas['ComputeEnvironmentOrder'][] | undefined,
  services: unknown[] | undefined,
) {
  if (!order?.length && !services?.length)
    throw fault('BadRequest', 'At least 1 compute environment must be provided');
  return (order ?? []).map(({ order: position, computeEnvironment }) => ({
    order: position,
    computeEnvironment: existingComputeEnvironment(call.data, computeEnvironment).name,
  }));
}

const answer = (call: BatchCall, name: string) =>
  ok(call, { jobQueueName: name, jobQueueArn: arnOf(regionOf(call.request), 'job-queue', name) });

const create: Handler = (call) => {
  const input = call.body as Schemas['CreateJobQueueRequest'];
  if (getQueue(call.data, input.jobQueueName)) throw fault('BadRequest', 'Object already exists');
  const { jobQueueName, state, computeEnvironmentOrder, ...rest } = input;
  putResource(call.data, {
    ...rest,
    kind: 'job-queue',
    name: jobQueueName,
    createdAt: call.now(),
    state: state ?? 'ENABLED',
    computeEnvironmentOrder: environmentsOf(call, computeEnvironmentOrder, input.serviceEnvironmentOrder),
  });
  return answer(call, jobQueueName);
};

const describe: Handler = (call) => {
  const input = call.body as Schemas['DescribeJobQueuesRequest'];
  const { page, nextToken } = describedPage(
    call,
    'job-queue',
    input.jobQueues,
    (ref) => findQueue(call.data, ref),
    input,
  );
  const region = regionOf(call.request);
  return ok(call, {
    jobQueues: page.map((q) => queueView(q, region)),
    ...(nextToken ? { nextToken } : {}),
  } satisfies Schemas['DescribeJobQueuesResponse']);
};

const update: Handler = (call) => {
  const { jobQueue, computeEnvironmentOrder, ...changes } = call.body as Schemas['UpdateJobQueueRequest'];
  const queue = existingQueue(call.data, jobQueue);
  putResource(call.data, {
    ...queue,
    ...changes,
    ...(computeEnvironmentOrder
      ? {
          computeEnvironmentOrder: environmentsOf(
            call,
            computeEnvironmentOrder,
            queue.serviceEnvironmentOrder,
          ),
        }
      : {}),
  });
  return answer(call, queue.name);
};

/** A DISABLED queue goes, and the jobs still unfinished in it are terminated. */
const remove: Handler = (call) => {
  const { jobQueue } = call.body as Schemas['DeleteJobQueueRequest'];
  const queue = existingQueue(call.data, jobQueue);
  if (queue.state !== 'DISABLED')
    throw fault(
      'BadRequest',
      `JobQueue ${queue.name} must be DISABLED (UpdateJobQueue) before it is deleted`,
    );
  const unfinished: BatchJob[] = [];
  for (const job of call.jobs.scan())
    if (job.data.jobQueue === queue.name && !job.data.place && !isTerminal(machine, job.state))
      unfinished.push(job);
  for (const job of unfinished)
    terminateJob(call, call.jobs.get(job.id)!, `JobQueue ${queue.name} was deleted`);
  call.data.delete(resourceKey('job-queue', queue.name));
  return ok(call, {});
};

export const jobQueueHandlers = {
  CreateJobQueue: create,
  DescribeJobQueues: describe,
  UpdateJobQueue: update,
  DeleteJobQueue: remove,
} as const;
