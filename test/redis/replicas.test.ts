import { spawnSync } from 'node:child_process';
import { CLI, startCli, stopCli } from '../support/built-cli';
import { testRedisUrl } from '../support/test-store';
import type { Replicas } from './support/replicas';
import { admin, bigchange, startReplicas } from './support/replicas';

/**
 * Several `jobmock serve` processes on one Redis store behave as one server: what a call changes on one replica
 * is what every other replica reads, transitions happen once however many replicas race for them, the virtual
 * clock is one, and an acknowledged change survives the replica that made it.
 */
describe('replicas sharing a Redis store', () => {
  let replicas: Replicas;
  let token: string;
  beforeAll(async () => {
    replicas = await startReplicas(testRedisUrl(), 3);
    token = await bigchange.token(replicas.urls[0]!);
  }, 60_000);
  afterAll(() => replicas?.stop());

  it('a job created on A and cancelled on B (with the token A issued) reads as cancelled on A', async () => {
    const [a, b] = replicas.urls as [string, string];
    const created = await bigchange.create(a, token);
    expect(created.status).toBe(201);
    const id = created.body!.id as number;
    expect((await bigchange.cancel(b, token, id)).status).toBe(204);
    const read = await bigchange.read(a, token, id);
    expect({ status: read.status, state: read.body?.status }).toEqual({ status: 200, state: 'cancelled' });
  });

  it('1,000 concurrent cancels of one job over three replicas make one transition and one history entry', async () => {
    const urls = replicas.urls;
    const id = (await bigchange.create(urls[0]!, token)).body!.id as number;
    const replies = await Promise.all(
      Array.from({ length: 1_000 }, (_, i) => bigchange.cancel(urls[i % urls.length]!, token, id)),
    );
    const statuses: Record<number, number> = {};
    for (const reply of replies) statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
    // One cancel took effect; every other one got BigChange's own "already cancelled" problem.
    expect(statuses).toEqual({ 204: 1, 422: 999 });
    expect(
      replies.filter((r) => r.status === 422).every((r) => r.type.startsWith('application/problem+json')),
    ).toBe(true);
    for (const url of urls) {
      const job = await admin(url, 'GET', `/jobs/bigchange/${id}`);
      const history = job.body!.history as { state: string }[];
      expect(history.map((h) => h.state)).toEqual(['new', 'cancelled']);
    }
  }, 60_000);

  it('job ids are unique across replicas: 300 jobs created at once on three replicas get 300 ids', async () => {
    const urls = replicas.urls;
    const created = await Promise.all(
      Array.from({ length: 300 }, (_, i) => bigchange.create(urls[i % urls.length]!, token)),
    );
    expect(created.every((c) => c.status === 201)).toBe(true);
    const ids = created.map((c) => c.body!.id as number);
    expect(new Set(ids).size).toBe(300);
    // Each is there for every replica, not only the one that made it.
    const reads = await Promise.all(
      ids.map((id, i) => bigchange.read(urls[(i + 1) % urls.length]!, token, id)),
    );
    expect(reads.filter((r) => r.status !== 200)).toEqual([]);
  }, 60_000);

  it('the clock advanced on one replica is every replica’s, and jobs move along it alike on each', async () => {
    const [a, b, c] = replicas.urls as [string, string, string];
    const created = await admin(a, 'POST', '/jobs', { api: 'aws-batch', state: 'SUBMITTED', held: false });
    expect(created.status).toBe(201);
    const id = String(created.body!.id);
    const before = (await admin(c, 'GET', '/clock')).body!.now as number;
    const advanced = await admin(b, 'POST', '/clock', { advanceMs: 3_600_000 });
    expect(advanced.body!.now).toBe(before + 3_600_000);
    const clocks = await Promise.all([a, b, c].map((url) => admin(url, 'GET', '/clock')));
    expect(clocks.map((clock) => clock.body!.now)).toEqual([
      before + 3_600_000,
      before + 3_600_000,
      before + 3_600_000,
    ]);
    // Read first on C, then on A and B: the same moves along the timeline, at the same virtual times.
    const views = [];
    for (const url of [c, a, b]) views.push((await admin(url, 'GET', `/jobs/aws-batch/${id}`)).body);
    expect(views[0]!.state).toBe('SUCCEEDED');
    expect(views[1]).toEqual(views[0]);
    expect(views[2]).toEqual(views[0]);
  });

  it('a replica killed mid-load loses no change it acknowledged', async () => {
    const doomed = await replicas.add();
    // A token of its own: the clock may have moved past an earlier one's hour.
    const token = await bigchange.token(doomed.url);
    const createdIds: number[] = [];
    const cancelledIds: number[] = [];
    let stop = false;
    const failures: string[] = [];
    const client = async () => {
      for (;;) {
        try {
          if (stop) return;
          const created = await bigchange.create(doomed.url, token);
          if (created.status !== 201)
            throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
          const id = created.body!.id as number;
          createdIds.push(id);
          if ((await bigchange.cancel(doomed.url, token, id)).status === 204) cancelledIds.push(id);
        } catch (error) {
          if (!stop) failures.push(String(error));
          return; // the replica is gone
        }
      }
    };
    const clients = Array.from({ length: 8 }, () => client());
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    // Calls in flight now fail with the replica; only those before are failures.
    stop = true;
    await stopCli(doomed, 'SIGKILL');
    await Promise.all(clients);
    expect(failures).toEqual([]);
    expect(createdIds.length).toBeGreaterThan(20);
    const survivor = replicas.urls[0]!;
    const reads = await Promise.all(createdIds.map((id) => bigchange.read(survivor, token, id)));
    expect(reads.filter((r) => r.status !== 200)).toEqual([]);
    const states = new Map(createdIds.map((id, i) => [id, reads[i]!.body!.status]));
    expect(cancelledIds.filter((id) => states.get(id) !== 'cancelled')).toEqual([]);
  }, 60_000);
});

describe('jobmock serve --workers', () => {
  it('is refused without a Redis store, with the reason', () => {
    const run = spawnSync(process.execPath, [CLI, 'serve', '--port', '0', '--workers', '2'], {
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--workers 2 needs --store redis://host:port/db');
  });

  it('serves one port from N processes that share one set of jobs', async () => {
    const prefix = `workers-${Date.now()}:`;
    const server = await startCli(['--store', testRedisUrl(), '--store-prefix', prefix, '--workers', '2']);
    try {
      expect(server.stdout()).toContain('2 workers');
      const workers = spawnSync('ps', ['-o', 'pid=', '--ppid', String(server.child.pid)], {
        encoding: 'utf8',
      });
      expect(workers.stdout.trim().split(/\s+/)).toHaveLength(2);
      const token = await bigchange.token(server.url);
      // Fresh connections each time, so the primary hands them to both workers.
      for (let i = 0; i < 20; i++) {
        const created = await bigchange.create(server.url, token);
        expect(created.status).toBe(201);
        const id = created.body!.id as number;
        expect((await bigchange.cancel(server.url, token, id)).status).toBe(204);
        expect((await bigchange.read(server.url, token, id)).body!.status).toBe('cancelled');
      }
    } finally {
      await stopCli(server);
    }
    const left = spawnSync('ps', ['-o', 'pid=', '--ppid', String(server.child.pid)], { encoding: 'utf8' });
    expect(left.stdout.trim()).toBe('');
  }, 60_000);
});
