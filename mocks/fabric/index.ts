import { defineApi, uuidFromSequence } from '../../src/index';
import spec from '../../specs/fabric/openapi.gen.json';
import { authenticateFabric } from './auth';
import { fabricDemoAuth } from './demo-auth';
import { DEMO_TENANT_ID } from './demo-users';
import { fabricErrorReply } from './errors';
import { handlers } from './handlers';
import { DEMO_ITEM, jobInstanceState, seedFabricJob } from './job-view';
import type { FabricJobData } from './types';
import type { FabricState } from './machine';
import { machine } from './machine';
import { providerStates } from './provider-states';

export { FABRIC_PROVIDER_STATES } from './provider-states';

/** The path of a job instance under the demo item. */
function demoInstancePath(jobInstanceId: string): string {
  const { workspaceId, itemType, itemId, jobType } = DEMO_ITEM;
  return `/workspaces/${workspaceId}/items/${itemType}/${itemId}/jobTypes/${jobType}/instances/${encodeURIComponent(jobInstanceId)}`;
}

/**
 * Microsoft Fabric workload item jobs: the workload backend that Fabric calls to create, poll and cancel job
 * instances, with SubjectAndApp auth and the swagger's ErrorResponse.
 */
export const fabric = defineApi<FabricState, FabricJobData>({
  id: 'fabric',
  title: 'Microsoft Fabric workload jobs',
  protocol: 'openapi',
  spec,
  machine,
  handlers,
  authenticate: authenticateFabric,
  errorReply: fabricErrorReply,
  newId: uuidFromSequence,
  seedJob: seedFabricJob,
  view: jobInstanceState,
  demoAuth: fabricDemoAuth,
  jobRequests: {
    cancel: (jobInstanceId) => ({ method: 'POST', path: `${demoInstancePath(jobInstanceId)}/cancel` }),
    read: (jobInstanceId) => ({ method: 'GET', path: demoInstancePath(jobInstanceId) }),
    stateOf: (body) => (body as { status?: string } | undefined)?.status,
    create: {
      request: (jobInstanceId) => ({
        method: 'POST',
        path: demoInstancePath(jobInstanceId),
        body: { invokeType: 'Manual' },
      }),
      idOf: (_body, jobInstanceId) => jobInstanceId,
    },
  },
  providerStates,
  demoCredentials: [
    'Four headers on every call; tokens are checked for shape only (JWT-like, starting "eyJ"):',
    '  Authorization: SubjectAndAppToken1.0 subjectToken="eyJ0eXAiOiJKV1QifQ.e30.", appToken="eyJ0eXAiOiJKV1QifQ.e30."',
    `  x-ms-client-tenant-id: ${DEMO_TENANT_ID}   ActivityId: <any>   RequestId: <any>`,
    `Demo jobs live under workspace ${DEMO_ITEM.workspaceId}, item ${DEMO_ITEM.itemType}/${DEMO_ITEM.itemId}, job type ${DEMO_ITEM.jobType}`,
  ],
});
