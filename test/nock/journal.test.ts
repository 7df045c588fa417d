import { BatchClient, CancelJobCommand, DescribeJobsCommand } from '@aws-sdk/client-batch';
import { intercept } from '../../src/main';

const ENDPOINT = 'https://batch.journal.example.test';

describe('interceptor.requests() and expectCalled()', () => {
  const batch = intercept('aws-batch', ENDPOINT);
  const client = new BatchClient({
    region: 'us-east-1',
    endpoint: ENDPOINT,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  afterAll(() => {
    client.destroy();
    batch.dispose();
  });
  beforeEach(() => batch.reset());

  it('hold the calls the SDK made, with what each did to the jobs, and none of the interceptor’s own', async () => {
    const job = batch.createJob('RUNNABLE');
    await client.send(new CancelJobCommand({ jobId: job.id, reason: 'not needed' }));
    await client.send(new DescribeJobsCommand({ jobs: [job.id] }));
    const calls = batch.requests();
    expect(calls.map((c) => [c.operation, c.status])).toEqual([
      ['CancelJob', 200],
      ['DescribeJobs', 200],
    ]);
    expect(calls[0]).toMatchObject({
      api: 'aws-batch',
      session: 'default',
      path: '/v1/canceljob',
      request: { body: { jobId: job.id, reason: 'not needed' } },
      transitions: [{ jobId: job.id, from: 'RUNNABLE', to: 'FAILED', cause: 'call' }],
    });
    expect(calls[0]!.request.headers.authorization).toBe('AWS4-HMAC-SHA256 [redacted]');
    expect(batch.requests({ operation: 'DescribeJobs', jobId: job.id })).toHaveLength(1);
    batch.expectCalled({ operation: 'CancelJob', jobId: job.id, times: 1 });
    batch.expectCalled({ operation: 'CancelJob', status: '2xx' });
  });

  it('expectCalled fails with the calls that came closest', async () => {
    const job = batch.createJob('RUNNING');
    const other = batch.createJob('RUNNABLE');
    await client.send(new CancelJobCommand({ jobId: other.id, reason: 'wrong one' }));
    await client.send(new DescribeJobsCommand({ jobs: [job.id] }));
    const [cancel, describe] = batch.requests().map((c) => c.seq);
    expect(() => batch.expectCalled({ operation: 'CancelJob', jobId: job.id, times: 1 })).toThrow(
      [
        `jobmock: expected 1 call of CancelJob for job ${job.id}, but 0 calls matched.`,
        'The closest of the 2 calls that arrived:',
        `  #${describe} POST /v1/describejobs → 200 DescribeJobs job ${job.id}  (operation DescribeJobs, not CancelJob)`,
        `  #${cancel} POST /v1/canceljob → 200 CancelJob ${other.id} RUNNABLE→FAILED  (job ${other.id}, not ${job.id})`,
      ].join('\n'),
    );
    expect(() => batch.expectCalled({ operation: 'CancelJob', times: 2 })).toThrow(
      'jobmock: expected 2 calls of CancelJob, but 1 call matched.',
    );
  });

  it('a reset or clearRequests() empties the journal', async () => {
    batch.createJob('RUNNABLE', { id: 'j-1' });
    await client.send(new CancelJobCommand({ jobId: 'j-1', reason: 'r' }));
    batch.clearRequests();
    expect(batch.requests()).toEqual([]);
    expect(() => batch.expectCalled({ operation: 'CancelJob' })).toThrow('No calls arrived at all.');
  });
});
