import {
  BatchClient,
  CancelJobCommand,
  DescribeJobsCommand,
  TerminateJobCommand,
} from '@aws-sdk/client-batch';
import { MatchersV3 } from '@pact-foundation/pact';
import type { AWS_BATCH_PROVIDER_STATES } from '../../mocks/aws-batch/provider-states';
import type { AwsBatchState } from '../../mocks/aws-batch/machine';
import type { ProviderStateName } from '../pact-setup';
import { DELIBERATE_CREDENTIALS, injected, pactWith } from '../pact-setup';

const { like, regex, integer } = MatchersV3;

/** The consumer: a jobs dashboard calling AWS Batch through the real AWS SDK v3. */
const pact = pactWith('batch-job-dashboard', 'aws-batch');

type StateName = ProviderStateName<(typeof AWS_BATCH_PROVIDER_STATES)[number]>;

function batchAt(url: string, accessKeyId = 'test') {
  return new BatchClient({
    region: 'us-east-1',
    endpoint: url,
    credentials: { accessKeyId, secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

/** The job id the provider state returns; consumer tests see this one (a Batch job id is a UUID). */
const JOB_ID = '8f3c2a1e-5b7d-4c9e-a0f1-2d3e4f5a6b7c';
const jobId = injected('jobId', JOB_ID);
const REASON = 'no longer needed';

const jsonRequest = { 'Content-Type': 'application/json' };
const errorType = (code: string) => ({ 'x-amzn-ErrorType': regex(`^${code}(:.*)?$`, code) });
const jobIn = (state: AwsBatchState) => ['a job in state {state}' satisfies StateName, { state }] as const;

/** JobDetail as the dashboard reads it: status and how the job ended are the contract, the rest by type. */
const jobDetail = (end: Record<string, unknown>) => ({
  jobId,
  jobName: like('nightly-etl'),
  jobQueue: like('demo-queue'),
  jobDefinition: like('demo-definition:1'),
  status: 'FAILED',
  createdAt: integer(1700000000000),
  startedAt: integer(1700000000000),
  ...end,
});

describe('batch-job-dashboard → aws-batch', () => {
  it.each<[AwsBatchState]>([['SUBMITTED'], ['PENDING'], ['RUNNABLE']])('cancels a %s job', async (state) => {
    await pact
      .addInteraction()
      .given(...jobIn(state))
      .uponReceiving(`a request to cancel a ${state} job`)
      .withRequest('POST', '/v1/canceljob', (b) => b.headers(jsonRequest).jsonBody({ jobId, reason: REASON }))
      .willRespondWith(200, (b) => b.jsonBody({}))
      .executeTest(async (server) => {
        const reply = await batchAt(server.url).send(new CancelJobCommand({ jobId: JOB_ID, reason: REASON }));
        expect(reply.$metadata.httpStatusCode).toBe(200);
      });
  });

  it.each<[AwsBatchState]>([['STARTING'], ['RUNNING'], ['SUCCEEDED'], ['FAILED']])(
    'cancelling a %s job succeeds without changing it',
    async (state) => {
      await pact
        .addInteraction()
        .given(...jobIn(state))
        .uponReceiving(`a request to cancel a ${state} job, which is not cancelled`)
        .withRequest('POST', '/v1/canceljob', (b) =>
          b.headers(jsonRequest).jsonBody({ jobId, reason: REASON }),
        )
        .willRespondWith(200, (b) => b.jsonBody({}))
        .executeTest(async (server) => {
          await batchAt(server.url).send(new CancelJobCommand({ jobId: JOB_ID, reason: REASON }));
        });
    },
  );

  it('describes a job that was cancelled: FAILED, isCancelled, with the reason it was cancelled for', async () => {
    await pact
      .addInteraction()
      .given('a job that was cancelled in state {state}' satisfies StateName, {
        state: 'RUNNABLE',
        reason: REASON,
      })
      .uponReceiving('a request to describe a job that was cancelled')
      .withRequest('POST', '/v1/describejobs', (b) => b.headers(jsonRequest).jsonBody({ jobs: [jobId] }))
      .willRespondWith(200, (b) =>
        b.jsonBody({ jobs: [jobDetail({ statusReason: REASON, isCancelled: true })] }),
      )
      .executeTest(async (server) => {
        const { jobs } = await batchAt(server.url).send(new DescribeJobsCommand({ jobs: [JOB_ID] }));
        expect(jobs?.[0]).toMatchObject({ status: 'FAILED', isCancelled: true, statusReason: REASON });
      });
  });

  it('terminates a RUNNING job', async () => {
    await pact
      .addInteraction()
      .given(...jobIn('RUNNING'))
      .uponReceiving('a request to terminate a RUNNING job')
      .withRequest('POST', '/v1/terminatejob', (b) =>
        b.headers(jsonRequest).jsonBody({ jobId, reason: 'stuck' }),
      )
      .willRespondWith(200, (b) => b.jsonBody({}))
      .executeTest(async (server) => {
        await batchAt(server.url).send(new TerminateJobCommand({ jobId: JOB_ID, reason: 'stuck' }));
      });
  });

  it('describes a job that was terminated: FAILED, isTerminated, with the reason', async () => {
    await pact
      .addInteraction()
      .given('a job that was terminated in state {state}' satisfies StateName, {
        state: 'RUNNING',
        reason: 'stuck',
      })
      .uponReceiving('a request to describe a job that was terminated')
      .withRequest('POST', '/v1/describejobs', (b) => b.headers(jsonRequest).jsonBody({ jobs: [jobId] }))
      .willRespondWith(200, (b) =>
        b.jsonBody({ jobs: [jobDetail({ statusReason: 'stuck', isTerminated: true })] }),
      )
      .executeTest(async (server) => {
        const { jobs } = await batchAt(server.url).send(new DescribeJobsCommand({ jobs: [JOB_ID] }));
        expect(jobs?.[0]).toMatchObject({ status: 'FAILED', isTerminated: true });
      });
  });

  it('describes a job that does not exist: it is left out of the reply', async () => {
    await pact
      .addInteraction()
      .given('a job id that no job has' satisfies StateName)
      .uponReceiving('a request to describe a job that does not exist')
      .withRequest('POST', '/v1/describejobs', (b) => b.headers(jsonRequest).jsonBody({ jobs: [jobId] }))
      .willRespondWith(200, (b) => b.jsonBody({ jobs: [] }))
      .executeTest(async (server) => {
        const { jobs } = await batchAt(server.url).send(new DescribeJobsCommand({ jobs: [JOB_ID] }));
        expect(jobs).toEqual([]);
      });
  });

  it('gets a ClientException for an empty reason', async () => {
    await pact
      .addInteraction()
      .given(...jobIn('RUNNABLE'))
      .uponReceiving('a request to cancel with an empty reason')
      .withRequest('POST', '/v1/canceljob', (b) => b.headers(jsonRequest).jsonBody({ jobId, reason: '' }))
      .willRespondWith(400, (b) =>
        b.headers(errorType('ClientException')).jsonBody({ message: like('reason must not be empty') }),
      )
      .executeTest(async (server) => {
        await expect(
          batchAt(server.url).send(new CancelJobCommand({ jobId: JOB_ID, reason: '' })),
        ).rejects.toMatchObject({ name: 'ClientException' });
      });
  });

  it('gets UnrecognizedClientException for an unknown access key', async () => {
    await pact
      .addInteraction()
      .given(...jobIn('RUNNABLE'))
      .comment(DELIBERATE_CREDENTIALS)
      .uponReceiving('a request signed with an unknown access key')
      .withRequest('POST', '/v1/canceljob', (b) =>
        b
          .headers({
            ...jsonRequest,
            'X-Amz-Date': regex('^\\d{8}T\\d{6}Z$', '20260101T000000Z'),
            Authorization: regex(
              '^AWS4-HMAC-SHA256 Credential=unknown-key/.+$',
              'AWS4-HMAC-SHA256 Credential=unknown-key/20260101/us-east-1/batch/aws4_request, SignedHeaders=host;x-amz-date, Signature=' +
                '0'.repeat(64),
            ),
          })
          .jsonBody({ jobId, reason: REASON }),
      )
      .willRespondWith(403, (b) =>
        b
          .headers(errorType('UnrecognizedClientException'))
          .jsonBody({ message: like('The security token included in the request is invalid.') }),
      )
      .executeTest(async (server) => {
        await expect(
          batchAt(server.url, 'unknown-key').send(new CancelJobCommand({ jobId: JOB_ID, reason: REASON })),
        ).rejects.toMatchObject({ name: 'UnrecognizedClientException' });
      });
  });
});
