import type { CallContext, Job, ValidCall } from '../../src/index';
import type { components } from '../../specs/aws-batch/types.gen';
import type { AwsBatchState } from './machine';
import type { BatchResource } from './resources';

type Schemas = components['schemas'];

/** An array job's child (`<parent>:<index>`) or a multi-node parallel job's node (`<parent>#<index>`). */
export interface JobPlace {
  readonly kind: 'child' | 'node';
  readonly parent: string;
  readonly index: number;
  /** A node: whether it is the main node, and how many nodes the job has. */
  readonly main?: boolean;
  readonly of?: number;
}

/** What the store keeps of a job; status and times come from its state and history. */
export interface BatchJobData {
  jobName: string;
  /** The name of its job queue. */
  jobQueue: string;
  /** Its job definition as `name:revision`. */
  jobDefinition: string;
  statusReason?: string;
  isCancelled?: boolean;
  isTerminated?: boolean;
  /** The reason of a CancelJob that waits for the job's dependencies to finish (PENDING jobs cancel after them). */
  cancelRequested?: string;
  parameters?: Record<string, string>;
  tags?: Record<string, string>;
  shareIdentifier?: string;
  schedulingPriority?: number;
  /** The jobs it waits for (for array children: the ones of its index). */
  dependsOn?: Schemas['JobDependency'][];
  /** An array parent's number of children. */
  arraySize?: number;
  /** A multi-node parallel parent's number of nodes and the index of its main node. */
  nodes?: { readonly count: number; readonly main: number };
  place?: JobPlace;
  /** The container as it runs: the definition's properties with the job's overrides. */
  container?: Schemas['ContainerDetail'];
  nodeProperties?: Schemas['NodeProperties'];
  retryStrategy?: Schemas['RetryStrategy'];
  timeout?: Schemas['JobTimeout'];
  propagateTags?: boolean;
  platformCapabilities?: Schemas['PlatformCapability'][];
}

export type BatchJob = Job<AwsBatchState, BatchJobData>;
export type BatchContext = CallContext<AwsBatchState, BatchJobData, BatchResource>;
export type BatchCall = ValidCall<AwsBatchState, BatchJobData, BatchResource>;
