import { defineApi, uuidFromSequence } from '../../src/index';
import { authenticateFabric } from './auth';
import { DEMO_TENANT_ID, fabricDemoAuth } from './demo-auth';
import { fabricErrorReply } from './errors';
import { handlers } from './handlers';
import type { FabricJobData } from './job-state';
import { DEMO_ITEM, jobInstanceState, seedFabricJob } from './job-state';
import type { FabricState } from './machine';
import { machine } from './machine';
import { providerStates } from './provider-states';

export { FABRIC_PROVIDER_STATES } from './provider-states';

/**
 * Microsoft Fabric workload item jobs: the workload backend that Fabric calls to create, poll and cancel job
 * instances, with SubjectAndApp auth and the swagger's ErrorResponse.
 */
export const fabric = defineApi<FabricState, FabricJobData>({
  id: 'fabric',
  title: 'Microsoft Fabric workload jobs',
  protocol: 'openapi',
  machine,
  handlers,
  authenticate: authenticateFabric,
  errorReply: fabricErrorReply,
  newId: uuidFromSequence,
  seedJob: seedFabricJob,
  view: jobInstanceState,
  demoAuth: fabricDemoAuth,
  providerStates,
  demoCredentials: [
    'Four headers on every call; tokens are checked for shape only (JWT-like, starting "eyJ"):',
    '  Authorization: SubjectAndAppToken1.0 subjectToken="eyJ0eXAiOiJKV1QifQ.e30.", appToken="eyJ0eXAiOiJKV1QifQ.e30."',
    `  x-ms-client-tenant-id: ${DEMO_TENANT_ID}   ActivityId: <any>   RequestId: <any>`,
    `Demo jobs live under workspace ${DEMO_ITEM.workspaceId}, item ${DEMO_ITEM.itemType}/${DEMO_ITEM.itemId}, job type ${DEMO_ITEM.jobType}`,
  ],
});
