import type { OperationHandler } from '../../src/index';
import { fault } from '../../src/index';
import type { components } from '../../specs/aws-batch/types.gen';
import { arnOf, regionOf } from './arns';
import type { AwsBatchState } from './machine';
import { ASCENDING, pageOf } from './page-token';
import { ok } from './reply';
import type { BatchResource, DefinitionRecord } from './resources';
import { definitionRef, getDefinition, putResource, resourcesOf } from './resources';
import type { BatchJobData } from './types';
import { without } from './without';

type Schemas = components['schemas'];
type Handler = OperationHandler<AwsBatchState, BatchJobData, BatchResource>;

/** The default members AWS fills in a definition's container (the model's example shows them). */
const CONTAINER_DEFAULTS = { environment: [], mountPoints: [], ulimits: [], volumes: [] };

/** A revision as DescribeJobDefinitions shows it. */
export function definitionView(record: DefinitionRecord, region: string): Schemas['JobDefinition'] {
  const { name, revision } = record;
  return {
    jobDefinitionName: name,
    jobDefinitionArn: arnOf(region, 'job-definition', `${name}:${revision}`),
    revision,
    status: record.status,
    type: record.type,
    parameters: record.parameters ?? {},
    ...(record.schedulingPriority === undefined ? {} : { schedulingPriority: record.schedulingPriority }),
    ...(record.retryStrategy ? { retryStrategy: record.retryStrategy } : {}),
    ...(record.containerProperties
      ? { containerProperties: { ...CONTAINER_DEFAULTS, ...record.containerProperties } }
      : {}),
    ...(record.nodeProperties ? { nodeProperties: record.nodeProperties } : {}),
    ...(record.timeout ? { timeout: record.timeout } : {}),
    ...(record.tags ? { tags: record.tags } : {}),
    ...(record.propagateTags === undefined ? {} : { propagateTags: record.propagateTags }),
    platformCapabilities: record.platformCapabilities ?? ['EC2'],
    containerOrchestrationType: 'ECS',
  };
}

/** What the kind of a definition needs: a container (or ECS/EKS properties), or node properties that add up. */
function checkKind(input: Schemas['RegisterJobDefinitionRequest']): void {
  if (input.type === 'container') {
    if (!input.containerProperties && !input.ecsProperties && !input.eksProperties)
      throw fault(
        'BadRequest',
        'A container job definition needs containerProperties, ecsProperties or eksProperties',
      );
    if (input.containerProperties && !input.containerProperties.image)
      throw fault('BadRequest', 'containerProperties.image is required');
    return;
  }
  const nodes = input.nodeProperties;
  if (!nodes) throw fault('BadRequest', 'A multinode job definition needs nodeProperties');
  if (nodes.mainNode >= nodes.numNodes)
    throw fault(
      'BadRequest',
      `nodeProperties.mainNode (${nodes.mainNode}) must be less than numNodes (${nodes.numNodes})`,
    );
}

/** RegisterJobDefinition: the next revision of the name (revisions are never reused). */
const register: Handler = (call) => {
  const input = call.body as Schemas['RegisterJobDefinitionRequest'];
  checkKind(input);
  const name = input.jobDefinitionName;
  let revision: number;
  do revision = call.nextNumber(`job-definition:${name}`);
  while (getDefinition(call.data, name, revision));
  const { type } = input;
  const rest = without(input, 'jobDefinitionName', 'type');
  putResource(call.data, {
    ...rest,
    kind: 'job-definition',
    name,
    revision,
    type,
    status: 'ACTIVE',
    createdAt: call.now(),
  });
  return ok(call, {
    jobDefinitionName: name,
    jobDefinitionArn: arnOf(regionOf(call.request), 'job-definition', `${name}:${revision}`),
    revision,
  } satisfies Schemas['RegisterJobDefinitionResponse']);
};

/**
 * DescribeJobDefinitions: the revisions named (`name:revision` or ARNs; a bare name matches none), or all of
 * them filtered by name and status, in pages.
 */
const describe: Handler = (call) => {
  const input = call.body as Schemas['DescribeJobDefinitionsRequest'];
  let records: DefinitionRecord[];
  if (input.jobDefinitions?.length) {
    if (input.jobDefinitionName !== undefined || input.status !== undefined)
      throw fault('BadRequest', "jobDefinitions can't be used with jobDefinitionName or status");
    records = input.jobDefinitions
      .map(definitionRef)
      .map((ref) =>
        ref?.revision === undefined ? undefined : getDefinition(call.data, ref.name, ref.revision),
      )
      .filter((record): record is DefinitionRecord => record !== undefined);
  } else {
    records = resourcesOf(call.data, 'job-definition').filter(
      (r) =>
        (input.jobDefinitionName === undefined || r.name === input.jobDefinitionName) &&
        (input.status === undefined || r.status === input.status),
    );
  }
  const unique = [...new Map(records.map((r) => [`${r.name}:${r.revision}`, r])).values()];
  const { page, nextToken } = pageOf(
    unique,
    (r) => [r.createdAt, `${r.name}:${String(r.revision).padStart(10, '0')}`],
    ASCENDING,
    input.maxResults ?? 100,
    input.nextToken,
  );
  const region = regionOf(call.request);
  return ok(call, {
    jobDefinitions: page.map((r) => definitionView(r, region)),
    ...(nextToken ? { nextToken } : {}),
  } satisfies Schemas['DescribeJobDefinitionsResponse']);
};

/** DeregisterJobDefinition: one revision (`name:revision` or its ARN) becomes INACTIVE. */
const deregister: Handler = (call) => {
  const { jobDefinition } = call.body as Schemas['DeregisterJobDefinitionRequest'];
  const ref = definitionRef(jobDefinition);
  if (ref?.revision === undefined)
    throw fault(
      'BadRequest',
      `jobDefinition must be name:revision or an ARN with its revision, not ${jobDefinition}`,
    );
  const record = getDefinition(call.data, ref.name, ref.revision);
  if (!record || record.status === 'INACTIVE')
    throw fault('BadRequest', `JobDefinition ${jobDefinition} does not exist or is not in ACTIVE status`);
  putResource(call.data, { ...record, status: 'INACTIVE' });
  return ok(call, {});
};

export const jobDefinitionHandlers = {
  RegisterJobDefinition: register,
  DescribeJobDefinitions: describe,
  DeregisterJobDefinition: deregister,
} as const;
