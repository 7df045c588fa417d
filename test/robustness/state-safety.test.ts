import { request as httpRequest, Agent } from 'node:http';
import fc from 'fast-check';
import { registry } from '../../mocks/index';
import type { AnyApiDefinition } from '../../src/api';
import type { IncomingCall } from '../../src/engine/incoming-call';
import { SESSION_HEADER } from '../../src/engine/session-name';
import { listen } from '../../src/server/http-server';
import { startServer } from '../support/server-harness';
import type { TrafficCase } from './support/traffic';
import { ApiTraffic, isSuccess, TRAFFIC_SESSION } from './support/traffic';

const apis = registry.map((api) => [api.id, api] as const);

/** Everything the admin API shows of a session: jobs with their history, clock, faults. */
async function adminSnapshot(traffic: ApiTraffic, session = TRAFFIC_SESSION): Promise<string> {
  const get = async (url: string) =>
    JSON.stringify(
      (
        await traffic.service.handle({
          method: 'GET',
          url,
          headers: { [SESSION_HEADER]: session },
          rawBody: '',
        })
      ).body,
    );
  return (
    (await get('/__admin/jobs?limit=1000')) + (await get('/__admin/clock')) + (await get('/__admin/faults'))
  );
}

describe.each(apis)('state safety: %s', (_id, api) => {
  it('after any failed call, the admin API shows the same jobs, histories, clock and faults', async () => {
    const traffic = new ApiTraffic(api);
    traffic.reset();
    const broken = fc.sample(
      traffic.cases().filter((c) => c.mutations.length > 0),
      { numRuns: 400, seed: 42 },
    );
    let failed = 0;
    for (const c of broken) {
      const call = await traffic.render(c);
      const before = await adminSnapshot(traffic);
      const reply = await traffic.service.handle(call);
      if (isSuccess(api, reply, call)) continue;
      failed++;
      expect(await adminSnapshot(traffic)).toBe(before);
    }
    expect(failed).toBeGreaterThan(200);
  });

  it('a job cancelled by 1,000 concurrent calls makes one transition, shown once in its history', async () => {
    const traffic = new ApiTraffic(api);
    const { found, id, history } = await findCancel(traffic, api);
    // The same call, 1,000 times at once, over HTTP, against a fresh copy of the seeded session.
    traffic.reset();
    const call = await traffic.render(found);
    const server = await listen(traffic.service, { port: 0, host: '127.0.0.1' });
    const agent = new Agent({ keepAlive: true, maxSockets: 1000 });
    try {
      const replies = await Promise.all(Array.from({ length: 1000 }, () => send(server.port, call, agent)));
      expect(replies.filter((r) => r.status >= 500)).toEqual([]);
      const job = await send(
        server.port,
        {
          method: 'GET',
          url: `/__admin/jobs/${api.id}/${encodeURIComponent(id)}`,
          headers: { [SESSION_HEADER]: TRAFFIC_SESSION },
          rawBody: '',
        },
        agent,
      );
      const after = (JSON.parse(job.text) as { history: { state: string }[] }).history.map((h) => h.state);
      expect(after).toEqual(history);
      const target = history[history.length - 1]!;
      expect(after.filter((s) => s === target)).toHaveLength(1);
    } finally {
      agent.destroy();
      await server.close();
    }
  });
});

describe('state safety: the admin API', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  const api = registry[0]!;
  beforeAll(async () => {
    server = await startServer();
    await server.admin.createJob(api.id, api.machine.states[0]!, { id: 'kept-1' });
    await server.admin.call('POST', '/faults', { api: api.id, latencyMs: 1, times: 5 });
  });
  afterAll(() => server.close());

  const snapshot = async () =>
    JSON.stringify([
      (await server.admin.call('GET', '/jobs?limit=10000')).body,
      (await server.admin.call('GET', '/clock')).body,
      (await server.admin.call('GET', '/faults')).body,
    ]);

  it.each([
    ['POST /jobs, unknown state', 'POST', '/jobs', { api: api.id, state: 'NOT-A-STATE' }],
    ['POST /jobs, taken id', 'POST', '/jobs', { api: api.id, state: api.machine.states[0], id: 'kept-1' }],
    [
      'POST /jobs, extra field',
      'POST',
      '/jobs',
      { api: api.id, state: api.machine.states[0], colour: 'red' },
    ],
    [
      'POST /jobs, __proto__ field',
      'POST',
      '/jobs',
      '{"api":"' + api.id + '","state":"x","__proto__":{"held":false}}',
    ],
    ['POST /jobs, wrong types', 'POST', '/jobs', { api: 7, state: [], held: 'yes' }],
    ['POST /jobs, not JSON', 'POST', '/jobs', '{"api":'],
    ['POST /jobs, an array', 'POST', '/jobs', [{ api: api.id, state: api.machine.states[0] }]],
    ['POST /jobs, empty body', 'POST', '/jobs', ''],
    ['POST /jobs, nested too deep', 'POST', '/jobs', '['.repeat(100) + ']'.repeat(100)],
    ['POST /clock, negative', 'POST', '/clock', { advanceMs: -1000 }],
    ['POST /clock, a string', 'POST', '/clock', { advanceMs: '1000' }],
    ['POST /clock, huge', 'POST', '/clock', { advanceMs: 1e308 }],
    ['POST /faults, undeclared status', 'POST', '/faults', { api: api.id, status: 418 }],
    ['POST /faults, unknown operation', 'POST', '/faults', { api: api.id, operation: 'nope', status: 500 }],
    ['POST /faults, neither status nor latency', 'POST', '/faults', { api: api.id }],
    ['POST /faults, probability 2', 'POST', '/faults', { api: api.id, status: 500, probability: 2 }],
    [
      'POST /provider-states, unknown state',
      'POST',
      `/provider-states?api=${api.id}`,
      { state: 'the moon is blue', action: 'setup' },
    ],
  ])('%s → 400 (or 404/409) with a clear message, and nothing changed', async (_what, method, path, body) => {
    const before = await snapshot();
    const res = await fetch(`${server.url}/__admin${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const reply = (await res.json()) as { error: { code: string; message: string } };
    expect([400, 404, 409]).toContain(res.status);
    expect(reply.error.message.length).toBeGreaterThan(10);
    expect(await snapshot()).toBe(before);
  });
});

/**
 * A valid cancel call that moves a seeded job (found by running generated valid calls of the API's cancel
 * operation), the job, and its history after that one call.
 */
async function findCancel(traffic: ApiTraffic, api: AnyApiDefinition) {
  const cases = fc.sample(
    traffic.validCases().filter((c) => /cancel/i.test(c.operation) && !c.inject),
    { numRuns: 300, seed: 7 },
  );
  const jobs = () => traffic.tx((tx) => [...traffic.service.engine.context(tx, api.id).jobs.scan()]);
  for (const found of cases) {
    await traffic.reset();
    const before = new Map((await jobs()).map((job) => [job.id, job.history.length]));
    await traffic.run(found);
    const moved = (await jobs()).find((job) => job.history.length > (before.get(job.id) ?? 0));
    if (moved)
      return { found: found as TrafficCase, id: moved.id, history: moved.history.map((h) => h.state) };
  }
  throw new Error(`${api.id}: no generated cancel call moved a job`);
}

function send(port: number, call: IncomingCall, agent: Agent): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = Object.fromEntries(
      Object.entries(call.headers).filter(([, v]) => v !== undefined),
    ) as Record<string, string>;
    const req = httpRequest(
      { host: '127.0.0.1', port, method: call.method, path: call.url, headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(call.rawBody);
  });
}
