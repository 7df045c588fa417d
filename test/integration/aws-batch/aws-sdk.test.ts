import {
  BatchClient,
  CancelJobCommand,
  ClientException,
  DescribeJobsCommand,
  ListJobsCommand,
  SubmitJobCommand,
  TerminateJobCommand,
} from '@aws-sdk/client-batch';
import { startServer } from '../../support/server-harness';

type Server = Awaited<ReturnType<typeof startServer>>;

function client(endpoint: string, secretAccessKey = 'test') {
  return new BatchClient({
    region: 'eu-west-1',
    endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey },
    maxAttempts: 1,
  });
}

async function status(batch: BatchClient, jobId: string) {
  const { jobs } = await batch.send(new DescribeJobsCommand({ jobs: [jobId] }));
  return jobs?.[0];
}

describe.each([
  ['under the /aws-batch prefix', {}, '/aws-batch'],
  ['at the root with --api aws-batch', { only: 'aws-batch' }, ''],
])('the real AWS SDK against jobmock serve %s', (_where, options, prefix) => {
  let server: Server;
  let batch: BatchClient;
  beforeAll(async () => {
    server = await startServer(options);
    batch = client(server.url + prefix);
  });
  afterAll(() => server.close());

  it('SubmitJob → DescribeJobs → CancelJob → DescribeJobs shows FAILED with isCancelled', async () => {
    const { jobId } = await batch.send(
      new SubmitJobCommand({ jobName: 'etl', jobQueue: 'q1', jobDefinition: 'etl:3' }),
    );
    expect((await status(batch, jobId!))?.status).toBe('SUBMITTED');
    await batch.send(new CancelJobCommand({ jobId, reason: 'superseded' }));
    expect(await status(batch, jobId!)).toMatchObject({
      status: 'FAILED',
      statusReason: 'superseded',
      isCancelled: true,
    });
  });

  it('gets a typed ClientException for a reason over 1024 characters', async () => {
    const error = await batch
      .send(new CancelJobCommand({ jobId: 'x', reason: 'r'.repeat(1025) }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientException);
    expect((error as ClientException).$metadata.httpStatusCode).toBe(400);
  });

  it('gets the 403 InvalidSignatureException for a wrong secret', async () => {
    const error = await client(server.url + prefix, 'wrong')
      .send(new ListJobsCommand({ jobQueue: 'q1' }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'InvalidSignatureException', $metadata: { httpStatusCode: 403 } });
  });
});

describe('AWS Batch cancel rules (documented profile)', () => {
  let server: Server;
  let batch: BatchClient;
  beforeAll(async () => {
    server = await startServer();
    batch = client(`${server.url}/aws-batch`);
  });
  afterAll(() => server.close());

  it.each([
    ['SUBMITTED', 'FAILED', true],
    ['PENDING', 'FAILED', true],
    ['RUNNABLE', 'FAILED', true],
    ['STARTING', 'STARTING', false],
    ['RUNNING', 'RUNNING', false],
    ['SUCCEEDED', 'SUCCEEDED', false],
  ])('CancelJob on a %s job → 200, then %s', async (state, after, cancelled) => {
    const created = await server.admin.createJob('aws-batch', state, { fields: { jobName: 'n' } });
    const jobId = String(created.body!.id);
    const reply = await batch.send(new CancelJobCommand({ jobId, reason: 'stop' }));
    expect(reply.$metadata.httpStatusCode).toBe(200);
    const job = await status(batch, jobId);
    expect(job?.status).toBe(after);
    expect(job?.isCancelled ?? false).toBe(cancelled);
  });

  it('CancelJob on an unknown job is a ClientException', async () => {
    await expect(
      batch.send(new CancelJobCommand({ jobId: 'no-such-job', reason: 'x' })),
    ).rejects.toBeInstanceOf(ClientException);
  });

  it.each([[{ jobId: '', reason: 'x' }], [{ jobId: 'j', reason: '' }]])(
    'rejects an empty field %j with ClientException',
    async (input) => {
      await expect(batch.send(new CancelJobCommand(input))).rejects.toBeInstanceOf(ClientException);
    },
  );

  it('TerminateJob ends a RUNNING job: FAILED with isTerminated', async () => {
    const jobId = String((await server.admin.createJob('aws-batch', 'RUNNING')).body!.id);
    await batch.send(new TerminateJobCommand({ jobId, reason: 'kill' }));
    expect(await status(batch, jobId)).toMatchObject({
      status: 'FAILED',
      isTerminated: true,
      statusReason: 'kill',
    });
  });

  it('ListJobs with no status lists RUNNING jobs only; with a status, that status', async () => {
    await server.admin.createJob('aws-batch', 'RUNNING', { fields: { jobQueue: 'lq' } });
    await server.admin.createJob('aws-batch', 'RUNNABLE', { fields: { jobQueue: 'lq' } });
    const running = await batch.send(new ListJobsCommand({ jobQueue: 'lq' }));
    expect(running.jobSummaryList?.map((j) => j.status)).toEqual(['RUNNING']);
    const runnable = await batch.send(new ListJobsCommand({ jobQueue: 'lq', jobStatus: 'RUNNABLE' }));
    expect(runnable.jobSummaryList?.map((j) => j.status)).toEqual(['RUNNABLE']);
  });

  it('a submitted job moves along the timeline as the clock advances', async () => {
    const { jobId } = await batch.send(
      new SubmitJobCommand({ jobName: 't', jobQueue: 'q', jobDefinition: 'd' }),
    );
    await server.admin.advance(1_000);
    expect((await status(batch, jobId!))?.status).toBe('PENDING');
    await server.admin.advance(1_000 + 2_000 + 2_000);
    expect((await status(batch, jobId!))?.status).toBe('RUNNING');
    await server.admin.advance(10_000);
    expect((await status(batch, jobId!))?.status).toBe('SUCCEEDED');
  });
});

describe('AWS Batch upstream profile', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer({ profile: 'upstream' });
  });
  afterAll(() => server.close());

  it('CancelJob on an unknown job id answers 200 {} as real AWS does', async () => {
    const reply = await client(`${server.url}/aws-batch`).send(
      new CancelJobCommand({ jobId: 'no-such-job', reason: 'x' }),
    );
    expect(reply.$metadata.httpStatusCode).toBe(200);
  });
});
