import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliServer } from '../support/built-cli';
import { ensureBuilt, startCli, stopCli } from '../support/built-cli';
import { rawConnection } from './support/raw-connection';

const MiB = 2 ** 20;
const MAX_BYTES = 192 * MiB;

interface Health {
  readonly bytes: number;
  readonly maxBytes: number;
  readonly sessions: number;
  readonly process: { rssBytes: number; eventLoopDelayMs: { p99: number; max: number } };
}

const json = { 'content-type': 'application/json' };

async function health(url: string): Promise<Health> {
  return (await (await fetch(`${url}/__admin/health`)).json()) as Health;
}

function admin(url: string, path: string, body: unknown, session = 'default'): Promise<Response> {
  return fetch(`${url}/__admin${path}`, {
    method: 'POST',
    headers: { ...json, 'x-jobmock-session': session },
    body: JSON.stringify(body),
  });
}

/** Logs in to Itential in a session and returns the session token. */
async function login(url: string, session: string): Promise<string> {
  const reply = await fetch(`${url}/itential/login`, {
    method: 'POST',
    headers: { ...json, 'x-jobmock-session': session },
    body: JSON.stringify({ user: { username: 'admin', password: 'admin' } }),
  });
  return (await reply.json()) as string;
}

/** The hostile part: big payloads in many sessions, session names by the thousand, replies nobody reads. */
async function hostileTraffic(url: string): Promise<{ bigAccepted: number; bigRefused: number }> {
  const variables = { blob: 'x'.repeat(MiB - 64) };
  let bigAccepted = 0;
  let bigRefused = 0;
  const big = async (session: string) => {
    const token = await login(url, session);
    for (let i = 0; i < 10; i++) {
      const reply = await fetch(
        `${url}/itential/workflow_engine/startJobWithOptions/8917Test2?token=${token}`,
        {
          method: 'POST',
          headers: { ...json, 'x-jobmock-session': session },
          body: JSON.stringify({ options: { variables } }),
        },
      );
      await reply.arrayBuffer();
      if (reply.status === 200) bigAccepted++;
      else if (reply.status === 429) bigRefused++;
      else throw new Error(`a big payload got ${reply.status}`);
    }
  };
  const names = async (from: number) => {
    for (let i = from; i < from + 250; i++) {
      const reply = await fetch(`${url}/kbase`, {
        method: 'POST',
        headers: { ...json, 'x-jobmock-session': `stranger-${i}` },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'JobBrowserBFF.is_admin', params: {} }),
      });
      await reply.arrayBuffer();
    }
  };
  const port = Number(new URL(url).port);
  const unread = await rawConnection(port, { read: false });
  unread.socket.write(`GET /__admin/jobs?limit=1000 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`.repeat(300));
  await Promise.all([
    ...Array.from({ length: 30 }, (_, i) => big(`big-${i}`)),
    ...[0, 250, 500, 750].map(names),
  ]);
  unread.socket.destroy();
  return { bigAccepted, bigRefused };
}

/** Creates and cancels KBase jobs in a session as fast as the server answers, until stopped; what was acknowledged. */
function steadyWork(url: string) {
  const created = new Set<string>();
  let stop = false;
  const client = async (c: number) => {
    for (let n = 0; !stop; n++) {
      const id = `steady-${c}-${n}`;
      try {
        const reply = await admin(url, '/jobs', { api: 'kbase', state: 'queue', id }, 'steady');
        await reply.arrayBuffer();
        if (reply.status === 201) created.add(id);
      } catch {
        return; // the server is gone
      }
    }
  };
  const running = Array.from({ length: 8 }, (_, c) => client(c));
  return {
    created,
    stop: async () => {
      stop = true;
      await Promise.all(running);
    },
  };
}

/**
 * Bounded hostile traffic against `jobmock serve` with a 100,000-job state file: the server stays up, the store
 * stays under `--max-bytes`, and a kill -9 loses no acknowledged change. RSS and event-loop delay are recorded
 * (test-results/soak.json); their targets are the benchmark's business.
 */
describe('soak: hostile traffic, then kill -9', () => {
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'jobmock-soak-'));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stays up and under its byte budget, and keeps every acknowledged change', async () => {
    const path = join(dir, 'state.jsonl');
    const args = [
      '--state-file',
      path,
      '--clock',
      'manual',
      '--max-bytes',
      `${MAX_BYTES}`,
      '--max-session-bytes',
      '32m',
    ];
    const first: CliServer = await startCli(args);
    let figures: Record<string, unknown>;
    let created: ReadonlySet<string>;
    try {
      const bulk = await admin(first.url, '/jobs', { api: 'kbase', state: 'queue', count: 100_000 }, 'bulk');
      expect(bulk.status).toBe(201);
      const steady = steadyWork(first.url);
      const started = Date.now();
      const hostile = await hostileTraffic(first.url);
      const during = await health(first.url);
      expect(during.bytes).toBeLessThanOrEqual(MAX_BYTES);
      expect(hostile.bigAccepted).toBeGreaterThan(0);
      expect(hostile.bigRefused).toBeGreaterThan(0);
      // The thousand strangers failed auth: they opened no session.
      expect(during.sessions).toBeLessThan(40);
      first.child.kill('SIGKILL');
      await steady.stop();
      created = steady.created;
      expect(created.size).toBeGreaterThan(100);
      figures = {
        seconds: (Date.now() - started) / 1000,
        ...hostile,
        store: during.bytes,
        process: during.process,
      };
    } finally {
      await stopCli(first, 'SIGKILL');
    }
    const second = await startCli(args);
    try {
      const missing: string[] = [];
      for (const id of created) {
        const reply = await fetch(`${second.url}/__admin/jobs/kbase/${id}`, {
          headers: { 'x-jobmock-session': 'steady' },
        });
        await reply.arrayBuffer();
        if (reply.status !== 200) missing.push(id);
      }
      expect(missing).toEqual([]);
      const bulkJobs = (await (await fetch(`${second.url}/__admin/sessions`)).json()) as {
        sessions: { name: string; jobs: number }[];
      };
      expect(bulkJobs.sessions.find((s) => s.name === 'bulk')?.jobs).toBe(100_000);
      figures = { ...figures, acknowledged: created.size, afterRestart: (await health(second.url)).process };
    } finally {
      await stopCli(second);
    }
    mkdirSync('test-results', { recursive: true });
    writeFileSync(join('test-results', 'soak.json'), JSON.stringify(figures, null, 2));
    console.log(`soak figures: ${JSON.stringify(figures)}`);
  }, 240_000);
});
