import { spawn, spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registry } from '../../mocks/index';
import { openStateJournal } from '../../src/persistence/state-journal';
import { FakeState } from '../support/fake-persistent-state';
import type { CliServer } from '../support/built-cli';
import { CLI, ensureBuilt, startCli, stopCli } from '../support/built-cli';

const api = registry[0]!;
const [firstState] = api.machine.states;
const ROOT = join(__dirname, '..', '..');

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'jobmock-state-file-'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function admin(url: string, path: string, body?: unknown, session = 'default'): Promise<Response> {
  return fetch(`${url}/__admin${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', 'x-jobmock-session': session },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; !(await condition());) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs `work` over `items` with `concurrency` at a time. */
async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

describe('state journal: kill -9 of a process appending to it', () => {
  it('loses no acknowledged change of 100,000 jobs changed at full speed, compactions included', async () => {
    const path = join(dir, 'writer.jsonl');
    const writer = spawn(process.execPath, [
      join(__dirname, 'support', 'journal-writer.mjs'),
      join(ROOT, 'dist', 'src', 'persistence', 'state-journal.js'),
      path,
      '100000',
    ]);
    const acknowledged = new Map<string, number>();
    let compactions = 0;
    let ready = false;
    let pending = '';
    writer.stdout.on('data', (data: Buffer) => {
      const lines = (pending + data.toString()).split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready') ready = true;
        else if (line === 'compacted') compactions += 1;
        else {
          const [id, step] = line.split(' ');
          acknowledged.set(id!, Number(step));
        }
      }
    });
    let stderr = '';
    writer.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    const exited = new Promise((resolve) => writer.once('exit', resolve));
    const deadline = Date.now() + 60_000;
    while (!(ready && compactions >= 2 && acknowledged.size > 50_000) && Date.now() < deadline) {
      if (writer.exitCode !== null) throw new Error(`the writer exited: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    writer.kill('SIGKILL');
    await exited;
    expect(compactions).toBeGreaterThanOrEqual(2);

    const state = new FakeState();
    const journal = openStateJournal(path, { log: () => {} });
    try {
      journal.load(state);
    } finally {
      journal.close();
    }
    expect(state.jobCount()).toBe(100_000);
    const lost = [...acknowledged].filter(([id, step]) => {
      const job = state.sessions.get('default')!.jobs.get(`kbase/${id}`);
      return !job || (job.data as { step: number }).step < step;
    });
    expect(lost).toEqual([]);
  }, 90_000);
});

describe('jobmock serve --state-file', () => {
  it('keeps every session (jobs, clock, faults, id counters) across a restart', async () => {
    const path = join(dir, 'restart.jsonl');
    const first = await startCli(['--state-file', path, '--clock', 'manual']);
    const view = async (url: string, session: string) =>
      JSON.stringify(
        await Promise.all(
          ['/jobs?limit=1000', '/clock', '/faults'].map(async (p) =>
            (await admin(url, p, undefined, session)).json(),
          ),
        ),
      );
    const before: string[] = [];
    try {
      for (const session of ['default', 'team-a']) {
        await admin(
          first.url,
          '/jobs',
          { api: api.id, state: firstState, owner: 'alice', held: false },
          session,
        );
        await admin(first.url, '/jobs', { api: api.id, state: firstState, id: `kept-${session}` }, session);
        await admin(first.url, '/clock', { advanceMs: 3_600_000 }, session);
        await admin(first.url, '/faults', { api: api.id, status: 500, times: 2 }, session);
        before.push(await view(first.url, session));
      }
    } finally {
      await stopCli(first, 'SIGTERM');
    }
    const second = await startCli(['--state-file', path, '--clock', 'manual']);
    try {
      expect(second.stdout()).toMatch(/restored \d+ record\(s\) from /);
      expect([await view(second.url, 'default'), await view(second.url, 'team-a')]).toEqual(before);
    } finally {
      await stopCli(second);
    }
  }, 30_000);

  it('keeps clients logged in: an Itential session token and a BigChange token made by a provider state', async () => {
    const path = join(dir, 'logins.jsonl');
    const json = { 'content-type': 'application/json' };
    const first = await startCli(['--state-file', path, '--demo']);
    let token: string;
    try {
      const login = await fetch(`${first.url}/itential/login`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ user: { username: 'admin', password: 'admin' } }),
      });
      token = (await login.json()) as string;
      const state = await admin(first.url, '/provider-states?api=bigchange', {
        state: 'a token {token} with scopes {scopes}',
        params: { token: 'kept-token', scopes: 'jobs:read jobs:write' },
      });
      expect(state.status).toBe(200);
    } finally {
      await stopCli(first, 'SIGKILL');
    }
    const second = await startCli(['--state-file', path, '--demo']);
    try {
      const itential = await fetch(`${second.url}/itential/myTtl?token=${token}`);
      expect(itential.status).toBe(200);
      const bigchange = await fetch(`${second.url}/bigchange/v1/jobs/1`, {
        headers: { authorization: 'Bearer kept-token', 'customer-id': '4321' },
      });
      expect(bigchange.status).toBe(200);
      const stranger = await fetch(`${second.url}/itential/myTtl?token=not-a-token`);
      expect(stranger.status).toBe(401);
    } finally {
      await stopCli(second);
    }
  });

  it('SIGTERM writes the last changes before exiting', async () => {
    const path = join(dir, 'term.jsonl');
    const cli = await startCli(['--state-file', path]);
    await admin(cli.url, '/jobs', { api: api.id, state: firstState, id: 'last-one' });
    await stopCli(cli, 'SIGTERM');
    expect(readFileSync(path, 'utf8')).toContain('"last-one"');
  }, 30_000);

  it('reports a failed write on health and in the log, keeps serving, and catches up once the cause is gone', async () => {
    const sub = join(dir, 'health');
    mkdirSync(sub);
    const path = join(sub, 'state.jsonl');
    const first = await startCli(['--state-file', path]);
    const health = async () =>
      ((await (await admin(first.url, '/health')).json()) as { stateFile: Record<string, unknown> })
        .stateFile;
    try {
      expect(await health()).toEqual({ ok: true, path: realpathSync(path), pending: 0 });
      renameSync(sub, `${sub}-moved`);
      writeFileSync(sub, 'a file where the directory was');
      await until(async () => /ENOTDIR/.test(String((await health()).error)), 'the failed write on health');
      expect(await health()).toMatchObject({ ok: false, since: expect.any(String) });
      expect(first.stderr()).toMatch(/state file .*: cannot write \(ENOTDIR/);
      const created = await admin(first.url, '/jobs', {
        api: api.id,
        state: firstState,
        id: 'while-failing',
      });
      expect(created.status).toBe(201);

      rmSync(sub);
      mkdirSync(sub);
      await until(async () => (await health()).ok === true, 'the catch-up');
      expect(first.stderr()).toMatch(/written again/);
    } finally {
      await stopCli(first, 'SIGTERM');
    }
    const second = await startCli(['--state-file', path]);
    try {
      expect((await admin(second.url, `/jobs/${api.id}/while-failing`)).status).toBe(200);
    } finally {
      await stopCli(second);
    }
  }, 30_000);

  it.each([
    [
      'a missing directory',
      () => join(dir, 'missing', 'state.jsonl'),
      /the directory .*missing does not exist/,
    ],
    ['a directory', () => dir, /: is a directory/],
  ])('refuses %s at start: a clear message and exit code 1', (_what, path, message) => {
    const run = spawnSync(process.execPath, [CLI, 'serve', '--port', '0', '--state-file', path()], {
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.slice(0, 40 + path().length)).toContain(`jobmock: state file ${path()}: `);
    expect(run.stderr).toMatch(message);
  });
});

/**
 * The durability promise end to end: 100,000 jobs, clients creating and cancelling jobs as fast as the server
 * answers, kill -9, restart, and every acknowledged change is there.
 */
describe('jobmock serve --state-file: kill -9 under load', () => {
  it('loses no acknowledged change at 100,000 jobs', async () => {
    const path = join(dir, 'soak.jsonl');
    const args = ['--state-file', path, '--clock', 'manual'];
    const first = await startCli(args);
    let acknowledged: Acknowledged;
    try {
      acknowledged = await loadThenKill(first);
    } finally {
      await stopCli(first, 'SIGKILL');
    }
    const second = await startCli(args);
    try {
      expect(await lostAfterRestart(second.url, acknowledged)).toEqual({
        missing: 0,
        notCancelled: 0,
        examples: [],
      });
      expect(await jobIds(second.url, 10_000)).toHaveLength(10_000);
    } finally {
      await stopCli(second);
    }
  }, 180_000);
});

interface Acknowledged {
  readonly created: ReadonlySet<string>;
  readonly cancelled: ReadonlySet<string>;
}

/** 100,000 jobs, then 16 clients creating jobs and cancelling bulk ones for 3 s, then kill -9. */
async function loadThenKill(server: CliServer): Promise<Acknowledged> {
  const bulk = await admin(server.url, '/jobs', { api: 'kbase', state: 'queue', count: 100_000 });
  expect({ status: bulk.status, body: await bulk.text() }).toEqual({ status: 201, body: expect.anything() });
  const toCancel = await jobIds(server.url, 10_000);
  expect(toCancel).toHaveLength(10_000);

  const created = new Set<string>();
  const cancelled = new Set<string>();
  let stop = false;
  const cancel = (id: string, n: number) =>
    fetch(`${server.url}/kbase`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'user-token' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: n,
        method: 'JobBrowserBFF.cancel_job',
        params: { job_id: id, timeout: 10_000 },
      }),
    });
  const client = async (c: number) => {
    for (let n = 0; !stop; n++) {
      try {
        if (n % 2 === 0) {
          const id = `soak-${c}-${n}`;
          const res = await admin(server.url, '/jobs', { api: 'kbase', state: 'queue', id });
          await res.arrayBuffer();
          if (res.status === 201) created.add(id);
        } else {
          const id = toCancel[(c * 7919 + n) % toCancel.length]!;
          const reply = (await (await cancel(id, n)).json()) as { result?: { canceled?: boolean } };
          if (reply.result?.canceled === true) cancelled.add(id);
        }
      } catch {
        return; // the server is gone
      }
    }
  };
  const clients = Array.from({ length: 16 }, (_, c) => client(c));
  // At least 3 s of load, and enough acknowledged changes to be a test however busy the machine is (30 s at most).
  const started = Date.now();
  const enough = () => created.size > 500 && cancelled.size > 500;
  while (Date.now() - started < 3_000 || (!enough() && Date.now() - started < 30_000))
    await new Promise((resolve) => setTimeout(resolve, 100));
  server.child.kill('SIGKILL');
  stop = true;
  await Promise.all(clients);
  expect(created.size).toBeGreaterThan(500);
  expect(cancelled.size).toBeGreaterThan(500);
  return { created, cancelled };
}

/** The ids of the first `most` KBase jobs, a page of 1,000 at a time. */
async function jobIds(url: string, most: number): Promise<string[]> {
  const ids: string[] = [];
  for (let cursor: string | undefined, first = true; (first || cursor) && ids.length < most; first = false) {
    const page = (await (
      await admin(url, `/jobs?api=kbase&limit=1000${cursor ? `&cursor=${cursor}` : ''}`)
    ).json()) as { jobs: { id: string }[]; nextCursor?: string };
    ids.push(...page.jobs.map((j) => j.id));
    cursor = page.nextCursor;
  }
  return ids.slice(0, most);
}

/** The acknowledged changes a restarted server does not have. */
async function lostAfterRestart(url: string, acknowledged: Acknowledged) {
  const missing: string[] = [];
  const notCancelled: string[] = [];
  await inParallel([...acknowledged.created], 32, async (id) => {
    const res = await admin(url, `/jobs/kbase/${id}`);
    await res.arrayBuffer();
    if (res.status !== 200) missing.push(id);
  });
  await inParallel([...acknowledged.cancelled], 32, async (id) => {
    const job = (await (await admin(url, `/jobs/kbase/${id}`)).json()) as { state?: string };
    if (job.state !== 'terminate') notCancelled.push(id);
  });
  return {
    missing: missing.length,
    notCancelled: notCancelled.length,
    examples: [...missing, ...notCancelled].slice(0, 5),
  };
}
