import { BatchClient, CancelJobCommand, DescribeJobsCommand } from '@aws-sdk/client-batch';
import { setupServer } from 'msw/node';
import { registry } from '../../src/browser';
import { handlers } from '../../src/msw';
import { withDemoCredentials } from '../support/demo-client';
import { cancelInEveryApi } from '../support/browser/cancel-in-every-api';
import { FRONT_END_URLS } from '../support/browser/front-end-urls';

const jobmock = handlers({ apis: FRONT_END_URLS, clock: 'manual' });
const server = setupServer(...jobmock);
const { mock } = jobmock;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.reset());
afterAll(() => {
  server.close();
  mock.close();
});

describe('jobmock/msw handlers under msw/node', () => {
  it('cancel a job in every API through global fetch, and the mock sees each state change', async () => {
    const outcomes = await cancelInEveryApi(
      registry,
      mock,
      (api) => FRONT_END_URLS[api as keyof typeof FRONT_END_URLS],
      fetch,
    );
    expect(outcomes.map((o) => o.api)).toEqual(Object.keys(FRONT_END_URLS));
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ status: expect.any(Number) as number, after: outcome.expected });
      expect(outcome.status).toBeLessThan(300);
      expect(outcome.before).not.toBe(outcome.expected);
    }
    expect(mock.violations).toEqual([]);
  });

  it('answer the real AWS SDK v3 client (node http, SigV4 over its own endpoint)', async () => {
    const job = mock.jobs.create('aws-batch', 'RUNNABLE');
    const batch = new BatchClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    await batch.send(new CancelJobCommand({ jobId: job.id, reason: 'superseded' }));
    expect(mock.jobs.get('aws-batch', job.id).state).toBe('FAILED');
    const { jobs } = await batch.send(new DescribeJobsCommand({ jobs: [job.id] }));
    expect(jobs?.[0]?.status).toBe('FAILED');
  });

  it('requests() shows each call the handlers answered, with its transition and no credential', async () => {
    const job = mock.jobs.create('aws-batch', 'RUNNABLE');
    mock.clearRequests();
    const batch = new BatchClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    await batch.send(new CancelJobCommand({ jobId: job.id, reason: 'superseded' }));
    const [entry, ...others] = mock.requests({ api: 'aws-batch' });
    expect(others).toEqual([]);
    expect(entry).toMatchObject({
      operation: 'CancelJob',
      status: 200,
      jobIds: [job.id],
      transitions: [{ jobId: job.id, from: 'RUNNABLE', to: 'FAILED', cause: 'call' }],
    });
    expect(entry!.request.headers.authorization).toBe('AWS4-HMAC-SHA256 [redacted]');
    mock.clearRequests();
    expect(mock.requests()).toEqual([]);
  });

  it("faults.add makes the next call fail with the API's own error; the job moves only on the call after", async () => {
    const api = registry.find((a) => a.id === 'bigchange')!;
    const job = mock.jobs.create('bigchange', 'scheduled');
    mock.faults.add({ api: 'bigchange', operation: 'cancelJob', status: 500, times: 1 });
    const cancel = api.jobRequests.cancel(job.id);
    const send = async () =>
      fetch(
        FRONT_END_URLS.bigchange + cancel.path,
        await withDemoCredentials(api, FRONT_END_URLS.bigchange, cancel),
      );
    const faulted = await send();
    expect(faulted.status).toBe(500);
    expect(faulted.headers.get('content-type')).toMatch(/problem\+json/);
    expect(mock.faults.list()).toEqual([]);
    expect(mock.jobs.get('bigchange', job.id).state).toBe('scheduled');
    expect((await send()).status).toBe(204);
    expect(mock.jobs.get('bigchange', job.id).state).toBe(api.machine.cancelTo);
  });

  it('clock.advance moves a job along its timeline; a call outside every base URL is left to MSW', async () => {
    const job = mock.jobs.create('kbase', 'queue', { held: false });
    const before = mock.clock.now();
    expect(mock.clock.advance(60_000)).toBe(before + 60_000);
    expect(mock.jobs.get('kbase', job.id).state).not.toBe('queue');
    await expect(fetch('https://elsewhere.example/x')).rejects.toThrow();
  });

  it('a jobmock server URL mocks every API under /<id> and the admin API, as `jobmock serve` has them', async () => {
    const own = handlers({
      apis: 'http://127.0.0.1:4010',
      seed: [{ api: 'fabric', state: 'InProgress', id: '00000000-0000-4000-8000-0000000000aa' }],
    });
    server.use(...own);
    try {
      const health = await fetch('http://127.0.0.1:4010/__admin/health');
      expect(((await health.json()) as { apis: string[] }).apis).toEqual(registry.map((api) => api.id));
      const job = await fetch(
        'http://127.0.0.1:4010/__admin/jobs/fabric/00000000-0000-4000-8000-0000000000aa',
      );
      expect(((await job.json()) as { state: string }).state).toBe('InProgress');
      expect(own.mock.jobs.list('fabric').map((j) => j.id)).toEqual(['00000000-0000-4000-8000-0000000000aa']);
    } finally {
      server.resetHandlers();
      own.mock.close();
    }
  });

  it('refuses an unknown API id, a base URL with a query, and engine options beside a shared mock', () => {
    expect(() => handlers({ apis: FRONT_END_URLS, mock, clock: 'real', profile: undefined })).toThrow(
      'jobmock: clock belong to the shared mock; create it with them',
    );
    expect(handlers({ apis: FRONT_END_URLS, mock }).mock).toBe(mock);
    expect(() => handlers({ apis: { nope: 'https://x.example' } as never })).toThrow(/unknown API "nope"/);
    expect(() => handlers({ apis: { kbase: 'https://x.example/?a=1' } })).toThrow(/may not have a query/);
  });
});
