import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliServer } from '../support/built-cli';
import { CLI, ensureBuilt, startCli, stopCli } from '../support/built-cli';

/** A job API that is not in jobmock's registry: its own spec, machine, errors (a 410 of its own) and auth. */
const MODULE = join(__dirname, '..', 'fixtures', 'apis', 'print-queue', 'index.cjs');
const KEY = { 'x-api-key': 'demo-key' };
const json = { 'content-type': 'application/json' };

describe('an API of your own, through jobmock serve --apis', () => {
  let server: CliServer;
  beforeAll(async () => {
    ensureBuilt();
    server = await startCli(['--apis', MODULE, '--strict', '--clock', 'manual']);
  }, 120_000);
  afterAll(() => stopCli(server));

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}/print-queue${path}`, { ...init, headers: { ...KEY, ...json, ...init.headers } });
  const admin = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}/__admin${path}`, { ...init, headers: { ...json, ...init.headers } });

  it('is served beside the five, with its own banner lines', async () => {
    expect(server.stdout()).toMatch(
      /Print queue \(an API of your own\)\s+http:\/\/127\.0\.0\.1:\d+\/print-queue/,
    );
    expect(((await (await admin('/health')).json()) as { apis: string[] }).apis).toEqual([
      'aws-batch',
      'kbase',
      'fabric',
      'itential',
      'bigchange',
      'print-queue',
    ]);
  });

  it('runs its lifecycle on the virtual clock, checked against its own spec (strict mode)', async () => {
    const created = await api('/jobs', {
      method: 'POST',
      body: JSON.stringify({ document: 'a.pdf', copies: 2 }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-jobmock-violations')).toBeNull();
    const job = (await created.json()) as { id: string; state: string };
    expect(job).toMatchObject({ state: 'queued', id: expect.stringMatching(/^pj-\d+$/) });
    await admin('/clock', { method: 'POST', body: JSON.stringify({ advanceMs: 3_000 }) });
    const printing = await api(`/jobs/${job.id}`);
    expect(((await printing.json()) as { state: string }).state).toBe('printing');
    const refused = await api(`/jobs/${job.id}/cancel`, { method: 'POST' });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'NotCancellable' } });
    expect(refused.headers.get('x-jobmock-violations')).toBeNull();
  });

  it('answers its own fault kind (410 Gone) for a purged job, and refuses the wrong key in its own format', async () => {
    const made = (await (
      await admin('/jobs', { method: 'POST', body: JSON.stringify({ api: 'print-queue', state: 'done' }) })
    ).json()) as { id: string };
    expect((await api(`/jobs/${made.id}`, { method: 'DELETE' })).status).toBe(204);
    const gone = await api(`/jobs/${made.id}`);
    expect(gone.status).toBe(410);
    expect(await gone.json()).toMatchObject({ error: { code: 'Gone' } });
    const wrongKey = await fetch(`${server.url}/print-queue/jobs/${made.id}`, {
      headers: { 'x-api-key': 'no' },
    });
    expect(wrongKey.status).toBe(401);
    expect(await wrongKey.json()).toMatchObject({ error: { code: 'Unauthenticated' } });
  });

  it('takes injected faults of its own statuses, and the admin API and provider states work for it', async () => {
    const inject = await admin('/faults', {
      method: 'POST',
      body: JSON.stringify({ api: 'print-queue', operation: 'getJob', status: 410, times: 1 }),
    });
    expect(inject.status).toBe(201);
    const state = await admin('/provider-states?api=print-queue', {
      method: 'POST',
      body: JSON.stringify({ state: 'a job in state {state}', params: { state: 'held' } }),
    });
    const { jobId } = (await state.json()) as { jobId: string };
    const injected = await api(`/jobs/${jobId}`);
    expect(injected.status).toBe(410);
    expect(await injected.json()).toMatchObject({ error: { code: 'Gone' } });
    const cancelled = await api(`/jobs/${jobId}/cancel`, { method: 'POST' });
    expect(await cancelled.json()).toMatchObject({ id: jobId, state: 'cancelled' });
    const listed = (await (await admin('/jobs?api=print-queue&state=cancelled')).json()) as {
      jobs: { id: string }[];
    };
    expect(listed.jobs.map((j) => j.id)).toContain(jobId);
  });

  it('is served alone at the root with --api and --no-builtin-apis', async () => {
    const alone = await startCli(['--apis', MODULE, '--no-builtin-apis', '--api', 'print-queue']);
    try {
      const health = (await (await fetch(`${alone.url}/__admin/health`)).json()) as { apis: string[] };
      expect(health.apis).toEqual(['print-queue']);
      const created = await fetch(`${alone.url}/jobs`, {
        method: 'POST',
        headers: { ...KEY, ...json },
        body: JSON.stringify({ document: 'b.pdf' }),
      });
      expect(created.status).toBe(201);
    } finally {
      await stopCli(alone);
    }
  });

  it('is verified against a pact of its own with jobmock verify --apis', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobmock-own-pact-'));
    try {
      const pact = join(dir, 'print-app-print-queue.json');
      writeFileSync(pact, JSON.stringify(ownPact()));
      const run = spawnSync(
        process.execPath,
        [
          CLI,
          'verify',
          '--apis',
          MODULE,
          '--api',
          'print-queue',
          '--pact',
          pact,
          '--base-url',
          `${server.url}/print-queue`,
        ],
        { encoding: 'utf8', timeout: 60_000 },
      );
      expect(run.stdout).toMatch(/1 passed, 0 failed/);
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes jobmock conform --apis against a server whose clock runs, through its whole lifecycle', async () => {
    const running = await startCli(['--apis', MODULE, '--no-builtin-apis', '--speed', '50']);
    try {
      const run = spawnSync(
        process.execPath,
        [
          CLI,
          'conform',
          '--apis',
          MODULE,
          '--api',
          'print-queue',
          '--base-url',
          `${running.url}/print-queue`,
        ].concat(['--poll-interval', '50ms']),
        { encoding: 'utf8', timeout: 60_000 },
      );
      expect(run.stdout).toMatch(/PASS {2}job 1: the cancel ends in cancelled — queued → cancelled/);
      expect(run.stdout).toMatch(/PASS {2}job 2: cancel in printing — HTTP 409/);
      expect(run.stdout).toMatch(/\d+ passed, 0 failed/);
      expect(run.status).toBe(0);
    } finally {
      stopCli(running);
    }
  }, 90_000);

  it('refuses a module that exports no API definition, with a clear message', () => {
    const run = spawnSync(
      process.execPath,
      [CLI, 'serve', '--apis', join(__dirname, 'serve.test.ts'), '--port', '0'],
      {
        encoding: 'utf8',
        timeout: 15_000,
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /jobmock: cannot load the APIs of .*serve\.test\.ts|exports no API definition/,
    );
  });
});

/** A PactV4 pact with one interaction of the print queue: cancel a queued job (the provider picks its id). */
function ownPact() {
  return {
    consumer: { name: 'print-app' },
    provider: { name: 'print-queue' },
    interactions: [
      {
        type: 'Synchronous/HTTP',
        description: 'a request to cancel a queued print job',
        providerStates: [{ name: 'a job in state {state}', params: { state: 'queued' } }],
        request: {
          method: 'POST',
          path: '/jobs/pj-1/cancel',
          headers: { 'x-api-key': ['demo-key'] },
          generators: {
            path: { type: 'ProviderState', expression: '/jobs/${jobId}/cancel', dataType: 'STRING' },
          },
        },
        response: {
          status: 200,
          headers: { 'Content-Type': ['application/json'] },
          body: {
            content: {
              id: 'pj-1',
              document: 'demo.pdf',
              copies: 1,
              state: 'cancelled',
              queuedAt: '2026-01-01T00:00:00.000Z',
            },
            contentType: 'application/json',
            encoded: false,
          },
          matchingRules: {
            body: {
              '$.id': { combine: 'AND', matchers: [{ match: 'type' }] },
              '$.queuedAt': { combine: 'AND', matchers: [{ match: 'type' }] },
            },
          },
        },
      },
    ],
    metadata: { pactSpecification: { version: '4.0' } },
  };
}
