import type { SessionData } from '../../src/index';
import { fault } from '../../src/index';
import type { components } from '../../specs/aws-batch/types.gen';
import type { ResourceType } from './arns';
import { nameIn } from './arns';

type Schemas = components['schemas'];

/** A job queue as the session keeps it (compute environments by name). */
export interface QueueRecord {
  readonly kind: 'job-queue';
  readonly name: string;
  readonly createdAt: number;
  readonly state: Schemas['JQState'];
  readonly priority: number;
  readonly computeEnvironmentOrder: readonly {
    readonly order: number;
    readonly computeEnvironment: string;
  }[];
  readonly serviceEnvironmentOrder?: Schemas['ServiceEnvironmentOrder'][];
  readonly schedulingPolicyArn?: string;
  readonly jobQueueType?: string;
  readonly jobStateTimeLimitActions?: Schemas['JobStateTimeLimitAction'][];
  readonly tags?: Record<string, string>;
}

/** A compute environment as the session keeps it. */
export interface ComputeEnvironmentRecord {
  readonly kind: 'compute-environment';
  readonly name: string;
  readonly createdAt: number;
  readonly uuid: string;
  readonly type: Schemas['CEType'];
  readonly state: Schemas['CEState'];
  readonly computeResources?: Schemas['ComputeResource'];
  readonly unmanagedvCpus?: number;
  readonly serviceRole?: string;
  readonly tags?: Record<string, string>;
}

/** One revision of a job definition, as registered. */
export interface DefinitionRecord {
  readonly kind: 'job-definition';
  readonly name: string;
  readonly revision: number;
  readonly createdAt: number;
  readonly status: 'ACTIVE' | 'INACTIVE';
  readonly type: string;
  readonly parameters?: Record<string, string>;
  readonly schedulingPriority?: number;
  readonly containerProperties?: Schemas['ContainerProperties'];
  readonly nodeProperties?: Schemas['NodeProperties'];
  readonly retryStrategy?: Schemas['RetryStrategy'];
  readonly timeout?: Schemas['JobTimeout'];
  readonly propagateTags?: boolean;
  readonly platformCapabilities?: Schemas['PlatformCapability'][];
  readonly tags?: Record<string, string>;
}

/** What AWS Batch keeps in a session besides jobs (SessionData values). */
export type BatchResource = QueueRecord | ComputeEnvironmentRecord | DefinitionRecord;

type Data = SessionData<BatchResource>;

/** The session-data key of a queue, a compute environment, or a definition revision (`name:revision`). */
export function resourceKey(type: Exclude<ResourceType, 'job'>, name: string): string {
  return `${type}/${name}`;
}

export function getQueue(data: Data, name: string): QueueRecord | undefined {
  return data.get(resourceKey('job-queue', name)) as QueueRecord | undefined;
}

export function getComputeEnvironment(data: Data, name: string): ComputeEnvironmentRecord | undefined {
  return data.get(resourceKey('compute-environment', name)) as ComputeEnvironmentRecord | undefined;
}

export function getDefinition(data: Data, name: string, revision: number): DefinitionRecord | undefined {
  return data.get(resourceKey('job-definition', `${name}:${revision}`)) as DefinitionRecord | undefined;
}

export function putResource(data: Data, record: BatchResource): void {
  const name = record.kind === 'job-definition' ? `${record.name}:${record.revision}` : record.name;
  data.set(resourceKey(record.kind, name), record);
}

/** Every resource of a kind, oldest first (then by name, then by revision). */
export function resourcesOf<K extends BatchResource['kind']>(
  data: Data,
  kind: K,
): Extract<BatchResource, { kind: K }>[] {
  const found: Extract<BatchResource, { kind: K }>[] = [];
  for (const [, value] of data.entries()) if (value.kind === kind) found.push(value as never);
  return found;
}

/** The queue a name or ARN names, or undefined. */
export function findQueue(data: Data, nameOrArn: string): QueueRecord | undefined {
  const name = nameIn(nameOrArn, 'job-queue');
  return name === undefined ? undefined : getQueue(data, name);
}

/** The compute environment a name or ARN names, or undefined. */
export function findComputeEnvironment(data: Data, nameOrArn: string): ComputeEnvironmentRecord | undefined {
  const name = nameIn(nameOrArn, 'compute-environment');
  return name === undefined ? undefined : getComputeEnvironment(data, name);
}

/** The queue a name or ARN names, or a ClientException saying it is not found (AWS's words). */
export function existingQueue(data: Data, nameOrArn: string): QueueRecord {
  const queue = findQueue(data, nameOrArn);
  if (!queue) throw fault('BadRequest', `JobQueue ${nameOrArn} not found.`);
  return queue;
}

export function existingComputeEnvironment(data: Data, nameOrArn: string): ComputeEnvironmentRecord {
  const environment = findComputeEnvironment(data, nameOrArn);
  if (!environment) throw fault('BadRequest', `ComputeEnvironment ${nameOrArn} not found.`);
  return environment;
}

/** A definition reference split up: `name`, `name:revision`, or either as an ARN. */
export function definitionRef(text: string): { name: string; revision: number | undefined } | undefined {
  const path = nameIn(text, 'job-definition');
  if (path === undefined) return undefined;
  const match = /^([A-Za-z0-9_-]+)(?::(\d+))?$/.exec(path);
  if (!match) return undefined;
  return { name: match[1]!, revision: match[2] === undefined ? undefined : Number(match[2]) };
}

/** The revision a reference names; a bare name is its latest ACTIVE revision. */
export function findDefinition(data: Data, text: string): DefinitionRecord | undefined {
  const ref = definitionRef(text);
  if (!ref) return undefined;
  if (ref.revision !== undefined) return getDefinition(data, ref.name, ref.revision);
  let latest: DefinitionRecord | undefined;
  for (const record of resourcesOf(data, 'job-definition')) {
    if (record.name === ref.name && record.status === 'ACTIVE' && record.revision > (latest?.revision ?? 0))
      latest = record;
  }
  return latest;
}
