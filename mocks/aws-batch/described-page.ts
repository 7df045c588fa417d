import { ASCENDING, pageOf } from './page-token';
import type { BatchResource } from './resources';
import { resourcesOf } from './resources';
import type { BatchCall } from './types';

/** The paging fields of a Describe call (DescribeJobQueues, DescribeComputeEnvironments). */
interface DescribeInput {
  readonly maxResults?: number | undefined;
  readonly nextToken?: string | undefined;
}

/**
 * One page of what a Describe call asks for, oldest first: the resources it names (by name or ARN, each
 * once; unknown ones left out, as AWS does), or every resource of the kind when it names none.
 */
export function describedPage<K extends BatchResource['kind']>(
  call: BatchCall,
  kind: K,
  named: readonly string[] | undefined,
  find: (nameOrArn: string) => Extract<BatchResource, { kind: K }> | undefined,
  input: DescribeInput,
): { page: Extract<BatchResource, { kind: K }>[]; nextToken?: string } {
  const records = named?.length
    ? named.map(find).filter((r): r is Extract<BatchResource, { kind: K }> => r !== undefined)
    : resourcesOf(call.data, kind);
  const unique = [...new Map(records.map((r) => [r.name, r])).values()];
  return pageOf(unique, (r) => [r.createdAt, r.name], ASCENDING, input.maxResults ?? 100, input.nextToken);
}
