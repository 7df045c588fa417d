import { randomBytes } from 'node:crypto';
import { registry } from '../../mocks/index';
import { demoSeed } from '../../src/engine/seed-entry';
import type { MockService, MockServiceOptions } from '../../src/mock-service';
import { createMockService } from '../../src/mock-service';
import { RedisStore } from '../../src/store/redis-store';
import type { Transaction } from '../../src/store/store';
import { testRedisUrl } from '../support/test-store';

/**
 * What a session holds besides its jobs, on Redis as in memory and shared by replicas: the request journal,
 * the seed's API data (AWS Batch's demo queue), the clock's mode and speed, and fault injection.
 */
describe('Redis sessions: journal, seed data, clock and faults across replicas', () => {
  const services: MockService[] = [];
  afterAll(async () => {
    await Promise.all(services.map((s) => s.close()));
  });

  /** Two replicas (services on one Redis prefix) in this process. */
  function replicas(options: Partial<MockServiceOptions> = {}) {
    const prefix = `sessions-${randomBytes(6).toString('hex')}:`;
    const make = () => {
      const store = new RedisStore({ url: testRedisUrl(), prefix, clock: 'manual', limits: options.limits });
      const service = createMockService({
        apis: registry,
        clock: 'manual',
        journal: true,
        ...options,
        store,
      });
      services.push(service);
      return service;
    };
    return [make(), make()] as const;
  }

  const call = (
    service: MockService,
    method: string,
    url: string,
    body?: unknown,
    session = 'default',
    headers: Record<string, string> = {},
  ) =>
    service.handle({
      method,
      url,
      headers: {
        ...headers,
        host: '127.0.0.1:4010',
        'x-jobmock-session': session,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      rawBody: body === undefined ? '' : JSON.stringify(body),
    });
  const tx = <T>(service: MockService, work: (t: Transaction) => T, session = 'default') =>
    Promise.resolve(service.engine.transact(session, work));

  it('a call on one replica is in the journal the other reads: numbered, filtered, redacted, emptied by a reset', async () => {
    const [a, b] = replicas();
    await call(a, 'POST', '/__admin/jobs', { api: 'bigchange', state: 'new', id: '41' });
    const unauthenticated = await call(a, 'GET', '/bigchange/v1/jobs/41', undefined, 'default', {
      authorization: 'Bearer not-a-real-secret-token',
    });
    expect(unauthenticated.status).toBe(401);
    await call(a, 'POST', '/kbase/', {
      jsonrpc: '2.0',
      id: 1,
      method: 'JobBrowserBFF.cancel_job',
      params: [{}],
    });
    // A replica's journal reads wait for the calls it is still keeping; another replica's need not.
    await a.requests('default', {});
    const all = await b.requests('default', {});
    expect(all.map((e) => [e.api, e.path])).toEqual([
      ['bigchange', '/bigchange/v1/jobs/41'],
      ['kbase', '/kbase/'],
    ]);
    const [first, second] = all.map((e) => e.seq) as [number, number];
    expect(second).toBeGreaterThan(first);
    expect(all[0]!.status).toBe(401);
    expect(JSON.stringify(all[0])).not.toContain('not-a-real-secret-token');
    expect(all[0]!.virtualAt).toEqual(expect.any(Number));
    expect((await b.requests('default', { status: '4xx', api: 'bigchange' })).map((e) => e.seq)).toEqual([
      first,
    ]);
    expect((await b.requests('default', { after: first })).map((e) => e.seq)).toEqual([second]);
    expect((await b.requests('default', { limit: 1 })).map((e) => e.seq)).toEqual([second]);
    const withAdmin = await b.requests('default', { admin: true });
    expect(withAdmin.find((e) => e.admin === true)?.operation).toBe('createJob');
    expect((await call(b, 'POST', '/__admin/reset')).status).toBeLessThan(300);
    expect(await a.requests('default', {})).toEqual([]);
    await call(b, 'GET', '/bigchange/v1/jobs/41');
    // The numbering goes on after a reset, as in memory.
    const after = await b.requests('default', {});
    expect(after).toHaveLength(1);
    expect(after[0]!.seq).toBeGreaterThan(second);
  });

  it('the journal keeps the newest --journal-size calls, and a session no call made keeps none', async () => {
    const [a, b] = replicas({ limits: { journalEntries: 3 } });
    for (let i = 0; i < 5; i++) await call(a, 'GET', `/bigchange/v1/jobs/${i}`);
    expect((await a.requests('default', {})).map((e) => e.path)).toEqual([
      '/bigchange/v1/jobs/2',
      '/bigchange/v1/jobs/3',
      '/bigchange/v1/jobs/4',
    ]);
    // Unauthenticated calls to a session that does not exist make no session, and leave no journal.
    await call(a, 'GET', '/bigchange/v1/jobs/1', undefined, 'nobody');
    expect(await b.requests('nobody', {})).toEqual([]);
    expect(await b.store.sessionNames()).not.toContain('nobody');
  });

  it('a journal longer than a page of reads is read whole and in order, and limit, after and filters page through it', async () => {
    const [a, b] = replicas({ limits: { journalEntries: 1_000 } });
    await call(a, 'POST', '/__admin/jobs', { api: 'bigchange', state: 'new', id: '7' });
    for (let i = 0; i < 450; i++) await call(a, 'GET', `/bigchange/v1/jobs/${i}`);
    const all = await a.requests('default', {});
    expect(all.map((e) => e.path)).toEqual(Array.from({ length: 450 }, (_, i) => `/bigchange/v1/jobs/${i}`));
    const seqs = all.map((e) => e.seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    expect((await b.requests('default', { limit: 10 })).map((e) => e.seq)).toEqual(seqs.slice(-10));
    expect((await b.requests('default', { after: seqs[399] })).map((e) => e.seq)).toEqual(seqs.slice(400));
    // The admin call that made the job is the oldest entry, three pages down.
    const withAdmin = await b.requests('default', { admin: true });
    expect(withAdmin).toHaveLength(451);
    expect(withAdmin[0]!.operation).toBe('createJob');
    expect((await b.requests('default', { admin: true, status: '2xx' })).map((e) => e.operation)).toEqual([
      'createJob',
    ]);
  });

  it("the seed's API data is every session's, and a session that deletes it deletes it for itself only", async () => {
    const [a, b] = replicas({ seed: demoSeed(registry) });
    const key = 'job-queue/demo-queue';
    const seeded = await tx(a, (t) => t.data('aws-batch').get(key));
    expect(seeded).toEqual(expect.objectContaining({ kind: 'job-queue', name: 'demo-queue' }));
    await tx(a, (t) => t.data('aws-batch').delete(key), 'mine');
    expect(await tx(b, (t) => t.data('aws-batch').has(key), 'mine')).toBe(false);
    expect(await tx(b, (t) => [...t.data('aws-batch').entries()].map(([k]) => k), 'mine')).not.toContain(key);
    expect(await tx(b, (t) => t.data('aws-batch').has(key), 'theirs')).toBe(true);
    await tx(b, (t) => t.reset(), 'mine');
    expect(await tx(a, (t) => t.data('aws-batch').get(key), 'mine')).toEqual(seeded);
  });

  it("the clock's mode and speed set on one replica are the other's; faults injected on one are the other's", async () => {
    const [a, b] = replicas();
    await tx(a, (t) => t.setClock('real', 60));
    expect(await tx(b, (t) => [t.clockMode, t.clockSpeed])).toEqual(['real', 60]);
    await tx(b, (t) => t.setClock('manual'));
    expect(await tx(a, (t) => [t.clockMode, t.clockSpeed])).toEqual(['manual', 60]);
    const injected = await call(a, 'POST', '/__admin/faults', {
      api: 'bigchange',
      operation: 'getJob',
      status: 500,
      times: 1,
    });
    expect(injected.status).toBeLessThan(300);
    const listed = await call(b, 'GET', '/__admin/faults');
    expect(listed.body).toEqual(
      expect.objectContaining({ faults: [expect.objectContaining({ status: 500 })] }),
    );
    expect(await tx(b, (t) => t.faultState().faults.map((f) => [f.operation, f.times]))).toEqual([
      ['getJob', 1],
    ]);
    expect((await call(b, 'DELETE', '/__admin/faults')).status).toBe(204);
    expect(await tx(a, (t) => t.faultState().faults)).toEqual([]);
  });
});
