import { defineApi } from '../../src/index';
import spec from '../../specs/bigchange/openapi.gen.json';
import { authenticateBigChange } from './auth';
import { bigChangeDemoAuth } from './demo-auth';
import { DEMO_CUSTOMER_ID } from './demo-users';
import { bigChangeErrorReply } from './errors';
import { handlers } from './handlers';
import { jobView, seedBigChangeJob } from './job-view';
import type { BigChangeState } from './machine';
import { machine } from './machine';
import { providerStates } from './provider-states';
import type { BigChangeJobData, BigChangeSessionValue } from './types';

export { PROVIDER_STATES as BIGCHANGE_PROVIDER_STATES } from './provider-states';

/** The customer the demo jobs belong to, as every /v1 call names it. */
const DEMO_CUSTOMER_HEADER = { 'Customer-Id': String(DEMO_CUSTOMER_ID) };

/** BigChange DX REST API jobs (bearer JWT from a client-credentials token endpoint, problem+json errors). */
export const bigchange = defineApi<BigChangeState, BigChangeJobData, BigChangeSessionValue>({
  id: 'bigchange',
  title: 'BigChange jobs',
  protocol: 'openapi',
  spec,
  machine,
  handlers,
  authenticate: authenticateBigChange,
  errorReply: bigChangeErrorReply,
  newId: (sequence) => String(sequence),
  seedJob: seedBigChangeJob,
  view: jobView,
  demoAuth: bigChangeDemoAuth,
  jobRequests: {
    cancel: (jobId) => ({
      method: 'PUT',
      path: `/v1/jobs/${encodeURIComponent(jobId)}/cancel`,
      headers: DEMO_CUSTOMER_HEADER,
      body: { reason: 'Cancelled by the client' },
    }),
    read: (jobId) => ({
      method: 'GET',
      path: `/v1/jobs/${encodeURIComponent(jobId)}`,
      headers: DEMO_CUSTOMER_HEADER,
    }),
    stateOf: (body) => (body as { status?: string } | undefined)?.status,
    create: {
      request: () => ({
        method: 'POST',
        path: '/v1/jobs',
        headers: DEMO_CUSTOMER_HEADER,
        body: { reference: 'jobmock-conform' },
      }),
      idOf: (body) => {
        const id = (body as { id?: number } | undefined)?.id;
        return id === undefined ? undefined : String(id);
      },
    },
  },
  providerStates,
  demoCredentials: [
    `OAuth client credentials: client id "demo", secret "demo"; jobs belong to Customer-Id ${DEMO_CUSTOMER_ID}, e.g.`,
    '  TOKEN=$(curl -s <url>/connect/token -d grant_type=client_credentials -d client_id=demo -d client_secret=demo | jq -r .access_token)',
    `  curl -X PUT <url>/v1/jobs/1/cancel -H "Authorization: Bearer $TOKEN" -H "Customer-Id: ${DEMO_CUSTOMER_ID}" -H 'content-type: application/json' -d '{"reason":"demo"}'`,
  ],
});
