import type { OperationHandler } from '../../src/index';
import { fault, uuidFromSequence } from '../../src/index';
import type { components } from '../../specs/aws-batch/types.gen';
import { ACCOUNT, arnOf, regionOf } from './arns';
import type { AwsBatchState } from './machine';
import { describedPage } from './described-page';
import { ok } from './reply';
import type { BatchResource, ComputeEnvironmentRecord } from './resources';
import {
  existingComputeEnvironment,
  findComputeEnvironment,
  getComputeEnvironment,
  putResource,
  resourceKey,
  resourcesOf,
} from './resources';
import type { BatchCall, BatchJobData } from './types';
import { without } from './without';

type Schemas = components['schemas'];
type Handler = OperationHandler<AwsBatchState, BatchJobData, BatchResource>;

/** A compute environment as DescribeComputeEnvironments shows it: VALID, with its ECS cluster. */
export function computeEnvironmentView(
  record: ComputeEnvironmentRecord,
  region: string,
): Schemas['ComputeEnvironmentDetail'] {
  const { name, uuid } = record;
  const rest = without(record, 'kind', 'name', 'createdAt', 'uuid');
  return {
    computeEnvironmentName: name,
    computeEnvironmentArn: arnOf(region, 'compute-environment', name),
    ecsClusterArn: `arn:aws:ecs:${region}:${ACCOUNT}:cluster/${name}_Batch_${uuid}`,
    ...rest,
    status: 'VALID',
    statusReason: 'ComputeEnvironment Healthy',
    containerOrchestrationType: 'ECS',
    uuid,
  };
}

const answer = (call: BatchCall, name: string) =>
  ok(call, {
    computeEnvironmentName: name,
    computeEnvironmentArn: arnOf(regionOf(call.request), 'compute-environment', name),
  });

const create: Handler = (call) => {
  const input = call.body as Schemas['CreateComputeEnvironmentRequest'];
  if (getComputeEnvironment(call.data, input.computeEnvironmentName))
    throw fault('BadRequest', 'Object already exists');
  if (input.type === 'MANAGED' && !input.computeResources)
    throw fault('BadRequest', 'computeResources is required for a MANAGED compute environment');
  const { computeEnvironmentName, state } = input;
  const rest = without(input, 'computeEnvironmentName', 'state', 'eksConfiguration', 'context');
  putResource(call.data, {
    ...rest,
    kind: 'compute-environment',
    name: computeEnvironmentName,
    createdAt: call.now(),
    uuid: uuidFromSequence(call.nextNumber('compute-environment')),
    state: state ?? 'ENABLED',
  });
  return answer(call, computeEnvironmentName);
};

const describe: Handler = (call) => {
  const input = call.body as Schemas['DescribeComputeEnvironmentsRequest'];
  const { page, nextToken } = describedPage(
    call,
    'compute-environment',
    input.computeEnvironments,
    (ref) => findComputeEnvironment(call.data, ref),
    input,
  );
  const region = regionOf(call.request);
  return ok(call, {
    computeEnvironments: page.map((c) => computeEnvironmentView(c, region)),
    ...(nextToken ? { nextToken } : {}),
  } satisfies Schemas['DescribeComputeEnvironmentsResponse']);
};

const update: Handler = (call) => {
  const input = call.body as Schemas['UpdateComputeEnvironmentRequest'];
  const { computeEnvironment, computeResources } = input;
  const changes = without(input, 'computeEnvironment', 'computeResources', 'updatePolicy', 'context');
  const record = existingComputeEnvironment(call.data, computeEnvironment);
  putResource(call.data, {
    ...record,
    ...changes,
    ...(computeResources && record.computeResources
      ? { computeResources: { ...record.computeResources, ...computeResources } }
      : {}),
  });
  return answer(call, record.name);
};

/** Only a DISABLED compute environment that no queue uses can go. */
const remove: Handler = (call) => {
  const { computeEnvironment } = call.body as Schemas['DeleteComputeEnvironmentRequest'];
  const record = existingComputeEnvironment(call.data, computeEnvironment);
  if (record.state !== 'DISABLED')
    throw fault('BadRequest', `ComputeEnvironment ${record.name} must be DISABLED before it is deleted`);
  const used = resourcesOf(call.data, 'job-queue').some((q) =>
    q.computeEnvironmentOrder.some((o) => o.computeEnvironment === record.name),
  );
  if (used) throw fault('BadRequest', 'Cannot delete, found existing JobQueue relationship');
  call.data.delete(resourceKey('compute-environment', record.name));
  return ok(call, {});
};

export const computeEnvironmentHandlers = {
  CreateComputeEnvironment: create,
  DescribeComputeEnvironments: describe,
  UpdateComputeEnvironment: update,
  DeleteComputeEnvironment: remove,
} as const;
