import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_KEYS, startAwsBatchProvider } from '../fixtures/providers/aws-batch-provider';
import { startBigChangeProvider } from '../fixtures/providers/bigchange-provider';
import { makeTestCertificate } from '../fixtures/providers/tls-certificate';
import type { CliServer } from '../support/built-cli';
import { ensureBuilt, runCli as jobmock, startCli, stopCli } from '../support/built-cli';

jest.setTimeout(120_000);

const PACTS = join(__dirname, '..', '..', 'contracts', 'pacts');

/** The commands a CI pipeline runs, through the built CLI, against `jobmock serve` started as users start it. */
describe('jobmock verify and check-pact, from the command line', () => {
  let server: CliServer;
  const dir = mkdtempSync(join(tmpdir(), 'jobmock-cli-'));
  beforeAll(async () => {
    ensureBuilt();
    server = await startCli([]);
  });
  afterAll(() => stopCli(server));

  it('verify passes every interaction, exits 0 and writes a JUnit report without failures', async () => {
    const junit = join(dir, 'itential.xml');
    const run = await jobmock([
      'verify',
      '--api',
      'itential',
      '--base-url',
      `${server.url}/itential`,
      '--junit',
      junit,
    ]);
    expect(run.out).toMatch(/PASS {2}a request to cancel a job in status running/);
    expect(run.out).toMatch(/\d+ passed, 0 failed, 0 skipped/);
    expect(run.code).toBe(0);
    const report = readFileSync(junit, 'utf8');
    expect(report).toMatch(/<testsuite [^>]*failures="0"/);
    expect(report.match(/<testcase /g)!.length).toBeGreaterThan(5);
  });

  it('verify --no-states reports the interactions that need a state as skipped, and exits 1', async () => {
    const run = await jobmock([
      'verify',
      '--api',
      'kbase',
      '--base-url',
      `${server.url}/kbase`,
      '--no-states',
    ]);
    expect(run.out).toMatch(/SKIP {2}a call to cancel a job in run/);
    expect(run.out).toMatch(/ [1-9]\d* skipped/);
    expect(run.code).toBe(1);
  });

  it('check-pact passes the committed pacts and names the interaction of an edited one', async () => {
    const committed = join(PACTS, 'field-service-app-bigchange.json');
    expect((await jobmock(['check-pact', committed])).code).toBe(0);

    const pact = JSON.parse(readFileSync(committed, 'utf8')) as {
      interactions: { description: string; response: { status: number } }[];
    };
    const edited = pact.interactions.find((i) => i.description === 'a request to cancel a job in new')!;
    edited.response.status = 200;
    const file = join(dir, 'edited.json');
    writeFileSync(file, JSON.stringify(pact));
    const run = await jobmock(['check-pact', file]);
    expect(run.code).toBe(1);
    expect(run.out).toContain(edited.description);
  });

  describe('against providers jobmock did not write, over https', () => {
    let tls: { cert: string; key: string };
    const ca = join(dir, 'ca.pem');
    beforeAll(async () => {
      tls = await makeTestCertificate();
      writeFileSync(ca, tls.cert);
    });

    it('verify --ca --states-url passes BigChange on SQLite and exits 0', async () => {
      const provider = await startBigChangeProvider(tls, join(dir, 'cli.sqlite'));
      try {
        const run = await jobmock([
          'verify',
          '--api',
          'bigchange',
          '--base-url',
          provider.url,
          '--ca',
          ca,
          '--states-url',
          provider.statesUrl,
        ]);
        expect(run.out).toMatch(/PASS {2}a request to get a job that was cancelled/);
        expect(run.out).toMatch(/22 passed, 0 failed, 0 skipped/);
        expect(run.code).toBe(0);
      } finally {
        await provider.close();
      }
    });

    it('verify signs AWS Batch with credentials from the AWS environment, in any region (--insecure)', async () => {
      const provider = await startAwsBatchProvider(tls);
      const [accessKeyId, secret] = [...FIXTURE_KEYS][0]!;
      const env = {
        PATH: process.env.PATH,
        HOME: dir,
        AWS_ACCESS_KEY_ID: accessKeyId,
        AWS_SECRET_ACCESS_KEY: secret,
      };
      try {
        const args = [
          'verify',
          '--api',
          'aws-batch',
          '--base-url',
          provider.url,
          '--insecure',
          '--aws-region',
          'sa-east-1',
        ];
        const run = await jobmock([...args, '--states-url', provider.statesUrl], env);
        expect(run.out).toMatch(/13 passed, 0 failed, 0 skipped/);
        expect(run.code).toBe(0);
      } finally {
        await provider.close();
      }
    });

    it('verify of a provider that is not jobmock, without --states-url or --no-states, says what to pass and exits 2', async () => {
      const provider = await startBigChangeProvider(tls, join(dir, 'cli-2.sqlite'));
      try {
        const run = await jobmock(['verify', '--api', 'bigchange', '--base-url', provider.url, '--ca', ca]);
        expect(run.out).toMatch(/is not a jobmock server.*--states-url <url>.*--no-states/);
        expect(run.code).toBe(2);
      } finally {
        await provider.close();
      }
    });
  });
});
