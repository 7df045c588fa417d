import { BatchClient, CancelJobCommand } from '@aws-sdk/client-batch';
import type { AnyApiDefinition } from '../../src/api';
import type { NetworkFaultKind } from '../../src/core/network-fault';
import { NETWORK_FAULT_KINDS } from '../../src/core/network-fault';
import type { Interceptor, RunningServer } from '../../src/main';
import { createMockService, intercept, listen, registry } from '../../src/main';
import { withDemoCredentials } from '../support/demo-client';
import type { NetworkOutcome } from '../support/network-outcome';
import { EXPECTED_OUTCOME, fetchOutcome, httpOutcome } from '../support/network-outcome';

const fabric = registry.find((api) => api.id === 'fabric')!;
const FABRIC = 'https://fabric-workload.example.com/api';

/** What a client saw, compared across transports: the class, and the status when there was a reply. */
const essence = (outcome: NetworkOutcome) =>
  'status' in outcome ? `${outcome.saw} ${outcome.status}` : outcome.saw;

/** A read of a fresh job, as a request to `base` with the demo credentials. */
async function readOf(api: AnyApiDefinition, base: string, jobId: string) {
  const request = api.jobRequests.read(jobId);
  return { url: base + request.path, init: await withDemoCredentials(api, base, request) };
}

describe('network faults: nock and the server behave alike', () => {
  let interceptor: Interceptor;
  let server: RunningServer;
  const serverService = createMockService({
    apis: [fabric],
    only: 'fabric',
    clock: 'manual',
    maxHangMs: 100,
  });
  beforeAll(async () => {
    interceptor = intercept('fabric', FABRIC, { maxHangMs: 100 });
    server = await listen(serverService, { port: 0 });
  });
  afterAll(async () => {
    interceptor.dispose();
    await server.close();
    serverService.close();
  });

  async function bothWays(kind: NetworkFaultKind) {
    const fault = { network: { kind, ...(kind === 'slow-body' ? { ms: 50 } : {}) }, times: 1 };
    const viaNock = await readOf(fabric, FABRIC, interceptor.createJob('InProgress').id);
    const serverJob = await serverService.admin.handle({
      method: 'POST',
      url: '/__admin/jobs',
      headers: { 'content-type': 'application/json' },
      rawBody: JSON.stringify({ api: 'fabric', state: 'InProgress' }),
    });
    const viaServer = await readOf(fabric, server.url, (serverJob as { body: { id: string } }).body.id);
    const outcomes: Record<string, NetworkOutcome> = {};
    for (const [name, send] of [
      ['fetch', fetchOutcome],
      ['http', httpOutcome],
    ] as const) {
      interceptor.injectFault(fault);
      outcomes[`nock ${name}`] = await send(viaNock.url, viaNock.init);
      serverService.admin.handle({
        method: 'POST',
        url: '/__admin/faults',
        headers: { 'content-type': 'application/json' },
        rawBody: JSON.stringify({ api: 'fabric', ...fault }),
      });
      outcomes[`server ${name}`] = await send(viaServer.url, viaServer.init);
    }
    return outcomes;
  }

  it.each(NETWORK_FAULT_KINDS)('%s', async (kind) => {
    const outcomes = await bothWays(kind);
    const expected = EXPECTED_OUTCOME[kind] + (EXPECTED_OUTCOME[kind] === 'no reply' ? '' : ' 200');
    expect(Object.fromEntries(Object.entries(outcomes).map(([k, o]) => [k, essence(o)]))).toEqual({
      'nock fetch': expected,
      'nock http': expected,
      'server fetch': expected,
      'server http': expected,
    });
    if (kind === 'slow-body') {
      for (const outcome of Object.values(outcomes)) expect(outcome).toMatchObject({ pieces: 10 });
    }
  });

  it('seeded chaos gives the same faults through nock and through the server', async () => {
    const chaos = {
      seed: 77,
      rate: 0.4,
      kinds: ['error', 'reset-before-headers', 'malformed-body'] as const,
    };
    interceptor.startChaos({ ...chaos, kinds: [...chaos.kinds] });
    serverService.admin.handle({
      method: 'POST',
      url: '/__admin/chaos',
      headers: { 'content-type': 'application/json' },
      rawBody: JSON.stringify({ ...chaos, apis: ['fabric'] }),
    });
    const viaNock = await readOf(fabric, FABRIC, interceptor.createJob('InProgress').id);
    const serverJob = serverService.admin.handle({
      method: 'POST',
      url: '/__admin/jobs',
      headers: { 'content-type': 'application/json' },
      rawBody: JSON.stringify({ api: 'fabric', state: 'InProgress' }),
    });
    const viaServer = await readOf(fabric, server.url, (serverJob as { body: { id: string } }).body.id);
    const nockSeen: string[] = [];
    const serverSeen: string[] = [];
    for (let i = 0; i < 60; i++) {
      nockSeen.push(essence(await fetchOutcome(viaNock.url, viaNock.init)));
      serverSeen.push(essence(await fetchOutcome(viaServer.url, viaServer.init)));
    }
    expect(nockSeen).toEqual(serverSeen);
    expect(new Set(nockSeen).size).toBeGreaterThan(2);
    expect(interceptor.chaos()).toEqual({ chaos: { ...chaos, apis: ['fabric'] }, from: 'session' });
    interceptor.stopChaos();
    expect(interceptor.chaos()).toEqual({ chaos: null, from: 'none' });
  });
});

describe('network faults through nock, seen by real clients', () => {
  const ENDPOINT = 'https://batch.us-east-1.amazonaws.com';
  let batch: Interceptor;
  beforeAll(() => {
    batch = intercept('aws-batch', ENDPOINT);
  });
  afterAll(() => batch.dispose());
  beforeEach(() => batch.reset());

  it('the AWS SDK sees a reset as a network error and retries it as configured', async () => {
    const job = batch.createJob('RUNNABLE');
    batch.injectFault({
      operation: 'CancelJob',
      network: { kind: 'reset-before-headers' },
      ignore: true,
      times: 2,
    });
    const client = new BatchClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 3,
    });
    const reply = await client.send(new CancelJobCommand({ jobId: job.id, reason: 'retried' }));
    expect(reply.$metadata.attempts).toBe(3);
    expect(batch.getJob(job.id).state).toBe('FAILED');
    expect(batch.faults()).toEqual({ faults: [] });
    client.destroy();
  });

  it("a hang is cut by the client's timeout, and other calls are answered meanwhile", async () => {
    const kbase = intercept('kbase', 'https://kbase.example.org/bff');
    try {
      kbase.injectFault({ network: { kind: 'hang', ms: 20_000 }, times: 1 });
      const call = (signal?: AbortSignal) =>
        fetch('https://kbase.example.org/bff', {
          method: 'POST',
          headers: { authorization: 'user-token', 'content-type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'JobBrowserBFF.is_admin', params: {} }),
          signal,
        });
      const hanging = call(AbortSignal.timeout(200));
      expect((await (await call()).json()) as unknown).toMatchObject({ result: { is_admin: false } });
      await expect(hanging).rejects.toHaveProperty('name', expect.stringMatching(/TimeoutError|AbortError/));
    } finally {
      kbase.dispose();
    }
  });
});
