import { randomBytes } from 'node:crypto';
import { registry } from '../../mocks/index';
import type { JobSeed } from '../../src/api';
import { demoSeed } from '../../src/engine/seed-entry';
import { isFault } from '../../src/core/fault';
import type { MockService, MockServiceOptions } from '../../src/mock-service';
import { createMockService } from '../../src/mock-service';
import { RedisStore } from '../../src/store/redis-store';
import type { Transaction } from '../../src/store/store';
import { testRedisUrl } from '../support/test-store';

const aws = registry.find((api) => api.id === 'aws-batch')!;

/** Two services on one Redis prefix: two replicas in one process. */
function pair(
  options: Partial<MockServiceOptions> = {},
  prefix = `store-${randomBytes(6).toString('hex')}:`,
) {
  const make = () => {
    const store = new RedisStore({ url: testRedisUrl(), prefix, clock: 'manual', limits: options.limits });
    return createMockService({ apis: registry, clock: 'manual', ...options, store });
  };
  return { a: make(), b: make(), prefix };
}

const tx = <T>(service: MockService, work: (tx: Transaction) => T, session = 'default') =>
  Promise.resolve(service.engine.transact(session, work));
const create = (service: MockService, seed: JobSeed, session = 'default') =>
  tx(service, (t) => service.engine.createJob(t, aws.id, seed), session);
const jobs = (service: MockService, session = 'default') =>
  tx(
    service,
    (t) => [...service.engine.context(t, aws.id).jobs.scan()].map((j) => `${j.id}:${j.state}`),
    session,
  );

describe('RedisStore', () => {
  const services: MockService[] = [];
  const open = (options: Partial<MockServiceOptions> = {}, prefix?: string) => {
    const made = pair(options, prefix);
    services.push(made.a, made.b);
    return made;
  };
  afterAll(async () => {
    await Promise.all(services.map((s) => s.close()));
  });

  it('a failed transaction leaves nothing behind, on either replica', async () => {
    const { a, b } = open();
    await create(a, { state: 'RUNNING', id: 'kept' });
    const failed = tx(a, (t) => {
      const table = a.engine.context(t, aws.id).jobs;
      table.move(table.get('kept')!, 'FAILED', { note: 'half way' });
      a.engine.createJob(t, aws.id, { state: 'RUNNING', id: 'never' });
      t.advanceClock(60_000);
      throw new Error('stop here');
    });
    await expect(failed).rejects.toThrow('stop here');
    expect(await jobs(b)).toEqual(['kept:RUNNING']);
    const clocks = await Promise.all([a, b].map((s) => tx(s, (t) => t.now())));
    expect(clocks[0]).toBe(clocks[1]);
  });

  it('answers a call made before its first connection is up (listing sessions, stats, a transaction)', async () => {
    const store = new RedisStore({ url: testRedisUrl(), prefix: `early-${randomBytes(6).toString('hex')}:` });
    try {
      const [names, stats, now] = await Promise.all([
        store.sessionNames(),
        store.stats(),
        store.transact('early', (t) => t.now(), 'create'),
      ]);
      expect(names).toEqual([]);
      expect(stats.sessions).toBe(0);
      expect(now).toEqual(expect.any(Number));
      expect(await store.sessionNames()).toEqual(['early']);
    } finally {
      await store.close();
    }
  });

  it('a provisional session that never authenticated is not kept', async () => {
    const { a, b } = open();
    const seen = await a.engine.store.transact('passer-by', (t) => t.jobCount(), 'provisional');
    expect(seen).toBe(0);
    expect(await b.engine.store.sessionNames()).toEqual([]);
  });

  it('lists jobs in creation order, the seed first, after deletes and replacements made on the other replica', async () => {
    const { a, b } = open({
      seed: [
        { api: aws.id, state: 'RUNNABLE', id: 'seed-1' },
        { api: aws.id, state: 'RUNNABLE', id: 'seed-2' },
      ],
    });
    await create(a, { state: 'RUNNING', id: 'x' });
    await create(b, { state: 'RUNNING', id: 'y' });
    await tx(a, (t) => a.engine.context(t, aws.id).jobs.delete('seed-1'));
    await tx(b, (t) => {
      const table = b.engine.context(t, aws.id).jobs;
      table.delete('x');
      b.engine.createJob(t, aws.id, { state: 'FAILED', id: 'x' });
    });
    expect(await jobs(a)).toEqual(['seed-2:RUNNABLE', 'y:RUNNING', 'x:FAILED']);
    expect(await tx(b, (t) => t.jobCount())).toBe(3);
    // A reset brings the seed back, for both.
    await tx(b, (t) => t.reset());
    expect(await jobs(a)).toEqual(['seed-1:RUNNABLE', 'seed-2:RUNNABLE']);
  });

  it('hands out every id once when both replicas create jobs at the same time', async () => {
    const { a, b } = open();
    const made = await Promise.all(
      Array.from({ length: 60 }, (_, i) => create(i % 2 ? a : b, { state: 'RUNNING' })),
    );
    expect(new Set(made.map((job) => job.id)).size).toBe(60);
    expect((await jobs(a)).length).toBe(60);
  });

  it('keeps a session’s job limit across replicas racing to fill it', async () => {
    const { a, b } = open({ limits: { maxJobs: 10 } });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => create(i % 2 ? a : b, { state: 'RUNNING' })),
    );
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(outcomes.length - refused.length).toBe(10);
    expect(refused.every((o) => isFault(o.reason) && o.reason.kind === 'LimitExceeded')).toBe(true);
    expect((await jobs(b)).length).toBe(10);
  });

  it('keeps the session limit, and drops idle sessions (but never the default one)', async () => {
    const { a, b } = open({ limits: { maxSessions: 2, sessionIdleMs: 300 } });
    await tx(a, (t) => t.now());
    await tx(b, (t) => t.now(), 'second');
    await expect(tx(a, (t) => t.now(), 'third')).rejects.toMatchObject({ kind: 'LimitExceeded' });
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(await b.engine.store.sessionNames()).toEqual(['default']);
    await tx(a, (t) => t.now(), 'third');
    expect(await a.engine.store.sessionNames()).toEqual(['default', 'third']);
  });

  it('shares API data: a token issued through one replica is good on the other', async () => {
    const { a, b } = open();
    const login = await a.handle({
      method: 'POST',
      url: '/itential/login',
      headers: { 'content-type': 'application/json' },
      rawBody: JSON.stringify({ user: { username: 'admin', password: 'admin' } }),
    });
    expect(login.status).toBe(200);
    // The body is the token as a JSON string.
    const token = JSON.parse(String(login.body)) as string;
    const ttl = await b.handle({
      method: 'GET',
      url: `/itential/myTtl?token=${token}`,
      headers: {},
      rawBody: '',
    });
    expect(ttl.status).toBe(200);
    // And a made-up one is not.
    const wrong = await b.handle({
      method: 'GET',
      url: '/itential/myTtl?token=nope',
      headers: {},
      rawBody: '',
    });
    expect(wrong.status).toBe(401);
  });

  it('refuses a replica whose seed differs from the one the others share', async () => {
    const prefix = `seed-${randomBytes(6).toString('hex')}:`;
    const first = open({ seed: demoSeed(registry) }, prefix);
    await (first.a.store as RedisStore).ready();
    const other = open({ seed: [{ api: aws.id, state: 'RUNNING', id: 'lonely' }] }, prefix);
    await expect((other.a.store as RedisStore).ready()).rejects.toThrow('holds sessions of another seed');
  });
});
