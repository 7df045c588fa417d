import {
  BatchClient,
  CreateComputeEnvironmentCommand,
  CreateJobQueueCommand,
  RegisterJobDefinitionCommand,
} from '@aws-sdk/client-batch';
import type { BatchClientConfig } from '@aws-sdk/client-batch';

/** The real AWS SDK client against a jobmock URL, in eu-west-1, with the demo credential unless told. */
export function batchClient(endpoint: string, config: Partial<BatchClientConfig> = {}): BatchClient {
  return new BatchClient({
    region: 'eu-west-1',
    endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    ...config,
  });
}

/** A compute environment, a queue on it and a container definition, as a Batch user sets them up. */
export async function setUpQueue(batch: BatchClient, name: string) {
  const { computeEnvironmentArn } = await batch.send(
    new CreateComputeEnvironmentCommand({ computeEnvironmentName: `${name}-ce`, type: 'UNMANAGED' }),
  );
  const { jobQueueArn } = await batch.send(
    new CreateJobQueueCommand({
      jobQueueName: name,
      priority: 1,
      computeEnvironmentOrder: [{ order: 1, computeEnvironment: computeEnvironmentArn }],
    }),
  );
  const definition = await batch.send(
    new RegisterJobDefinitionCommand({
      jobDefinitionName: `${name}-def`,
      type: 'container',
      containerProperties: { image: 'busybox', command: ['echo', 'Ref::greeting'] },
      parameters: { greeting: 'hello' },
    }),
  );
  return {
    queueArn: jobQueueArn!,
    definitionArn: definition.jobDefinitionArn!,
    definitionName: `${name}-def`,
  };
}
