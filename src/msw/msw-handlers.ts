import type { HttpHandler } from 'msw';
import { http } from 'msw';
import { ADMIN_PREFIX } from '../admin/admin-path';
import type { Mock, StatesById } from '../browser/browser-mock';

/**
 * Where the front end calls the APIs: the URL of a jobmock server it would otherwise use (every API under
 * `/<id>`, the admin API under `/__admin`, as `jobmock serve` has them), or each API's own base URL by id.
 */
export type MswApis<States extends Record<keyof States, string> = StatesById> =
  string | { readonly [Id in keyof States]?: string };

/** MSW request handlers with the mock that answers them (its jobs, clock and faults). */
export type JobmockHandlers<States extends Record<keyof States, string> = StatesById> = HttpHandler[] & {
  readonly mock: Mock<States>;
};

/**
 * One MSW handler per API base URL (and one for the admin API when `apis` is a server URL), answered by `mock`.
 *
 * @example setupWorker(...mswHandlersOf(mock, { kbase: 'https://kbase.us/dynserv/JobBrowserBFF' }))
 */
export function mswHandlersOf<States extends Record<keyof States, string>>(
  mock: Mock<States>,
  apis: MswApis<States>,
): JobmockHandlers<States> {
  const served = mock.service.engine.apiIds;
  const bases: [string, string][] =
    typeof apis === 'string'
      ? served.map((id) => [id, `${trimmed(apis)}/${id}`])
      : Object.entries(apis as Record<string, string | undefined>).flatMap(([id, base]) =>
          base === undefined ? [] : [[id, base]],
        );
  const handlers: HttpHandler[] = bases.map(([id, base]) => {
    if (!served.includes(id)) throw new Error(`jobmock: unknown API "${id}"; APIs: ${served.join(', ')}`);
    const { basePath } = baseUrl(base);
    return http.all(below(base), ({ request }) => mock.answer(request, { api: id, basePath }));
  });
  if (typeof apis === 'string')
    handlers.push(http.all(below(trimmed(apis) + ADMIN_PREFIX), ({ request }) => mock.answer(request)));
  return Object.assign(handlers, { mock });
}

/** Every URL at or below a base URL (MSW matches the URL without its query). */
function below(base: string): RegExp {
  const escaped = trimmed(base).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped}(?:/.*)?$`);
}

function baseUrl(base: string): { basePath: string } {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new Error(`jobmock: "${base}" is not a URL`);
  }
  if (url.search || url.hash)
    throw new Error(`jobmock: the base URL "${base}" may not have a query or a fragment`);
  return { basePath: url.pathname.replace(/\/+$/, '') };
}

function trimmed(url: string): string {
  return url.replace(/\/+$/, '');
}
