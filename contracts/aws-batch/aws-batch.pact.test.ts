import {
  BatchClient,
  CancelJobCommand,
  DescribeJobsCommand,
  TerminateJobCommand,
} from '@aws-sdk/client-batch';
import { MatchersV3 } from '@pact-foundation/pact';
import type { AwsBatchState } from '../../mocks/aws-batch/machine';
import type { ProviderStateName } from '../pact-setup';
import { pactWith } from '../pact-setup';

const { like, regex, integer, eachLike } = MatchersV3;

/** The consumer: a jobs dashboard calling AWS Batch through the real AWS SDK v3. */
const pact = pactWith('batch-job-dashboard', 'aws-batch');

function batchAt(url: string, accessKeyId = 'test') {
  return new BatchClient({
    region: 'us-east-1',
    endpoint: url,
    credentials: { accessKeyId, secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

const jsonRequest = { 'Content-Type': 'application/json' };
const errorType = (code: string) => ({ 'x-amzn-ErrorType': regex(`^${code}(:.*)?$`, code) });
const state = (name: ProviderStateName, params: { jobId: string; state?: AwsBatchState }) =>
  [name, params] as const;

describe('batch-job-dashboard → aws-batch', () => {
  it.each<[AwsBatchState]>([['SUBMITTED'], ['PENDING'], ['RUNNABLE']])(
    'cancels a %s job',
    async (jobState) => {
      const jobId = `job-${jobState.toLowerCase()}`;
      await pact
        .addInteraction()
        .given(...state('a job {jobId} in state {state}', { jobId, state: jobState }))
        .uponReceiving(`a request to cancel a ${jobState} job`)
        .withRequest('POST', '/v1/canceljob', (b) =>
          b.headers(jsonRequest).jsonBody({ jobId, reason: 'no longer needed' }),
        )
        .willRespondWith(200, (b) => b.jsonBody({}))
        .executeTest(async (server) => {
          const reply = await batchAt(server.url).send(
            new CancelJobCommand({ jobId, reason: 'no longer needed' }),
          );
          expect(reply.$metadata.httpStatusCode).toBe(200);
        });
    },
  );

  it.each<[AwsBatchState]>([['STARTING'], ['RUNNING'], ['SUCCEEDED'], ['FAILED']])(
    'cancelling a %s job succeeds without changing it',
    async (jobState) => {
      const jobId = `job-${jobState.toLowerCase()}`;
      await pact
        .addInteraction()
        .given(...state('a job {jobId} in state {state}', { jobId, state: jobState }))
        .uponReceiving(`a request to cancel a ${jobState} job, which is not cancelled`)
        .withRequest('POST', '/v1/canceljob', (b) =>
          b.headers(jsonRequest).jsonBody({ jobId, reason: 'no longer needed' }),
        )
        .willRespondWith(200, (b) => b.jsonBody({}))
        .executeTest(async (server) => {
          await batchAt(server.url).send(new CancelJobCommand({ jobId, reason: 'no longer needed' }));
        });
    },
  );

  it('describes a cancelled job as FAILED with isCancelled and the reason', async () => {
    await pact
      .addInteraction()
      .given(...state('a job {jobId} in state {state}', { jobId: 'job-cancelled', state: 'FAILED' }))
      .uponReceiving('a request to describe a cancelled job')
      .withRequest('POST', '/v1/describejobs', (b) =>
        b.headers(jsonRequest).jsonBody({ jobs: ['job-cancelled'] }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          jobs: eachLike({
            jobId: 'job-cancelled',
            jobName: like('nightly-etl'),
            jobQueue: like('demo-queue'),
            jobDefinition: like('demo-definition:1'),
            status: 'FAILED',
            statusReason: like('Cancelled by the demo data'),
            isCancelled: true,
            createdAt: integer(1700000000000),
            startedAt: integer(1700000000000),
          }),
        }),
      )
      .executeTest(async (server) => {
        const { jobs } = await batchAt(server.url).send(new DescribeJobsCommand({ jobs: ['job-cancelled'] }));
        expect(jobs?.[0]).toMatchObject({ status: 'FAILED', isCancelled: true });
      });
  });

  it('terminates a RUNNING job', async () => {
    await pact
      .addInteraction()
      .given(...state('a job {jobId} in state {state}', { jobId: 'job-running', state: 'RUNNING' }))
      .uponReceiving('a request to terminate a RUNNING job')
      .withRequest('POST', '/v1/terminatejob', (b) =>
        b.headers(jsonRequest).jsonBody({ jobId: 'job-running', reason: 'stuck' }),
      )
      .willRespondWith(200, (b) => b.jsonBody({}))
      .executeTest(async (server) => {
        await batchAt(server.url).send(new TerminateJobCommand({ jobId: 'job-running', reason: 'stuck' }));
      });
  });

  it('gets a ClientException for a job that does not exist', async () => {
    await pact
      .addInteraction()
      .given(...state('no job {jobId}', { jobId: 'job-missing' }))
      .uponReceiving('a request to cancel a job that does not exist')
      .withRequest('POST', '/v1/canceljob', (b) =>
        b.headers(jsonRequest).jsonBody({ jobId: 'job-missing', reason: 'x' }),
      )
      .willRespondWith(400, (b) =>
        b.headers(errorType('ClientException')).jsonBody({ message: like('Job job-missing not found') }),
      )
      .executeTest(async (server) => {
        await expect(
          batchAt(server.url).send(new CancelJobCommand({ jobId: 'job-missing', reason: 'x' })),
        ).rejects.toMatchObject({
          name: 'ClientException',
        });
      });
  });

  it('gets a ClientException for an empty reason', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a request to cancel with an empty reason')
      .withRequest('POST', '/v1/canceljob', (b) =>
        b.headers(jsonRequest).jsonBody({ jobId: 'job-any', reason: '' }),
      )
      .willRespondWith(400, (b) =>
        b.headers(errorType('ClientException')).jsonBody({ message: like('reason must not be empty') }),
      )
      .executeTest(async (server) => {
        await expect(
          batchAt(server.url).send(new CancelJobCommand({ jobId: 'job-any', reason: '' })),
        ).rejects.toMatchObject({
          name: 'ClientException',
        });
      });
  });

  it('gets UnrecognizedClientException for an unknown access key', async () => {
    await pact
      .addInteraction()
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
          .jsonBody({ jobId: 'job-any', reason: 'x' }),
      )
      .willRespondWith(403, (b) =>
        b
          .headers(errorType('UnrecognizedClientException'))
          .jsonBody({ message: like('The security token included in the request is invalid.') }),
      )
      .executeTest(async (server) => {
        await expect(
          batchAt(server.url, 'unknown-key').send(new CancelJobCommand({ jobId: 'job-any', reason: 'x' })),
        ).rejects.toMatchObject({ name: 'UnrecognizedClientException' });
      });
  });
});
