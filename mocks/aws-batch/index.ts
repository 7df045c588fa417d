import type { OpenApiDefinition } from '../../src/index';
import { defineApi, uuidFromSequence } from '../../src/index';
import spec from '../../specs/aws-batch/openapi.gen.json';
import type { BatchCredentials } from './auth';
import { authenticateBatch } from './auth';
import { batchHint } from './hints';
import { batchDemoAuth } from './demo-auth';
import { DEMO_DEFINITION, DEMO_QUEUE } from './demo-resources';
import { DEMO_CREDENTIALS } from './demo-users';
import { batchErrorReply } from './errors';
import { handlers } from './handlers';
import { jobDetail, seedBatchJob } from './job-view';
import type { AwsBatchState } from './machine';
import { machine } from './machine';
import { credentialsOf } from './options';
import { providerStates } from './provider-states';
import type { BatchResource } from './resources';
import type { BatchJobData } from './types';

type BatchApi = OpenApiDefinition<AwsBatchState, BatchJobData, BatchResource>;

/** What `jobmock serve` prints about signing in. */
function credentialLines(credentials: BatchCredentials): string[] {
  const extra = [...credentials.keys.keys()].filter((key) => !DEMO_CREDENTIALS.has(key));
  return [
    'SigV4 with access key "test", secret "test", any region, e.g.',
    '  aws batch cancel-job --endpoint-url <url> --job-id <id> --reason demo   (AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test)',
    ...(extra.length ? [`also the access keys ${extra.join(', ')} (--aws-credentials)`] : []),
    ...(credentials.anyAccessKey
      ? ['any access key is accepted (--aws-any-key): its secret is not checked']
      : []),
  ];
}

/** AWS Batch with the credentials it accepts. */
function batchApi(credentials: BatchCredentials): BatchApi {
  return defineApi<AwsBatchState, BatchJobData, BatchResource>({
    id: 'aws-batch',
    title: 'AWS Batch',
    protocol: 'openapi',
    spec,
    machine,
    handlers,
    authenticate: (context) => authenticateBatch(context, credentials),
    hint: (fault, call) => batchHint(fault, call, credentials),
    errorReply: batchErrorReply,
    newId: uuidFromSequence,
    seedJob: seedBatchJob,
    view: (job) => jobDetail(job),
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
          body: { jobName: 'jobmock-conform', jobQueue: DEMO_QUEUE, jobDefinition: DEMO_DEFINITION },
        }),
        idOf: (body) => (body as { jobId?: string } | undefined)?.jobId,
      },
    },
    demoCredentials: credentialLines(credentials),
    withOptions: (options) => batchApi(credentialsOf(options)),
  });
}

/**
 * AWS Batch (rest-json, SigV4): CancelJob and the calls that create and observe jobs, job queues, compute
 * environments, job definitions and tags. Options (`withOptions`): `credentials`, `anyAccessKey`.
 */
export const awsBatch = batchApi({ keys: DEMO_CREDENTIALS, anyAccessKey: false });
