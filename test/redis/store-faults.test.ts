import { registry } from '../../mocks/index';
import type { AnyApiDefinition } from '../../src/api';
import { fault } from '../../src/core/fault';
import { withDemoCredentials } from '../support/demo-client';
import type { TestRedis } from '../support/redis-server';
import { startTestRedis } from '../support/redis-server';
import type { Replicas } from './support/replicas';
import { admin, bigchange, startReplicas } from './support/replicas';

/** Seeded with a job of every state (--demo), so every API has a job to read. */
const REPLICA_ARGS = ['--clock', 'manual', '--demo', '--store-timeout', '500ms'];

/**
 * Redis down, restarted or too slow: every call meanwhile gets its API's own error (never a dropped
 * connection, never a wait past --store-timeout), health says so, service resumes by itself when Redis is
 * back, and no acknowledged change is lost (this Redis writes its append-only file on every change).
 */
describe('a Redis store that fails', () => {
  let redis: TestRedis;
  let replicas: Replicas;
  beforeAll(async () => {
    redis = await startTestRedis();
    replicas = await startReplicas(redis.url, 2, REPLICA_ARGS);
  }, 60_000);
  afterAll(async () => {
    await replicas?.stop();
    await redis?.stop();
  });

  it('restarted mid-load: errors in the API’s format meanwhile, then recovery, and nothing acknowledged lost', async () => {
    const [a, b] = replicas.urls as [string, string];
    const token = await bigchange.token(a);
    const acknowledged: number[] = [];
    const failures: string[] = [];
    const statuses: Record<number, number> = {};
    let stop = false;
    const client = async (url: string) => {
      while (!stop) {
        try {
          const created = await bigchange.create(url, token);
          statuses[created.status] = (statuses[created.status] ?? 0) + 1;
          if (created.status === 201) acknowledged.push(created.body!.id as number);
          else if (created.status < 500 || !created.type.startsWith('application/problem+json')) {
            failures.push(`${created.status} ${created.type} ${JSON.stringify(created.body)}`);
          } else if (!String(created.body?.detail).includes('Redis')) {
            failures.push(`a 5xx that does not say why: ${JSON.stringify(created.body)}`);
          }
        } catch (error) {
          failures.push(`no answer: ${String(error)}`);
        }
      }
    };
    const clients = [a, b, a, b, a, b].map(client);
    await sleep(700);
    await redis.restart({ downMs: 1_500 });
    const restartedAt = Date.now();
    // Service resumes by itself: a create succeeds again soon after Redis is back.
    let recovered = false;
    while (!recovered && Date.now() - restartedAt < 10_000) {
      recovered = (await bigchange.create(b, token)).status === 201;
      if (!recovered) await sleep(100);
    }
    await sleep(500);
    stop = true;
    await Promise.all(clients);
    expect(recovered).toBe(true);
    expect(failures).toEqual([]);
    const errors = Object.entries(statuses).filter(([status]) => Number(status) >= 500);
    expect(errors.length).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThan(20);
    // Read back a few at a time: a burst of hundreds could outlast the short --store-timeout on a busy machine.
    const reads = [];
    for (let i = 0; i < acknowledged.length; i += 20) {
      const batch = acknowledged.slice(i, i + 20);
      reads.push(...(await Promise.all(batch.map((id) => bigchange.read(a, token, id)))));
    }
    expect(reads.filter((r) => r.status !== 200).map((r) => `${r.status} ${JSON.stringify(r.body)}`)).toEqual(
      [],
    );
  }, 60_000);

  it('too slow (frozen): answered within the timeout with the API’s error, health says so, then resumes', async () => {
    const [a] = replicas.urls as [string];
    const token = await bigchange.token(a);
    redis.pause();
    try {
      const started = Date.now();
      const created = await bigchange.create(a, token);
      expect(Date.now() - started).toBeLessThan(5_000);
      const expected = expectedError(registry.find((api) => api.id === 'bigchange')!);
      expect({ status: created.status, type: created.type }).toEqual({
        status: expected.status,
        type: expected.type,
      });
      expect(String(created.body!.detail)).toMatch(/Redis at redis:\/\/127\.0\.0\.1:\d+\/0\) did not answer/);
      const health = await admin(a, 'GET', '/health');
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ status: 'unavailable', store: { kind: 'redis', ok: false } });
    } finally {
      redis.resume();
    }
    expect((await bigchange.create(a, token)).status).toBe(201);
    const health = await admin(a, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', store: { kind: 'redis', ok: true } });
  }, 30_000);

  it('down: every API answers a call with its own error for a store that is not there', async () => {
    const [a] = replicas.urls as [string];
    // Credentials first (logins are session data, in Redis), then the calls with Redis gone.
    const prepared = await Promise.all(
      registry.map(async (api) => {
        const baseUrl = `${a}/${api.id}`;
        const request = api.jobRequests.read(await anyJobId(a, api));
        return { api, url: baseUrl + request.path, init: await withDemoCredentials(api, baseUrl, request) };
      }),
    );
    redis.pause();
    try {
      for (const { api, url, init } of prepared) {
        const reply = await fetch(url, init);
        const body = (await reply.json()) as Record<string, unknown>;
        const expected = expectedError(api);
        expect({ api: api.id, status: reply.status, type: reply.headers.get('content-type') }).toEqual({
          api: api.id,
          status: expected.status,
          type: expected.type,
        });
        if (api.protocol === 'openrpc') {
          const error = body.error as { code: unknown; message: string };
          expect(error.code).toBe(expected.code);
        }
        expect(JSON.stringify(body)).toContain('Redis at redis://127.0.0.1');
      }
    } finally {
      redis.resume();
    }
  }, 30_000);
});

/** The status, content type (and JSON-RPC code) of the API's own error for an unavailable store. */
function expectedError(api: AnyApiDefinition): { status: number; type: string | null; code?: unknown } {
  const unavailable = fault('Unavailable', 'the store is unavailable');
  if (api.protocol === 'openrpc') {
    const error = api.rpcError(unavailable, { operation: undefined, profile: 'documented' });
    return { status: 200, type: 'application/json', code: error.code };
  }
  const request = { method: 'GET', base: '', path: '/', query: {}, headers: {}, rawBody: '' };
  const reply = api.errorReply(unavailable, { operation: undefined, request, profile: 'documented' });
  return { status: reply.status, type: reply.headers['content-type'] ?? null };
}

async function anyJobId(url: string, api: AnyApiDefinition): Promise<string> {
  const listed = await admin(url, 'GET', `/jobs?api=${api.id}&limit=1`);
  return String((listed.body!.jobs as { id: string }[])[0]!.id);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
