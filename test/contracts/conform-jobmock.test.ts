import { registry } from '../../mocks/index';
import type { Profile } from '../../src/api';
import { demoSeed } from '../../src/engine/seed-entry';
import { conform } from '../../src/conform/conform';
import { startServer } from '../support/server-harness';

jest.setTimeout(90_000);

const PROFILES: Profile[] = ['documented', 'upstream'];
/** The APIs whose profiles differ on a case conform sees (README, "Documentation vs real service"). */
const TELLING = ['aws-batch', 'kbase', 'fabric'];
/** KBase has no create call: conform follows demo jobs, one running and one complete (`--demo` order). */
const KBASE_JOBS = ['65a000000000000000000003', '65a000000000000000000004'];

/**
 * `jobmock conform` against `jobmock serve` itself: every check passes for every API in both profiles, and the
 * report names the profile the server runs (or says the profiles answer alike, where they do for what it checks).
 * Time runs four times as fast, so a job left to run reaches a state cancel cannot take within seconds.
 */
describe.each(PROFILES)('jobmock conform against jobmock serve --profile %s', (profile) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer({ profile, clock: 'real', speed: 4, seed: demoSeed(registry) });
  });
  afterAll(() => server.close());

  it.each(registry.map((api) => [api.id, api] as const))('%s: every check passes', async (id, api) => {
    const report = await conform({
      api,
      baseUrl: `${server.url}/${id}`,
      jobIds: id === 'kbase' ? KBASE_JOBS : [],
      pollIntervalMs: 100,
      timeoutMs: 60_000,
    });
    expect(report.jobmock).toBe(true);
    expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(report.checks.length).toBeGreaterThanOrEqual(12);
    expect(report.profile.profile).toBe(TELLING.includes(id) ? profile : 'indistinct');
    for (const c of report.profile.cases) expect({ [c.name]: c.verdict }).toEqual({ [c.name]: profile });
    expect(report.requests).toBeLessThanOrEqual(500);
    expect(report.jobsCreated).toBe(api.jobRequests.create ? 2 : 0);
    // The run's session is dropped afterwards (a session named with --session is kept: tested below).
    const { body } = await server.admin.call('GET', '/sessions');
    const names = (body!.sessions as { name: string }[]).map((s) => s.name);
    expect(names.filter((name) => name.startsWith('conform-'))).toEqual([]);
  });
});

describe('the bounds of a conform run', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer({ clock: 'real', speed: 4 });
  });
  afterAll(() => server.close());
  const awsBatch = registry.find((api) => api.id === 'aws-batch')!;
  const run = (options: Partial<Parameters<typeof conform>[0]>) =>
    conform({ api: awsBatch, baseUrl: `${server.url}/aws-batch`, pollIntervalMs: 100, ...options });

  it('sends no more than --max-requests, and skips the checks past it', async () => {
    const report = await run({ maxRequests: 6 });
    expect(report.requests).toBe(6);
    expect(report.checks.filter((c) => c.outcome === 'failed')).toEqual([]);
    const skipped = report.checks.filter((c) => c.outcome === 'skipped');
    expect(skipped.map((c) => c.name)).toEqual([
      'job 1: cancel in SUBMITTED',
      'job 2: create a job and leave it to run',
    ]);
    for (const c of skipped) expect(c.summary).toBe('the --max-requests budget is spent');
  });

  it('keeps a session it was told to use (--session), with the jobs it made', async () => {
    const report = await run({ session: 'ci-conform', maxJobs: 1 });
    expect(report.jobsCreated).toBe(1);
    const { body } = await server.admin.call('GET', '/sessions');
    const kept = (body!.sessions as { name: string; jobs: number }[]).find((s) => s.name === 'ci-conform');
    expect(kept?.jobs).toBe(1);
  });

  it('creates no more than --max-jobs jobs', async () => {
    const report = await run({ maxJobs: 1 });
    expect(report.jobsCreated).toBe(1);
    expect(report.checks.find((c) => c.name === 'job 2: create a job and leave it to run')).toMatchObject({
      outcome: 'skipped',
      summary: '--max-jobs 1 leaves no job for it',
    });
  });

  it('keeps a job for the cancel before an invalid create (Fabric’s cancel takes no body)', async () => {
    const fabric = registry.find((api) => api.id === 'fabric')!;
    const report = await conform({ api: fabric, baseUrl: `${server.url}/fabric`, maxJobs: 1 });
    expect(report.checks.find((c) => c.name === 'send an invalid body')).toMatchObject({
      outcome: 'skipped',
      summary: '--max-jobs 1 leaves no job for a create with an invalid body',
    });
    expect(report.checks.find((c) => c.name === 'job 1: the cancel ends in Cancelled')?.outcome).toBe(
      'passed',
    );
    expect(report.jobsCreated).toBe(1);
  });

  it('runs the flows side by side with --concurrency 2, reporting the same checks in the same order', async () => {
    const [alone, together] = [await run({}), await run({ concurrency: 2 })];
    expect(together.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(together.checks.map((c) => c.name.replace(/ in \w+$/, ''))).toEqual(
      alone.checks.map((c) => c.name.replace(/ in \w+$/, '')),
    );
  });
});
