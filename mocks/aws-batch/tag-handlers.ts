import type { OperationHandler } from '../../src/index';
import { fault } from '../../src/index';
import type { components } from '../../specs/aws-batch/types.gen';
import { parseArn } from './arns';
import type { AwsBatchState } from './machine';
import { ok } from './reply';
import type { BatchResource } from './resources';
import { definitionRef, getComputeEnvironment, getDefinition, getQueue, putResource } from './resources';
import type { BatchCall, BatchJobData } from './types';
import { without } from './without';

type Schemas = components['schemas'];
type Handler = OperationHandler<AwsBatchState, BatchJobData, BatchResource>;
type Tags = Record<string, string>;

/** The most tags one resource may have. */
export const MAX_TAGS = 50;

/** The tags of the resource an ARN names, and how to replace them; a ClientException for anything else. */
function tagged(call: BatchCall): { tags: Tags; set(tags: Tags): void } {
  const arn = String(call.params.resourceArn);
  const parsed = parseArn(arn);
  const missing = () => fault('BadRequest', `Resource ${arn} not found.`);
  if (!parsed) throw fault('BadRequest', `${arn} is not the ARN of a Batch resource`);
  if (parsed.type === 'job') {
    if (/[:#]/.test(parsed.name))
      throw fault(
        'BadRequest',
        'Tagging the child jobs of array and multi-node parallel jobs is not supported',
      );
    const job = call.jobs.get(parsed.name);
    if (!job) throw missing();
    return { tags: job.data.tags ?? {}, set: (tags) => call.jobs.update(job, { tags: nonEmpty(tags) }) };
  }
  const ref = parsed.type === 'job-definition' ? definitionRef(parsed.name) : undefined;
  const record =
    parsed.type === 'job-queue'
      ? getQueue(call.data, parsed.name)
      : parsed.type === 'compute-environment'
        ? getComputeEnvironment(call.data, parsed.name)
        : ref?.revision !== undefined
          ? getDefinition(call.data, ref.name, ref.revision)
          : undefined;
  if (!record) throw missing();
  return {
    tags: record.tags ?? {},
    set: (tags) => {
      const rest = without(record, 'tags');
      const kept = nonEmpty(tags);
      putResource(call.data, (kept ? { ...rest, tags: kept } : rest) as BatchResource);
    },
  };
}

/** Tags as a resource keeps them: none rather than an empty map (the model's maps hold 1 to 50). */
function nonEmpty(tags: Tags): Tags | undefined {
  return Object.keys(tags).length ? tags : undefined;
}

/** TagResource: the tags are added (or replace those of the same key); 50 at most in all. */
const tag: Handler = (call) => {
  const { tags } = call.body as Schemas['TagResourceRequest'];
  const resource = tagged(call);
  const merged = { ...resource.tags, ...tags };
  if (Object.keys(merged).length > MAX_TAGS)
    throw fault('BadRequest', `A resource can have at most ${MAX_TAGS} tags`);
  resource.set(merged);
  return ok(call, {});
};

/** UntagResource: the keys named go (keys it does not have are ignored). */
const untag: Handler = (call) => {
  const keys = [call.params.tagKeys].flat() as string[];
  const resource = tagged(call);
  resource.set(Object.fromEntries(Object.entries(resource.tags).filter(([key]) => !keys.includes(key))));
  return ok(call, {});
};

const list: Handler = (call) =>
  ok(call, { tags: tagged(call).tags } satisfies Schemas['ListTagsForResourceResponse']);

export const tagHandlers = { TagResource: tag, UntagResource: untag, ListTagsForResource: list } as const;
