import {
  BatchClient,
  CancelJobCommand,
  ClientException,
  DescribeJobsCommand,
  ListJobsCommand,
  SubmitJobCommand,
  TerminateJobCommand,
} from '@aws-sdk/client-batch';
import type { ApiStates, Interceptor } from '../../src/main';
import { intercept } from '../../src/main';

const ENDPOINT = 'https://batch.us-east-1.amazonaws.com';

/** The real client as an application builds it: its own endpoint, SigV4 with the demo key. */
function batchClient(secretAccessKey = 'test') {
  return new BatchClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey },
    maxAttempts: 1,
  });
}

async function describe1(batch: BatchClient, jobId: string) {
  const { jobs } = await batch.send(new DescribeJobsCommand({ jobs: [jobId] }));
  return jobs?.[0];
}

describe('intercept("aws-batch") with the real AWS SDK v3 client', () => {
  // One interceptor for the file (building its engine is the slow part), reset between tests.
  let api: Interceptor<ApiStates['aws-batch']>;
  let batch: BatchClient;
  beforeAll(() => {
    api = intercept('aws-batch', ENDPOINT);
    batch = batchClient();
  });
  beforeEach(() => api.reset());
  afterAll(() => {
    batch.destroy();
    api.dispose();
  });

  it('creates a job with SubmitJob, cancels it, and sees FAILED with isCancelled', async () => {
    const { jobId } = await batch.send(
      new SubmitJobCommand({ jobName: 'etl', jobQueue: 'q1', jobDefinition: 'etl:3' }),
    );
    expect((await describe1(batch, jobId!))?.status).toBe('SUBMITTED');
    await batch.send(new CancelJobCommand({ jobId, reason: 'superseded' }));
    expect(await describe1(batch, jobId!)).toMatchObject({ status: 'FAILED', isCancelled: true });
    expect(api.getJob(jobId!).state).toBe('FAILED');
    expect(api.violations).toEqual([]);
  });

  it('cancels a job the interceptor created in a state', async () => {
    const job = api.createJob('RUNNABLE', { fields: { jobName: 'n' } });
    await batch.send(new CancelJobCommand({ jobId: job.id, reason: 'stop' }));
    expect(api.getJob(job.id).history.map((h) => h.state)).toEqual([
      'SUBMITTED',
      'PENDING',
      'RUNNABLE',
      'FAILED',
    ]);
  });

  it('gets a typed ClientException for an unknown job', async () => {
    const error = await batch
      .send(new CancelJobCommand({ jobId: 'no-such-job', reason: 'x' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientException);
    expect((error as ClientException).$metadata.httpStatusCode).toBe(400);
  });

  it('checks the SDK’s real SigV4 signature: a wrong secret gets 403 InvalidSignatureException', async () => {
    const wrong = batchClient('wrong');
    const error = await wrong.send(new ListJobsCommand({ jobQueue: 'q1' })).catch((e: unknown) => e);
    wrong.destroy();
    expect(error).toMatchObject({ name: 'InvalidSignatureException', $metadata: { httpStatusCode: 403 } });
  });

  it('TerminateJob ends a RUNNING job (CancelJob would not), and ListJobs sees it', async () => {
    const job = api.createJob('RUNNING', { fields: { jobQueue: 'lq' } });
    await batch.send(new CancelJobCommand({ jobId: job.id, reason: 'too late' }));
    expect(api.getJob(job.id).state).toBe('RUNNING');
    await batch.send(new TerminateJobCommand({ jobId: job.id, reason: 'kill' }));
    const { jobSummaryList } = await batch.send(new ListJobsCommand({ jobQueue: 'lq', jobStatus: 'FAILED' }));
    expect(jobSummaryList?.map((j) => j.jobId)).toEqual([job.id]);
  });

  it('moves a submitted job along its timeline as the interceptor’s clock advances', async () => {
    const { jobId } = await batch.send(
      new SubmitJobCommand({ jobName: 't', jobQueue: 'q', jobDefinition: 'd' }),
    );
    api.advance(1_000 + 1_000 + 2_000 + 2_000);
    expect((await describe1(batch, jobId!))?.status).toBe('RUNNING');
  });
});

describe('intercept("aws-batch") in another region, upstream profile', () => {
  it('answers the SDK’s own eu-west-1 endpoint, with 200 {} for an unknown job as real AWS does', async () => {
    const api = intercept('aws-batch', 'https://batch.eu-west-1.amazonaws.com', { profile: 'upstream' });
    const batch = new BatchClient({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    try {
      const reply = await batch.send(new CancelJobCommand({ jobId: 'no-such-job', reason: 'x' }));
      expect(reply.$metadata.httpStatusCode).toBe(200);
    } finally {
      batch.destroy();
      api.dispose();
    }
  });
});
