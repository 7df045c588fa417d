import { defineApi, uuidFromSequence } from '../../src/index';
import spec from '../../specs/aws-batch/openapi.gen.json';
import { authenticateBatch } from './auth';
import { batchDemoAuth } from './demo-auth';
import { batchErrorReply } from './errors';
import { handlers } from './handlers';
import { DEFAULT_DEFINITION, DEFAULT_QUEUE, jobDetail, seedBatchJob } from './job-view';
import { machine } from './machine';
import { providerStates } from './provider-states';
import type { BatchJobData } from './types';

/** AWS Batch (rest-json, SigV4): CancelJob and the calls that create and observe jobs. */
export const awsBatch = defineApi<(typeof machine.states)[number], BatchJobData>({
  id: 'aws-batch',
  title: 'AWS Batch',
  protocol: 'openapi',
  spec,
  machine,
  handlers,
  authenticate: authenticateBatch,
  errorReply: batchErrorReply,
  newId: uuidFromSequence,
  seedJob: seedBatchJob,
  view: jobDetail,
  demoAuth: batchDemoAuth,
  providerStates,
  jobRequests: {
    cancel: (jobId) => ({
      method: 'POST',
      path: '/v1/canceljob',
      body: { jobId, reason: 'Cancelled by the client' },
    }),
    read: (jobId) => ({ method: 'POST', path: '/v1/describejobs', body: { jobs: [jobId] } }),
    stateOf: (body) => (body as { jobs?: { status?: string }[] } | undefined)?.jobs?.[0]?.status,
    create: {
      request: () => ({
        method: 'POST',
        path: '/v1/submitjob',
        body: { jobName: 'jobmock-conform', jobQueue: DEFAULT_QUEUE, jobDefinition: DEFAULT_DEFINITION },
      }),
      idOf: (body) => (body as { jobId?: string } | undefined)?.jobId,
    },
  },
  demoCredentials: [
    'SigV4 with access key "test", secret "test", any region, e.g.',
    '  aws batch cancel-job --endpoint-url <url> --job-id <id> --reason demo   (AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test)',
  ],
});
