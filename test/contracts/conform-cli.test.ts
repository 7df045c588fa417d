import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBigChangeProvider } from '../fixtures/providers/bigchange-provider';
import { makeTestCertificate } from '../fixtures/providers/tls-certificate';
import type { CliServer } from '../support/built-cli';
import { ensureBuilt, runCli as jobmock, startCli, stopCli } from '../support/built-cli';

jest.setTimeout(120_000);

/** `jobmock conform` as a CI pipeline runs it: against `jobmock serve`, and against a provider over https. */
describe('jobmock conform, from the command line', () => {
  let server: CliServer;
  const dir = mkdtempSync(join(tmpdir(), 'jobmock-conform-cli-'));
  beforeAll(async () => {
    ensureBuilt();
    server = await startCli(['--demo', '--speed', '4']);
  });
  afterAll(async () => {
    await stopCli(server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes jobmock serve, names its profile, exits 0 and writes a JUnit report without failures', async () => {
    const junit = join(dir, 'aws-batch.xml');
    const run = await jobmock([
      'conform',
      '--api',
      'aws-batch',
      '--base-url',
      `${server.url}/aws-batch`,
      '--poll-interval',
      '100ms',
      '--junit',
      junit,
    ]);
    expect(run.out).toMatch(
      /PASS {2}job 1: the cancel ends in FAILED — (SUBMITTED|PENDING|RUNNABLE) → FAILED/,
    );
    expect(run.out).toMatch(/PASS {2}cancel an unknown id — HTTP 400/);
    expect(run.out).toMatch(/^profile: documented$/m);
    expect(run.out).toMatch(/^15 passed, 0 failed, 0 skipped$/m);
    expect(run.code).toBe(0);
    const report = readFileSync(junit, 'utf8');
    expect(report).toMatch(/<testsuites name="jobmock conform" tests="15" failures="0" skipped="0"/);
  });

  it('skips the job checks of KBase without --job-id (it has no create call), and still exits 0', async () => {
    const run = await jobmock(['conform', '--api', 'kbase', '--base-url', `${server.url}/kbase`]);
    expect(run.out).toMatch(
      /SKIP {2}job 1: create a job — kbase has no create operation: name jobs with --job-id/,
    );
    expect(run.out).toMatch(/PASS {2}cancel with no credentials — error -32000/);
    expect(run.out).toMatch(/^4 passed, 0 failed, 1 skipped$/m);
    expect(run.code).toBe(0);
  });

  describe('against a provider jobmock did not write, over https', () => {
    let tls: { cert: string; key: string };
    const ca = join(dir, 'ca.pem');
    beforeAll(async () => {
      tls = await makeTestCertificate();
      writeFileSync(ca, tls.cert);
    });

    it.each([
      ['passes BigChange on SQLite and exits 0', {}, 0, /^10 passed, 0 failed, 1 skipped$/m],
      [
        'fails the check a cancel that changes nothing breaks, and exits 1',
        { cancelIgnored: true },
        1,
        /FAIL {2}job 1: the cancel ends in cancelled[^]*cancel: job \d+ is still new/,
      ],
    ])('%s', async (_what, bugs, code, output) => {
      const provider = await startBigChangeProvider(tls, join(dir, `cli-${code}.sqlite`), bugs);
      try {
        const token = provider.service.issueToken('jobs:read jobs:write');
        const run = await jobmock([
          'conform',
          '--api',
          'bigchange',
          '--base-url',
          provider.url,
          '--ca',
          ca,
          '--token',
          token,
          '--max-jobs',
          '1',
          '--timeout',
          '3s',
          '--poll-interval',
          '100ms',
        ]);
        expect(run.out).toMatch(output);
        expect(run.code).toBe(code);
      } finally {
        await provider.close();
      }
    });

    it('without credentials for a provider that is not jobmock, says so and exits 2', async () => {
      const provider = await startBigChangeProvider(tls, join(dir, 'cli-2.sqlite'));
      try {
        const run = await jobmock(['conform', '--api', 'bigchange', '--base-url', provider.url, '--ca', ca]);
        expect(run.out).toMatch(
          /jobmock conform: .* is not a jobmock server, and no credentials of bigchange were given/,
        );
        expect(run.code).toBe(2);
      } finally {
        await provider.close();
      }
    });
  });
});
