import createClient from 'openapi-fetch';
import { demoJwt, subjectAndAppHeader } from '../../../mocks/fabric/demo-auth';
import { DEMO_TENANT_ID } from '../../../mocks/fabric/demo-users';
import { DEMO_ITEM } from '../../../mocks/fabric/job-view';
import type { paths } from '../../../specs/fabric/types.gen';
import type { Fetch } from '../engine-fetch';

export const USER_TOKEN = demoJwt({ oid: 'user-1', tid: DEMO_TENANT_ID });
export const APP_TOKEN = demoJwt({ appid: 'fabric', tid: DEMO_TENANT_ID });

/** The four headers Fabric sends, each overridable (undefined leaves one out). */
export function fabricHeaders(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const all: Record<string, string | undefined> = {
    Authorization: subjectAndAppHeader(USER_TOKEN, APP_TOKEN),
    'x-ms-client-tenant-id': DEMO_TENANT_ID,
    ActivityId: '8a3b5f0e-2d41-4c8e-9b6f-1f0e7d2c4a91',
    RequestId: '4c1d9e27-6a5b-4f03-8e2d-9b7a1c3e5f60',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined));
}

/** A typed client of the spec (openapi-fetch over the generated `paths`). */
export function fabricClient(fetch: Fetch, baseUrl = 'http://127.0.0.1:4010/fabric') {
  return createClient<paths>({ baseUrl, fetch });
}

export type FabricClient = ReturnType<typeof fabricClient>;

/** The path parameters of a job instance under the demo item (or another one). */
export function instancePath(jobInstanceId: string, item: Partial<typeof DEMO_ITEM> = {}) {
  return { ...DEMO_ITEM, ...item, jobInstanceId };
}

/** Calls the three operations of one job instance with the four headers. */
export function jobCalls(client: FabricClient, headers: Record<string, string> = fabricHeaders()) {
  const header = headers as never;
  return {
    create: (
      path: ReturnType<typeof instancePath>,
      body: {
        invokeType: 'Manual' | 'Scheduled' | 'UnknownFutureValue';
        creationPayload?: Record<string, unknown>;
      } = { invokeType: 'Manual' },
    ) =>
      client.POST(
        '/workspaces/{workspaceId}/items/{itemType}/{itemId}/jobTypes/{jobType}/instances/{jobInstanceId}',
        {
          params: { path, header },
          body,
        },
      ),
    get: (path: ReturnType<typeof instancePath>) =>
      client.GET(
        '/workspaces/{workspaceId}/items/{itemType}/{itemId}/jobTypes/{jobType}/instances/{jobInstanceId}',
        {
          params: { path, header },
        },
      ),
    cancel: (path: ReturnType<typeof instancePath>) =>
      client.POST(
        '/workspaces/{workspaceId}/items/{itemType}/{itemId}/jobTypes/{jobType}/instances/{jobInstanceId}/cancel',
        { params: { path, header } },
      ),
  };
}
