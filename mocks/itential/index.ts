import { defineApi, objectIdFromSequence } from '../../src/index';
import spec from '../../specs/itential/openapi.gen.json';
import { authenticateItential } from './auth';
import { itentialHint } from './hints';
import { itentialDemoAuth } from './demo-auth';
import { itentialErrorReply } from './errors';
import { handlers } from './handlers';
import { jobDocument, seedItentialJob } from './job-view';
import type { ItentialState } from './machine';
import { machine } from './machine';
import { providerStates } from './provider-states';
import { DEFAULT_WORKFLOW } from './workflows';
import type { ItentialJobData, ItentialSessionValue } from './types';

export { ITENTIAL_PROVIDER_STATES } from './provider-states';

/** Itential Automation Platform WorkFlowEngine (2020.2): session-token login, start/get/pause/resume/cancel jobs. */
export const itential = defineApi<ItentialState, ItentialJobData, ItentialSessionValue>({
  id: 'itential',
  title: 'Itential workflow_engine',
  protocol: 'openapi',
  spec,
  machine,
  handlers,
  authenticate: authenticateItential,
  hint: itentialHint,
  errorReply: itentialErrorReply,
  newId: objectIdFromSequence,
  seedJob: seedItentialJob,
  view: jobDocument,
  demoAuth: itentialDemoAuth,
  jobRequests: {
    cancel: (job_id) => ({ method: 'POST', path: '/workflow_engine/cancelJob', body: { job_id } }),
    read: (id) => ({ method: 'GET', path: `/workflow_engine/getJob/${encodeURIComponent(id)}` }),
    stateOf: (body) => (body as { status?: string } | undefined)?.status,
    create: {
      request: () => ({
        method: 'POST',
        path: `/workflow_engine/startJobWithOptions/${DEFAULT_WORKFLOW.name}`,
        body: { options: { description: 'Started by jobmock conform', variables: {} } },
      }),
      idOf: (body) => (body as { _id?: string } | undefined)?._id,
    },
  },
  providerStates,
  demoCredentials: [
    'Log in with admin/admin (role admin), operator/operator (apiwrite) or viewer/viewer (no role, gets 403):',
    '  curl -c jar -H "content-type: application/json" -d \'{"user":{"username":"admin","password":"admin"}}\' <url>/login',
    '  then send the `token` cookie (curl -b jar) or ?token=<token> on every call',
  ],
});
