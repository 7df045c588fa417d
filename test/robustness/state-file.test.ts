import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registry } from '../../mocks/index';
import { createMockService } from '../../src/mock-service';
import type { MockService } from '../../src/mock-service';
import {
  readStateFile,
  restoreState,
  serializeState,
  StateFile,
  writeStateFile,
} from '../../src/persistence/state-file';
import { ensureBuilt, startCli, stopCli } from './support/built-cli';

const api = registry[0]!;
const [firstState] = api.machine.states;

async function admin(service: MockService, method: string, url: string, body?: unknown, session = 'default') {
  const reply = await service.handle({
    method,
    url: `/__admin${url}`,
    headers: { 'content-type': 'application/json', 'x-jobmock-session': session },
    rawBody: body === undefined ? '' : JSON.stringify(body),
  });
  return reply;
}

async function view(service: MockService, session: string) {
  return JSON.stringify([
    (await admin(service, 'GET', '/jobs?limit=10000', undefined, session)).body,
    (await admin(service, 'GET', '/clock', undefined, session)).body,
    (await admin(service, 'GET', '/faults', undefined, session)).body,
  ]);
}

describe('state file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'jobmock-state-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps every session's jobs (history, held, owner, data), clock, faults and counters", async () => {
    const before = createMockService({ apis: registry, clock: 'manual' });
    for (const session of ['default', 'team-a']) {
      await admin(
        before,
        'POST',
        '/jobs',
        { api: api.id, state: firstState, owner: 'alice', held: false },
        session,
      );
      await admin(
        before,
        'POST',
        '/jobs',
        { api: api.id, state: firstState, id: `kept-${session}` },
        session,
      );
      await admin(before, 'POST', '/clock', { advanceMs: 3_600_000 }, session);
      await admin(before, 'POST', '/faults', { api: api.id, status: 500, times: 2 }, session);
    }
    const path = join(dir, 'state.json');
    writeStateFile(path, serializeState(before.engine));
    expect(existsSync(`${path}.tmp`)).toBe(false);

    const after = createMockService({ apis: registry, clock: 'manual' });
    restoreState(after.engine, readStateFile(path)!);
    for (const session of ['default', 'team-a'])
      expect(await view(after, session)).toBe(await view(before, session));
    // Counters too: the next generated id is the one the first engine would have given.
    const next = async (s: MockService) =>
      ((await admin(s, 'POST', '/jobs', { api: api.id, state: firstState })).body as { id: string }).id;
    expect(await next(after)).toBe(await next(before));
  });

  it('writes at most every interval while calls keep coming, and flushes on demand', async () => {
    const path = join(dir, 'state.json');
    const calls = { changed: () => {} };
    const service = createMockService({ apis: registry, clock: 'manual', afterCall: () => calls.changed() });
    const state = new StateFile(service.engine, path, 100);
    calls.changed = () => state.changed();
    await admin(service, 'POST', '/jobs', { api: api.id, state: firstState, id: 'one' });
    await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(path)).toBe(true);
    await admin(service, 'POST', '/jobs', { api: api.id, state: firstState, id: 'two' });
    expect(readFileSync(path, 'utf8')).not.toContain('"two"');
    state.flush();
    expect(readFileSync(path, 'utf8')).toContain('"two"');
  });

  it('a missing file starts empty; a file that is not a state document is refused with a clear error', () => {
    const service = createMockService({ apis: registry, clock: 'manual' });
    expect(new StateFile(service.engine, join(dir, 'none.json')).load()).toBe(0);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"sessions": [');
    expect(() => new StateFile(service.engine, bad).load()).toThrow(/not a jobmock state file/);
    writeFileSync(bad, '{"format":"jobmock-state","version":1,"sessions":[{"name":"x"}]}');
    expect(() => new StateFile(service.engine, bad).load()).toThrow(/sessions\[0\] is not a valid session/);
  });

  it('a stale .tmp left by a crash during a write is ignored: the last complete file loads', async () => {
    const path = join(dir, 'state.json');
    const service = createMockService({ apis: registry, clock: 'manual' });
    await admin(service, 'POST', '/jobs', { api: api.id, state: firstState, id: 'complete' });
    writeStateFile(path, serializeState(service.engine));
    writeFileSync(`${path}.tmp`, '{"format":"jobmock-sta');
    const restored = createMockService({ apis: registry, clock: 'manual' });
    expect(new StateFile(restored.engine, path).load()).toBe(1);
    expect(JSON.stringify((await admin(restored, 'GET', `/jobs/${api.id}/complete`)).body)).toContain(
      'complete',
    );
  });
});

describe('state file: kill -9 during heavy traffic', () => {
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'jobmock-kill-'));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the file loads after a restart, with every job acknowledged 150 ms before the kill', async () => {
    const path = join(dir, 'state.json');
    const first = await startCli(['--state-file', path, '--clock', 'manual']);
    const post = (url: string, body: unknown, session = 'default') =>
      fetch(`${first.url}/__admin${url}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-jobmock-session': session },
        body: JSON.stringify(body),
      });
    // Another session with a moved clock and a fault, to find again after the restart.
    await post('/clock', { advanceMs: 86_400_000 }, 'other');
    await post('/faults', { api: api.id, status: 500, times: 3 }, 'other');
    await post('/jobs', { api: api.id, state: firstState, id: 'other-job' }, 'other');

    const acknowledged = new Map<string, number>();
    let stop = false;
    let n = 0;
    const client = async (c: number) => {
      while (!stop && n < 9_000) {
        const id = `job-${c}-${n++}`;
        try {
          const res = await post('/jobs', { api: api.id, state: firstState, id });
          if (res.status === 201) acknowledged.set(id, Date.now());
          await res.arrayBuffer();
        } catch {
          return; // the server is gone
        }
      }
    };
    const clients = Array.from({ length: 16 }, (_, c) => client(c));
    await new Promise((r) => setTimeout(r, 1_200));
    const killedAt = Date.now();
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(clients);
    await stopCli(first);
    expect(acknowledged.size).toBeGreaterThan(100);

    // The file is a complete document, whatever moment the kill came at.
    expect(() => readStateFile(path)).not.toThrow();
    const second = await startCli(['--state-file', path, '--clock', 'manual']);
    try {
      expect(second.stdout()).toMatch(/restored \d+ session/);
      const list = (await (await fetch(`${second.url}/__admin/jobs?api=${api.id}&limit=10000`)).json()) as {
        jobs: { id: string }[];
      };
      const present = new Set(list.jobs.map((j) => j.id));
      const due = [...acknowledged].filter(([, at]) => at <= killedAt - 150).map(([id]) => id);
      expect(due.length).toBeGreaterThan(50);
      expect(due.filter((id) => !present.has(id))).toEqual([]);
      const other = { 'x-jobmock-session': 'other' };
      const clock = (await (await fetch(`${second.url}/__admin/clock`, { headers: other })).json()) as {
        now: number;
      };
      const defaultClock = (await (await fetch(`${second.url}/__admin/clock`)).json()) as { now: number };
      expect(clock.now - defaultClock.now).toBeGreaterThanOrEqual(86_400_000 - 60_000);
      const faults = (await (await fetch(`${second.url}/__admin/faults`, { headers: other })).json()) as {
        faults: unknown[];
      };
      expect(faults.faults).toEqual([expect.objectContaining({ api: api.id, status: 500, times: 3 })]);
      expect((await fetch(`${second.url}/__admin/jobs/${api.id}/other-job`, { headers: other })).status).toBe(
        200,
      );
    } finally {
      await stopCli(second);
    }
  }, 60_000);

  it('SIGTERM writes the last changes before exiting', async () => {
    const path = join(dir, 'term.json');
    const cli = await startCli(['--state-file', path]);
    await fetch(`${cli.url}/__admin/jobs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ api: api.id, state: firstState, id: 'last-one' }),
    });
    await stopCli(cli, 'SIGTERM');
    expect(readFileSync(path, 'utf8')).toContain('"last-one"');
  }, 30_000);
});
