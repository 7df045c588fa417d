import { BatchClient, CancelJobCommand } from '@aws-sdk/client-batch';
import { bigchange } from '../../../mocks/bigchange';
import { fabric } from '../../../mocks/fabric';
import { itential } from '../../../mocks/itential';
import { kbase } from '../../../mocks/kbase';
import { registry } from '../../../mocks/index';
import { adminCall } from '../../support/admin-call';
import { bearer, bigChangeClient, CUSTOMER, demoToken } from '../../support/clients/bigchange-client';
import {
  fabricClient,
  fabricHeaders,
  instancePath,
  jobCalls as fabricCalls,
} from '../../support/clients/fabric-client';
import { itentialClient, jobCalls as itentialCalls, logIn } from '../../support/clients/itential-client';
import { apiTestEngine } from '../../support/engine-harness';
import { startServer } from '../../support/server-harness';

async function bigChangeSetup() {
  const t = apiTestEngine(bigchange);
  const client = bigChangeClient(t.fetch);
  const token = await demoToken(client);
  const cancel = (jobId: number) =>
    client.PUT('/v1/jobs/{jobId}/cancel', {
      params: { header: { 'Customer-Id': CUSTOMER }, path: { jobId } },
      headers: bearer(token),
      body: { reason: 'not needed' },
    });
  const job = () => Number(t.createJob({ state: 'new' }).id);
  return { t, cancel, job };
}

describe('throttling: the API’s own throttled reply, on the virtual clock', () => {
  it('BigChange: 429 problem details with Retry-After; the window reopens when the clock says so', async () => {
    const { t, cancel, job } = await bigChangeSetup();
    const injected = await adminCall(t.service, 'POST', '/faults', {
      api: 'bigchange',
      operation: 'cancelJob',
      throttle: { windowMs: 2_500 },
      times: 1,
    });
    expect(injected.status).toBe(201);
    const id = job();
    const first = await cancel(id);
    expect(first.response.status).toBe(429);
    expect(first.response.headers.get('retry-after')).toBe('3');
    expect(first.error).toMatchObject({ status: 429, title: 'Too Many Requests' });
    // A client that retries at once is still throttled: the window is open.
    expect((await cancel(id)).response.headers.get('retry-after')).toBe('3');
    t.advance(2_000);
    expect((await cancel(id)).response.headers.get('retry-after')).toBe('1');
    t.advance(500);
    expect((await cancel(id)).response.status).toBe(204);
  });

  it('a client that waits Retry-After on the virtual clock gets through on its next try', async () => {
    const { t, cancel, job } = await bigChangeSetup();
    await adminCall(t.service, 'POST', '/faults', {
      api: 'bigchange',
      throttle: { windowMs: 4_000 },
      times: 1,
    });
    const id = job();
    let attempts = 0;
    for (;;) {
      attempts++;
      const { response } = await cancel(id);
      if (response.status !== 429) {
        expect(response.status).toBe(204);
        break;
      }
      t.advance(Number(response.headers.get('retry-after')) * 1_000);
    }
    expect(attempts).toBe(2);
  });

  it('Itential: a token bucket lets its burst through, then refills at its rate', async () => {
    const t = apiTestEngine(itential);
    const client = itentialClient(t.fetch);
    const calls = itentialCalls(client, await logIn(client, 'admin'));
    const id = t.createJob({ state: 'running' }).id;
    await adminCall(t.service, 'POST', '/faults', {
      api: 'itential',
      operation: 'getJob',
      rateLimit: { ratePerSecond: 0.5, burst: 2 },
    });
    expect((await calls.get(id)).response.status).toBe(200);
    expect((await calls.get(id)).response.status).toBe(200);
    const refused = await calls.get(id);
    expect(refused.response.status).toBe(429);
    expect(refused.response.headers.get('retry-after')).toBe('2');
    expect(refused.error).toEqual({ message: 'Too Many Requests' });
    // Other operations are not limited.
    expect((await calls.pause(id)).response.status).toBe(200);
    t.advance(1_000);
    expect((await calls.get(id)).response.status).toBe(429);
    t.advance(1_000);
    expect((await calls.get(id)).response.status).toBe(200);
    const listed = await adminCall(t.service, 'GET', '/faults');
    expect(listed.body).toEqual({
      faults: [{ api: 'itential', operation: 'getJob', rateLimit: { ratePerSecond: 0.5, burst: 2 } }],
    });
  });

  it('Fabric: its TooManyRequests ErrorResponse, without Retry-After (the workload sample sends none)', async () => {
    const t = apiTestEngine(fabric);
    const jobs = fabricCalls(fabricClient(t.fetch), fabricHeaders());
    const id = t.createJob({ state: 'InProgress' }).id;
    await adminCall(t.service, 'POST', '/faults', { api: 'fabric', throttle: {}, times: 1 });
    const reply = await jobs.cancel(instancePath(id));
    expect(reply.response.status).toBe(429);
    expect(reply.response.headers.get('retry-after')).toBeNull();
    expect(reply.error).toMatchObject({ errorCode: 'TooManyRequests', source: 'User', isPermanent: false });
    expect(t.job(id)?.state).toBe('InProgress');
  });

  it('KBase (JSON-RPC, always HTTP 200) has no throttled reply: throttling is refused, saying why', async () => {
    const t = apiTestEngine(kbase);
    for (const fault of [{ throttle: {} }, { rateLimit: { ratePerSecond: 1, burst: 1 } }]) {
      const refused = await adminCall(t.service, 'POST', '/faults', { api: 'kbase', ...fault });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({
        error: {
          code: 'BadRequest',
          message: expect.stringContaining('no throttled reply in its spec (no 429)'),
        },
      });
    }
  });
});

describe('throttling seen by the AWS SDK', () => {
  const awsBatch = registry.filter((api) => api.id === 'aws-batch');
  const batch = (endpoint: string, maxAttempts: number) =>
    new BatchClient({
      region: 'us-east-1',
      endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts,
    });

  it('gets TooManyRequestsException (no Retry-After, as AWS sends none) and retries it as configured', async () => {
    const server = await startServer({ apis: awsBatch });
    try {
      const job = (await server.admin.createJob('aws-batch', 'RUNNABLE')).body!.id as string;
      await server.admin.call('POST', '/faults', {
        api: 'aws-batch',
        operation: 'CancelJob',
        throttle: { windowMs: 60_000 },
        times: 1,
      });
      const error = await batch(`${server.url}/aws-batch`, 3)
        .send(new CancelJobCommand({ jobId: job, reason: 'x' }))
        .catch((e: unknown) => e);
      // Not in the Batch model: the SDK names the error from x-amzn-ErrorType and treats it as throttling.
      expect(error).toMatchObject({
        name: 'TooManyRequestsException',
        message: 'Too Many Requests',
        $metadata: { httpStatusCode: 429, attempts: 3 },
      });
      expect((await server.admin.getJob('aws-batch', job)).body).toMatchObject({ state: 'RUNNABLE' });
    } finally {
      await server.close();
    }
  });

  it('gets through on a retry once the window has passed (real clock)', async () => {
    const server = await startServer({ apis: awsBatch, clock: 'real' });
    try {
      const job = (await server.admin.createJob('aws-batch', 'RUNNABLE')).body!.id as string;
      await server.admin.call('POST', '/faults', {
        api: 'aws-batch',
        operation: 'CancelJob',
        throttle: { windowMs: 1 },
        times: 1,
      });
      const reply = await batch(`${server.url}/aws-batch`, 3).send(
        new CancelJobCommand({ jobId: job, reason: 'x' }),
      );
      expect(reply.$metadata.attempts).toBe(2);
      expect((await server.admin.getJob('aws-batch', job)).body).toMatchObject({ state: 'FAILED' });
    } finally {
      await server.close();
    }
  });
});
