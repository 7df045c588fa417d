import type { components } from '../../specs/aws-batch/types.gen';
import { getComputeEnvironment, getDefinition, getQueue, putResource } from './resources';
import type { BatchContext } from './types';

/** The queue, compute environment and definition (`name:revision`) of the demo data and admin-created jobs. */
export const DEMO_QUEUE = 'demo-queue';
export const DEMO_COMPUTE_ENVIRONMENT = 'demo-compute-environment';
export const DEMO_DEFINITION = 'demo-definition:1';

/** What the demo definition runs. */
export const DEMO_CONTAINER: components['schemas']['ContainerDetail'] = {
  image: 'busybox',
  command: ['sleep', '10'],
  environment: [],
  resourceRequirements: [
    { type: 'VCPU', value: '1' },
    { type: 'MEMORY', value: '128' },
  ],
};

/**
 * Puts the demo queue (on the demo compute environment) and the demo definition in the session, unless it has
 * them: seeded jobs use them, so what DescribeJobs shows of a seeded job is there to describe too.
 */
export function demoResources(context: BatchContext): void {
  const { data } = context;
  const createdAt = context.now();
  if (!getComputeEnvironment(data, DEMO_COMPUTE_ENVIRONMENT)) {
    putResource(data, {
      kind: 'compute-environment',
      name: DEMO_COMPUTE_ENVIRONMENT,
      createdAt,
      uuid: '00000000-0000-4000-8000-000000000000',
      type: 'MANAGED',
      state: 'ENABLED',
      computeResources: { type: 'FARGATE', maxvCpus: 16, subnets: ['subnet-00000000'], securityGroupIds: [] },
      serviceRole: 'arn:aws:iam::123456789012:role/AWSBatchServiceRole',
    });
  }
  if (!getQueue(data, DEMO_QUEUE)) {
    putResource(data, {
      kind: 'job-queue',
      name: DEMO_QUEUE,
      createdAt,
      state: 'ENABLED',
      priority: 1,
      computeEnvironmentOrder: [{ order: 1, computeEnvironment: DEMO_COMPUTE_ENVIRONMENT }],
    });
  }
  const [name, revision] = DEMO_DEFINITION.split(':') as [string, string];
  if (!getDefinition(data, name, Number(revision))) {
    putResource(data, {
      kind: 'job-definition',
      name,
      revision: Number(revision),
      createdAt,
      status: 'ACTIVE',
      type: 'container',
      containerProperties: {
        image: DEMO_CONTAINER.image,
        command: DEMO_CONTAINER.command,
        resourceRequirements: DEMO_CONTAINER.resourceRequirements,
      },
    });
  }
}
