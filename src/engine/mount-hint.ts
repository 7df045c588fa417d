import { closest } from '../core/edit-distance';
import type { MockRequest } from '../core/wire';
import type { ServedApi } from './engine';

/**
 * What may have gone wrong with a call to a path no API is served at: an API's own path sent without its
 * prefix (every API is served under `/<id>`), or a prefix close to an API's id.
 */
export function mountHint(apis: ReadonlyMap<string, ServedApi>, request: MockRequest): string | undefined {
  const owners = [...apis.values()].filter((served) => routes(served, request)).map((s) => s.api.id);
  if (owners.length === 1)
    return `Every API is served under /<id>: did you mean /${owners[0]}${request.path}?`;
  const first = request.path.split('/')[1] ?? '';
  const near = first ? closest(first, apis.keys()) : undefined;
  return near ? `No API is served at /${first}: did you mean /${near}?` : undefined;
}

function routes({ protocol }: ServedApi, request: MockRequest): boolean {
  try {
    const [call] = protocol.parse(request).calls;
    return call !== undefined && protocol.route(call, request) !== undefined;
  } catch {
    return false;
  }
}
