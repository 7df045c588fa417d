import type { ClientRequest } from '../api';

/**
 * Requests like `request` whose bodies the spec should refuse, most telling first: the innermost object of the
 * body (the params of a JSON-RPC call, the members of a REST body) emptied, then that object replaced by a string.
 * None when the request has no JSON object body.
 *
 * @example invalidBodies({ method: 'POST', path: '/v1/canceljob', body: { jobId: 'j', reason: 'r' } }) // body {} first
 */
export function invalidBodies(request: ClientRequest): ClientRequest[] {
  if (!isObject(request.body)) return [];
  const path = innermostObject(request.body);
  return [{}, 'not an object'].map((replacement) => ({
    ...request,
    body: replacedAt(request.body, path, replacement),
  }));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The keys leading to the deepest object (the first one found at that depth). */
function innermostObject(value: Record<string, unknown>): string[] {
  let deepest: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    if (!isObject(child)) continue;
    const below = [key, ...innermostObject(child)];
    if (below.length > deepest.length) deepest = below;
  }
  return deepest;
}

function replacedAt(value: unknown, path: readonly string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [key, ...rest] = path;
  const object = value as Record<string, unknown>;
  return { ...object, [key!]: replacedAt(object[key!], rest, replacement) };
}
