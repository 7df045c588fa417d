import {
  BatchClient,
  CancelJobCommand,
  DescribeJobsCommand,
  ServerException,
  SubmitJobCommand,
} from '@aws-sdk/client-batch';
import nock from 'nock';
import { brokenAwsBatch } from '../fixtures/broken-aws-batch';
import { intercept as interceptWith } from '../../src/intercept/intercept';
import type { Interceptor } from '../../src/main';
import {
  createMockService,
  InterceptAdminError,
  intercept,
  listen,
  registry,
  signSigV4,
} from '../../src/main';
import { nodeRequest } from './support/node-http';
import { startRealServer } from './support/real-server';

const ENDPOINT = 'https://batch.us-east-1.amazonaws.com';

function batchClient(endpoint?: string) {
  return new BatchClient({
    region: 'us-east-1',
    ...(endpoint ? { endpoint } : {}),
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

/** Headers for a SigV4-signed Batch call, made with jobmock's own signer (no SDK). */
function signed(url: string, body: string): Record<string, string> {
  const { host, pathname } = new URL(url);
  const auth = signSigV4(
    { method: 'POST', host, path: pathname, query: {}, body },
    { accessKeyId: 'test', secretAccessKey: 'test', region: 'us-east-1', service: 'batch' },
  );
  return {
    'content-type': 'application/json',
    'x-amz-date': auth['x-amz-date']!,
    authorization: auth.authorization!,
  };
}

async function statusOf(batch: BatchClient, jobId: string): Promise<string | undefined> {
  const { jobs } = await batch.send(new DescribeJobsCommand({ jobs: [jobId] }));
  return jobs?.[0]?.status;
}

const disposeAfter: Interceptor[] = [];
const clients: BatchClient[] = [];
/** Interceptors and clients made by a test are disposed after it, even when it fails. */
function track<T extends Interceptor | BatchClient>(value: T): T {
  if (value instanceof BatchClient) clients.push(value);
  else disposeAfter.push(value as Interceptor);
  return value;
}
afterEach(() => {
  for (const api of disposeAfter.splice(0)) api.dispose();
  for (const client of clients.splice(0)) client.destroy();
});

describe('intercept() answers every kind of client', () => {
  it('global fetch and node:http get the same stateful API as the AWS SDK', async () => {
    const api = track(intercept('aws-batch', ENDPOINT));
    const job = api.createJob('PENDING');
    const url = `${ENDPOINT}/v1/canceljob`;
    const body = JSON.stringify({ jobId: job.id, reason: 'by fetch' });
    const res = await fetch(url, { method: 'POST', headers: signed(url, body), body });
    expect(res.status).toBe(200);

    const describeUrl = `${ENDPOINT}/v1/describejobs`;
    const describeBody = JSON.stringify({ jobs: [job.id] });
    const reply = await nodeRequest(describeUrl, {
      method: 'POST',
      headers: signed(describeUrl, describeBody),
      body: describeBody,
    });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({
      jobs: [{ jobId: job.id, status: 'FAILED', statusReason: 'by fetch' }],
    });
  });

  it('answers the admin API on the intercepted host too', async () => {
    track(intercept('aws-batch', ENDPOINT));
    const res = await fetch(`${ENDPOINT}/__admin/health`);
    expect(await res.json()).toMatchObject({ status: 'ok', apis: ['aws-batch'] });
  });

  it('hands the raw body to the API: malformed JSON gets its own error, not a crash', async () => {
    const api = track(intercept('aws-batch', ENDPOINT));
    const url = `${ENDPOINT}/v1/canceljob`;
    const res = await fetch(url, { method: 'POST', headers: signed(url, '{bad'), body: '{bad' });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('ClientException');
    expect(api.violations).toEqual([]);
  });
});

describe('sessions', () => {
  it('two interceptors (each with its own service) do not see each other’s jobs', async () => {
    const a = track(intercept('aws-batch', 'https://batch-a.example.test'));
    const b = track(intercept('aws-batch', 'https://batch-b.example.test'));
    const clientA = track(batchClient('https://batch-a.example.test'));
    const clientB = track(batchClient('https://batch-b.example.test'));
    const { jobId } = await clientA.send(
      new SubmitJobCommand({ jobName: 'a', jobQueue: 'q', jobDefinition: 'd' }),
    );
    expect(await statusOf(clientA, jobId!)).toBe('SUBMITTED');
    expect(await statusOf(clientB, jobId!)).toBeUndefined();
    expect(a.jobs().map((j) => j.id)).toEqual([jobId]);
    expect(b.jobs()).toEqual([]);
  });

  it('interceptors sharing a service see the jobs of their own session only', async () => {
    const a = track(intercept('aws-batch', 'https://batch-a.example.test', { session: 'a' }));
    const b = track(
      intercept('aws-batch', 'https://batch-b.example.test', { service: a.service, session: 'b' }),
    );
    const alsoA = track(
      intercept('aws-batch', 'https://batch-c.example.test', { service: a.service, session: 'a' }),
    );
    const job = a.createJob('RUNNING');
    expect(await statusOf(track(batchClient('https://batch-b.example.test')), job.id)).toBeUndefined();
    expect(await statusOf(track(batchClient('https://batch-c.example.test')), job.id)).toBe('RUNNING');
    expect(b.jobs()).toEqual([]);
    expect(alsoA.getJob(job.id).state).toBe('RUNNING');
  });

  it('a service serving every API, as `jobmock serve` does, can back an interceptor and a server at once', async () => {
    const service = createMockService({ apis: registry, clock: 'manual', strict: true });
    const server = await listen(service, { port: 0 });
    try {
      const api = track(intercept('aws-batch', ENDPOINT, { service }));
      const job = api.createJob('RUNNING');
      expect(await statusOf(track(batchClient()), job.id)).toBe('RUNNING');
      expect(await statusOf(track(batchClient(`${server.url}/aws-batch`)), job.id)).toBe('RUNNING');
      expect(api.violations).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('a request’s own X-Jobmock-Session header wins over the interceptor’s session', async () => {
    const api = track(intercept('aws-batch', ENDPOINT, { session: 'mine' }));
    const other = track(
      intercept('aws-batch', 'https://other.example.test', { service: api.service, session: 'theirs' }),
    );
    const job = other.createJob('RUNNING');
    const url = `${ENDPOINT}/v1/describejobs`;
    const body = JSON.stringify({ jobs: [job.id] });
    const res = await fetch(url, {
      method: 'POST',
      headers: { ...signed(url, body), 'x-jobmock-session': 'theirs' },
      body,
    });
    expect(((await res.json()) as { jobs: unknown[] }).jobs).toHaveLength(1);
  });
});

describe('the network around the interceptor', () => {
  let real: Awaited<ReturnType<typeof startRealServer>>;
  beforeAll(async () => {
    real = await startRealServer();
  });
  afterAll(() => real.close());

  it('leaves other hosts alone by default', async () => {
    track(intercept('aws-batch', ENDPOINT));
    expect(await (await fetch(`${real.url}/x`)).text()).toBe('real GET /x');
    expect((await nodeRequest(`${real.url}/y`)).body).toBe('real GET /y');
  });

  it('allowNetwork: false blocks other hosts until the interceptor is disposed', async () => {
    const api = intercept('aws-batch', ENDPOINT, { allowNetwork: false });
    try {
      await expect(fetch(`${real.url}/x`)).rejects.toThrow();
      await expect(nodeRequest(`${real.url}/y`)).rejects.toMatchObject({ code: 'ENETUNREACH' });
      const batch = track(batchClient());
      expect(await statusOf(batch, 'no-such-job')).toBeUndefined();
    } finally {
      api.dispose();
    }
    expect(await (await fetch(`${real.url}/x`)).text()).toBe('real GET /x');
  });

  it('dispose() hands the host back to the network', async () => {
    const api = intercept('aws-batch', real.url);
    const mocked = await nodeRequest(`${real.url}/v1/nothing-here`);
    expect(mocked.headers['x-amzn-errortype']).toBe('UnknownOperationException');
    api.dispose();
    api.dispose(); // twice is harmless
    expect((await nodeRequest(`${real.url}/v1/nothing-here`)).body).toBe('real GET /v1/nothing-here');
    expect(await (await fetch(`${real.url}/z`)).text()).toBe('real GET /z');
  });

  it('dispose() leaves interceptors the test set up with nock itself in place', async () => {
    const own = nock('https://own.example.test').get('/x').reply(200, 'own mock');
    try {
      const a = intercept('aws-batch', ENDPOINT);
      const b = intercept('aws-batch', real.url);
      a.dispose();
      b.dispose();
      expect(await (await fetch('https://own.example.test/x')).text()).toBe('own mock');
      expect(own.isDone()).toBe(true);
    } finally {
      nock.cleanAll();
    }
    expect(await (await fetch(`${real.url}/after`)).text()).toBe('real GET /after');
  });

  it('answers unmatched paths on the intercepted host with the API’s own error', async () => {
    track(intercept('aws-batch', 'https://gateway.example.test/batch'));
    for (const url of [
      'https://gateway.example.test/batch/v1/no-such-operation',
      'https://gateway.example.test/elsewhere',
      'https://gateway.example.test/batchx/v1/canceljob',
    ]) {
      const res = await fetch(url, { method: 'POST', body: '{}' });
      expect({ url, status: res.status, type: res.headers.get('x-amzn-errortype') }).toEqual({
        url,
        status: 404,
        type: 'UnknownOperationException',
      });
      expect(await res.json()).toEqual({ message: expect.stringMatching(/^Unknown operation POST \//) });
    }
  });

  it('serves two base paths of one origin side by side', async () => {
    const a = track(intercept('aws-batch', 'https://gateway.example.test/a'));
    track(intercept('aws-batch', 'https://gateway.example.test/a/b'));
    const job = a.createJob('RUNNING');
    expect(await statusOf(track(batchClient('https://gateway.example.test/a')), job.id)).toBe('RUNNING');
    expect(await statusOf(track(batchClient('https://gateway.example.test/a/b')), job.id)).toBeUndefined();
  });
});

describe('the interceptor’s admin actions', () => {
  it('drive the clock, faults, reset and provider states of its session', async () => {
    const api = track(intercept('aws-batch', ENDPOINT, { session: 's1' }));
    const batch = track(batchClient());
    const { jobId } = await batch.send(
      new SubmitJobCommand({ jobName: 't', jobQueue: 'q', jobDefinition: 'd' }),
    );
    const start = api.now();
    expect(api.advance(1_000)).toBe(start + 1_000);
    expect(await statusOf(batch, jobId!)).toBe('PENDING');

    api.injectFault({ operation: 'CancelJob', status: 500, times: 1 });
    await expect(batch.send(new CancelJobCommand({ jobId, reason: 'x' }))).rejects.toBeInstanceOf(
      ServerException,
    );
    await batch.send(new CancelJobCommand({ jobId, reason: 'x' }));
    expect(api.getJob(jobId!).state).toBe('FAILED');

    api.injectFault({ status: 500 });
    api.clearFaults();
    expect(await statusOf(batch, jobId!)).toBe('FAILED');

    expect(api.providerState('a job {jobId} in state {state}', { jobId: 'p1', state: 'STARTING' })).toEqual({
      jobId: 'p1',
    });
    expect(api.jobs('STARTING').map((j) => j.id)).toEqual(['p1']);
    api.reset();
    expect(api.jobs()).toEqual([]);
  });

  it('starts every session from the seed, and reset() returns to it', () => {
    const api = track(
      intercept('aws-batch', ENDPOINT, { seed: [{ state: 'RUNNING', id: 'seeded', held: true }] }),
    );
    api.createJob('RUNNABLE', { id: 'extra' });
    expect(api.jobs().map((j) => j.id)).toEqual(['seeded', 'extra']);
    api.reset();
    expect(api.jobs().map((j) => `${j.id}:${j.state}`)).toEqual(['seeded:RUNNING']);
  });

  it('throw the admin API’s own error for bad input', () => {
    const api = track(intercept('aws-batch', ENDPOINT));
    // @ts-expect-error -- not a state of AWS Batch; the interceptor is typed with the API's states
    expect(() => api.createJob('DONE')).toThrow(InterceptAdminError);
    expect(() => api.getJob('nope')).toThrow(expect.objectContaining({ status: 404, code: 'NotFound' }));
    expect(() => api.advance(-1)).toThrow(expect.objectContaining({ code: 'BadRequest' }));
    expect(() => api.injectFault({ operation: 'NoSuchOperation', status: 500 })).toThrow(/no operation/);
  });

  it('collects strict-mode violations from the x-jobmock-violations header', async () => {
    const api = track(interceptWith([brokenAwsBatch], 'aws-batch', ENDPOINT));
    const job = api.createJob('RUNNING');
    await statusOf(track(batchClient()), job.id).catch(() => undefined);
    expect(api.violations).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: '/v1/describejobs',
        status: 200,
        messages: [expect.stringContaining('isCancelled')],
      }),
    ]);
  });
});

describe('intercept() refuses what it cannot do', () => {
  it.each([
    ['an unknown API', () => intercept('nope', ENDPOINT), /unknown API "nope"/],
    ['a base URL that is not http(s)', () => intercept('aws-batch', 'ftp://x.test'), /not an http/],
    ['a base URL with a query', () => intercept('aws-batch', 'https://x.test/?a=1'), /query/],
    ['a bad session name', () => intercept('aws-batch', ENDPOINT, { session: 'a b' }), /session "a b"/],
  ])('%s', (_what, call, message) => {
    expect(call).toThrow(message);
  });

  it('a base URL that is intercepted already', () => {
    track(intercept('aws-batch', ENDPOINT));
    expect(() => intercept('aws-batch', `${ENDPOINT}/`)).toThrow(/intercepted already/);
  });

  it('engine options together with a shared service', () => {
    const api = track(intercept('aws-batch', ENDPOINT));
    expect(() =>
      intercept('aws-batch', 'https://x.example.test', { service: api.service, profile: 'upstream' }),
    ).toThrow(/profile belong to the shared service/);
  });
});
