import createClient from 'openapi-fetch';
import type { paths } from '../../../specs/itential/types.gen';
import type { Fetch } from '../engine-fetch';

/** A typed client of the spec (openapi-fetch over the generated `paths`). */
export function itentialClient(fetch: Fetch, baseUrl = 'http://127.0.0.1:4010/itential') {
  return createClient<paths>({ baseUrl, fetch });
}

export type ItentialClient = ReturnType<typeof itentialClient>;

/** Logs in (demo users have their username as password) and returns the session token. */
export async function logIn(client: ItentialClient, username: string, password = username): Promise<string> {
  const { data, response } = await client.POST('/login', { body: { user: { username, password } } });
  if (response.status !== 200 || data === undefined)
    throw new Error(`login as ${username}: ${response.status}`);
  return data;
}

/** The token as the `token` cookie. */
export function tokenCookie(token: string): { cookie: string } {
  return { cookie: `token=${token}` };
}

/** The same client, sending the token as `?token=` on every call (the spec's tokenQuery scheme). */
export function withQueryToken(client: ItentialClient, token: string): ItentialClient {
  client.use({
    async onRequest({ request }) {
      const url = new URL(request.url);
      url.searchParams.set('token', token);
      const body = request.body === null ? undefined : await request.text();
      return new Request(url, { method: request.method, headers: request.headers, body });
    },
  });
  return client;
}

/** Typed calls to the five job routes, each with the token as a cookie. */
export function jobCalls(client: ItentialClient, token: string) {
  const headers = tokenCookie(token);
  return {
    start: (
      name = '8917Test2',
      options: paths['/workflow_engine/startJobWithOptions/{name}']['post']['requestBody']['content']['application/json']['options'] = {},
    ) =>
      client.POST('/workflow_engine/startJobWithOptions/{name}', {
        params: { path: { name } },
        headers,
        body: { options },
      }),
    get: (id: string) => client.GET('/workflow_engine/getJob/{id}', { params: { path: { id } }, headers }),
    pause: (job_id: string) => client.POST('/workflow_engine/pauseJob', { headers, body: { job_id } }),
    resume: (job_id: string) => client.POST('/workflow_engine/resumeJob', { headers, body: { job_id } }),
    cancel: (job_id: string) => client.POST('/workflow_engine/cancelJob', { headers, body: { job_id } }),
  };
}
