import { fault, newJob } from '../../src/index';
import type { components } from '../../specs/aws-batch/types.gen';
import { nameIn } from './arns';
import type { DefinitionRecord } from './resources';
import { definitionRef, findDefinition, findQueue } from './resources';
import type { BatchCall, BatchJob, BatchJobData } from './types';

type Schemas = components['schemas'];
type Dependency = Schemas['JobDependency'];

/** The queue a job goes to (by name): unknown ones are refused upstream, a DISABLED one always. */
function queueOf(call: BatchCall, given: string): string {
  const queue = findQueue(call.data, given);
  if (queue?.state === 'DISABLED')
    throw fault('BadRequest', `JobQueue ${given} is DISABLED and takes no new jobs.`);
  if (queue) return queue.name;
  const name = nameIn(given, 'job-queue');
  if (call.profile === 'upstream' || name === undefined)
    throw fault('BadRequest', `JobQueue ${given} not found.`);
  return name;
}

/** The definition revision a job uses: unknown ones are refused upstream, an INACTIVE one always. */
function definitionOf(call: BatchCall, given: string): { ref: string; record?: DefinitionRecord } {
  const record = findDefinition(call.data, given);
  const ref = definitionRef(given);
  if (record?.status === 'ACTIVE') return { ref: `${record.name}:${record.revision}`, record };
  if (record || call.profile === 'upstream' || !ref)
    throw fault(
      'BadRequest',
      ref?.revision === undefined
        ? `JobDefinition name ${ref?.name ?? given} does not exist or is not in ACTIVE status`
        : `JobDefinition ${given} does not exist or is not in ACTIVE status`,
    );
  return { ref: `${ref.name}:${ref.revision ?? 1}` };
}

/** `Ref::name` placeholders of a command, filled from the job's parameters. */
function substitute(command: readonly string[] | undefined, parameters: Record<string, string>) {
  return command?.map((part) => part.replace(/Ref::([A-Za-z0-9_-]+)/g, (m, k: string) => parameters[k] ?? m));
}

/** The container a job runs: the definition's properties with the job's overrides, and Batch's own variables. */
function containerOf(
  properties: Schemas['ContainerProperties'] | undefined,
  overrides: Schemas['ContainerOverrides'] | undefined,
  parameters: Record<string, string>,
): Schemas['ContainerDetail'] {
  const environment = new Map((properties?.environment ?? []).map((e) => [e.name, e]));
  for (const e of overrides?.environment ?? []) environment.set(e.name, e);
  const resources = new Map((properties?.resourceRequirements ?? []).map((r) => [r.type, r]));
  for (const r of overrides?.resourceRequirements ?? []) resources.set(r.type, r);
  const command = substitute(overrides?.command ?? properties?.command, parameters);
  const vcpus = overrides?.vcpus ?? properties?.vcpus;
  const memory = overrides?.memory ?? properties?.memory;
  return {
    ...(properties ?? {}),
    ...(command ? { command } : {}),
    ...(vcpus === undefined ? {} : { vcpus }),
    ...(memory === undefined ? {} : { memory }),
    environment: [...environment.values()],
    ...(resources.size ? { resourceRequirements: [...resources.values()] } : {}),
  };
}

/** The dependencies as given, checked: the jobs exist, and the array kinds fit the job. */
function checkDependencies(
  call: BatchCall,
  dependencies: readonly Dependency[],
  size: number | undefined,
): void {
  for (const dep of dependencies) {
    if (dep.jobId === undefined) {
      if (dep.type !== 'SEQUENTIAL' || size === undefined)
        throw fault('BadRequest', 'A dependency without a jobId must be SEQUENTIAL, on an array job');
      continue;
    }
    const job = call.jobs.get(dep.jobId);
    if (!job) throw fault('BadRequest', `Dependent job ${dep.jobId} does not exist.`);
    if (dep.type === 'N_TO_N' && job.data.arraySize !== size)
      throw fault(
        'BadRequest',
        `An N_TO_N dependency needs array jobs of the same size (${dep.jobId} is not one)`,
      );
  }
}

/** What child `index` of an array job waits for: the parent's own dependencies, and its index's ones. */
function childDependencies(
  parentId: string,
  dependencies: readonly Dependency[],
  index: number,
): Dependency[] {
  const own: Dependency[] = [];
  for (const dep of dependencies) {
    if (dep.jobId === undefined) {
      if (index > 0) own.push({ jobId: `${parentId}:${index - 1}`, type: 'SEQUENTIAL' });
    } else if (dep.type === 'N_TO_N') own.push({ jobId: `${dep.jobId}:${index}`, type: 'N_TO_N' });
    else own.push(dep);
  }
  return own;
}

/** The node range properties that apply to node `index` (a later range overrides an earlier one). */
function nodeContainer(properties: Schemas['NodeProperties'], index: number) {
  let container: Schemas['ContainerProperties'] | undefined;
  for (const range of properties.nodeRangeProperties) {
    const [from, to] = range.targetNodes.includes(':')
      ? range.targetNodes.split(':')
      : [range.targetNodes, range.targetNodes];
    const low = from ? Number(from) : 0;
    const high = to ? Number(to) : properties.numNodes - 1;
    if (index >= low && index <= high) container = range.container ?? container;
  }
  return container;
}

/**
 * SubmitJob: a job in SUBMITTED in a queue, from a definition (names or ARNs); an array job with its children in
 * PENDING, a multi-node parallel job with its nodes. Every job it makes is added in this one call.
 */
export function submitJob(call: BatchCall): { jobId: string; jobName: string } {
  const input = call.body as Schemas['SubmitJobRequest'];
  const jobQueue = queueOf(call, input.jobQueue);
  const { ref, record } = definitionOf(call, input.jobDefinition);
  const size = input.arrayProperties?.size;
  const multinode = record?.type === 'multinode';
  if (multinode && size !== undefined)
    throw fault('BadRequest', 'A multi-node parallel job cannot be an array job');
  const dependencies = input.dependsOn ?? [];
  checkDependencies(call, dependencies, size);
  const parameters = { ...record?.parameters, ...input.parameters };
  const id = call.newJobId();
  const shared: BatchJobData = {
    jobName: input.jobName,
    jobQueue,
    jobDefinition: ref,
    ...(Object.keys(parameters).length ? { parameters } : {}),
    ...(input.shareIdentifier === undefined ? {} : { shareIdentifier: input.shareIdentifier }),
    ...optional('schedulingPriority', input.schedulingPriorityOverride ?? record?.schedulingPriority),
    ...optional('retryStrategy', input.retryStrategy ?? record?.retryStrategy),
    ...optional('timeout', input.timeout ?? record?.timeout),
    ...optional('propagateTags', input.propagateTags ?? record?.propagateTags),
    ...optional('platformCapabilities', record?.platformCapabilities),
    ...(multinode
      ? {}
      : { container: containerOf(record?.containerProperties, input.containerOverrides, parameters) }),
  };
  const owner = { owner: call.principal.subject };
  const now = call.now();
  const add = (jobId: string, state: 'SUBMITTED' | 'PENDING', data: BatchJobData): BatchJob =>
    call.jobs.add(newJob(jobId, state, now, data, owner));
  const nodeProperties = multinode ? record!.nodeProperties : undefined;
  add(id, 'SUBMITTED', {
    ...shared,
    ...(dependencies.length ? { dependsOn: dependencies } : {}),
    ...(input.tags ? { tags: input.tags } : {}),
    ...(size === undefined ? {} : { arraySize: size }),
    ...(nodeProperties
      ? { nodes: { count: nodeProperties.numNodes, main: nodeProperties.mainNode }, nodeProperties }
      : {}),
  });
  for (let index = 0; index < (size ?? 0); index++) {
    const own = childDependencies(id, dependencies, index);
    add(`${id}:${index}`, 'PENDING', {
      ...shared,
      place: { kind: 'child', parent: id, index },
      ...(own.length ? { dependsOn: own } : {}),
    });
  }
  for (let index = 0; index < (nodeProperties?.numNodes ?? 0); index++) {
    const properties = nodeContainer(nodeProperties!, index);
    add(`${id}#${index}`, 'SUBMITTED', {
      ...shared,
      place: {
        kind: 'node',
        parent: id,
        index,
        main: index === nodeProperties!.mainNode,
        of: nodeProperties!.numNodes,
      },
      ...(dependencies.length ? { dependsOn: dependencies } : {}),
      container: containerOf(properties, undefined, parameters),
    });
  }
  return { jobId: id, jobName: input.jobName };
}

function optional<K extends string, T>(key: K, value: T | undefined): { [P in K]?: T } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: T };
}
