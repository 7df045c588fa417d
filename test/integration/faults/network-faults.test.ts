import { BatchClient, CancelJobCommand, DescribeJobsCommand } from '@aws-sdk/client-batch';
import { registry } from '../../../mocks/index';
import type { AnyApiDefinition } from '../../../src/api';
import { NETWORK_FAULT_KINDS } from '../../../src/core/network-fault';
import { withDemoCredentials } from '../../support/demo-client';
import type { NetworkOutcome } from '../../support/network-outcome';
import { EXPECTED_OUTCOME, fetchOutcome, httpOutcome } from '../../support/network-outcome';
import { startServer } from '../../support/server-harness';

type Server = Awaited<ReturnType<typeof startServer>>;

/** A read of a fresh job of the API, with its demo credentials, ready to send. */
async function readRequest(server: Server, api: AnyApiDefinition) {
  const created = await server.admin.createJob(api.id, api.machine.initial);
  const jobId = String(created.body!.id);
  const base = `${server.url}/${api.id}`;
  const request = api.jobRequests.read(jobId);
  return { url: base + request.path, init: await withDemoCredentials(api, base, request) };
}

describe.each(registry.map((api) => [api.id, api] as const))(
  '%s: network faults on the server',
  (_id, api) => {
    let server: Server;
    beforeAll(async () => {
      server = await startServer({ apis: [api], maxHangMs: 150 });
    });
    afterAll(() => server.close());

    it.each(NETWORK_FAULT_KINDS)(
      '%s: fetch and node:http see it, and the next call is answered',
      async (kind) => {
        const { url, init } = await readRequest(server, api);
        const outcomes: NetworkOutcome[] = [];
        for (const send of [fetchOutcome, httpOutcome]) {
          const injected = await server.admin.call('POST', '/faults', {
            api: api.id,
            network: { kind, ...(kind === 'slow-body' ? { ms: 100 } : {}) },
            times: 1,
          });
          expect(injected.status).toBe(201);
          outcomes.push(await send(url, init));
        }
        for (const outcome of outcomes) expect(outcome.saw).toBe(EXPECTED_OUTCOME[kind]);
        if (kind === 'slow-body')
          for (const outcome of outcomes) expect(outcome).toMatchObject({ pieces: 10 });
        if (kind === 'reset-before-headers')
          expect(outcomes[0]).toEqual({ saw: 'no reply', code: 'ECONNRESET' });
        expect(await fetchOutcome(url, init)).toMatchObject({ saw: 'the whole reply', status: 200 });
      },
    );
  },
);

describe('a hang on the server', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer({ maxHangMs: 20_000 });
  });
  afterAll(() => server.close());

  it("is cut by the client's timeout, and the server keeps serving other connections meanwhile", async () => {
    const fabric = registry.find((api) => api.id === 'fabric')!;
    const { url, init } = await readRequest(server, fabric);
    await server.admin.call('POST', '/faults', { api: 'fabric', network: { kind: 'hang' }, times: 1 });
    const hanging = fetch(url, { ...init, signal: AbortSignal.timeout(300) });
    const meanwhile = await fetchOutcome(url, init);
    expect(meanwhile).toMatchObject({ saw: 'the whole reply', status: 200 });
    await expect(hanging).rejects.toHaveProperty('name', 'TimeoutError');
    expect((await server.admin.call('GET', '/health')).status).toBe(200);
  });
});

describe('the AWS SDK against network faults on the server', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer({ apis: registry.filter((api) => api.id === 'aws-batch') });
  });
  afterAll(() => server.close());

  const batch = (maxAttempts: number) =>
    new BatchClient({
      region: 'us-east-1',
      endpoint: `${server.url}/aws-batch`,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts,
      retryStrategy: undefined,
    });

  it.each(['reset-before-headers', 'empty-reply'] as const)(
    'sees %s as a network error and retries it as configured',
    async (kind) => {
      const job = (await server.admin.createJob('aws-batch', 'RUNNABLE')).body!.id as string;
      await server.admin.call('POST', '/faults', {
        api: 'aws-batch',
        operation: 'CancelJob',
        network: { kind },
        ignore: true,
        times: 2,
      });
      const reply = await batch(3).send(new CancelJobCommand({ jobId: job, reason: 'retried' }));
      expect(reply.$metadata.attempts).toBe(3);
      expect((await server.admin.getJob('aws-batch', job)).body).toMatchObject({ state: 'FAILED' });
    },
  );

  it('gives up after its attempts, with the network error', async () => {
    await server.admin.call('POST', '/faults', {
      api: 'aws-batch',
      operation: 'DescribeJobs',
      network: { kind: 'reset-before-headers' },
      times: 2,
    });
    const error = await batch(2)
      .send(new DescribeJobsCommand({ jobs: ['x'] }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      message: expect.stringContaining('ECONNRESET'),
      $metadata: { attempts: 2 },
    });
  });
});
