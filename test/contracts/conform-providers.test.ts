import { awsBatch } from '../../mocks/aws-batch';
import { bigchange } from '../../mocks/bigchange';
import { fabric } from '../../mocks/fabric';
import type { AnyApiDefinition } from '../../src/api';
import type { ConformOptions } from '../../src/conform/conform';
import { conform } from '../../src/conform/conform';
import { createMockService } from '../../src/mock-service';
import { listen } from '../../src/server/http-server';
import { brokenAwsBatch } from '../fixtures/broken-aws-batch';
import { brokenFabric } from '../fixtures/broken-fabric';
import type { BatchBugs } from '../fixtures/providers/aws-batch-provider';
import type { BigChangeBugs } from '../fixtures/providers/bigchange-provider';
import { FIXTURE_AWS_CREDENTIALS, fixtureProviders } from '../fixtures/providers/fixture-providers';
import type { RunningProvider } from '../fixtures/providers/https-server';

jest.setTimeout(60_000);

const AWS = FIXTURE_AWS_CREDENTIALS;
const providers = fixtureProviders();

/** What failed (check name → the kinds of its findings), the checks skipped, and the report. */
async function conformAgainst(
  api: AnyApiDefinition,
  provider: RunningProvider,
  options: Partial<ConformOptions>,
) {
  try {
    const report = await conform({
      api,
      baseUrl: provider.url,
      tls: { ca: providers.ca() },
      pollIntervalMs: 100,
      timeoutMs: 3_000,
      ...options,
    });
    const failed = report.checks.filter((c) => c.outcome === 'failed');
    return {
      report,
      failed: Object.fromEntries(
        failed.map((c) => [c.name, [...new Set(c.findings.map((f) => f.kind))].sort()]),
      ),
      why: Object.fromEntries(failed.map((c) => [c.name, c.findings.map((f) => f.message).join('\n')])),
      skipped: report.checks.filter((c) => c.outcome === 'skipped').map((c) => c.name),
    };
  } finally {
    await provider.close();
  }
}

const awsProvider = (bugs?: BatchBugs) => providers.aws(bugs);
/** The BigChange fixture on a fresh SQLite file, with a token of both job scopes as `--token`. */
async function bigChangeRun(bugs?: BigChangeBugs) {
  const provider = await providers.bigchange(bugs);
  return { provider, credentials: { token: provider.service.issueToken('jobs:read jobs:write') } };
}

describe('jobmock conform passes providers jobmock did not write (https, their own ids and credentials)', () => {
  it('AWS Batch: every check passes; the job left to run never starts there, so its wait is skipped', async () => {
    const { report, failed, skipped } = await conformAgainst(awsBatch, await awsProvider(), {
      credentials: AWS,
    });
    expect(failed).toEqual({});
    expect(skipped).toEqual(['job 2: wait until the job is in a state cancel cannot take']);
    expect(report.checks.filter((c) => c.outcome === 'passed').length).toBeGreaterThanOrEqual(12);
    // The fixture answers a cancel of an unknown id with 200, as the real service does.
    expect(report.profile.profile).toBe('upstream');
    expect(report.jobsCreated).toBe(2);
  });

  it('BigChange on SQLite: every check passes', async () => {
    const { provider, credentials } = await bigChangeRun();
    const { report, failed } = await conformAgainst(bigchange, provider, { credentials, maxJobs: 1 });
    expect(failed).toEqual({});
    expect(report.checks.filter((c) => c.outcome === 'passed').length).toBe(10);
    expect(report.checks.find((c) => c.name === 'job 2: create a job and leave it to run')?.summary).toBe(
      '--max-jobs 1 leaves no job for it',
    );
    expect(report.jobsCreated).toBe(1);
    expect(report.profile.profile).toBe('indistinct');
  });
});

describe('jobmock conform fails exactly the checks a broken provider breaks, and says why', () => {
  it.each<[string, BatchBugs, Record<string, string[]>, RegExp]>([
    [
      'a cancel that does not move the job',
      { cancelIgnored: true },
      { 'job 1: the cancel ends in FAILED': ['cancel'] },
      /job .* is still SUBMITTED \(the --timeout has passed\); a cancel ends it in FAILED/,
    ],
    [
      'a jump the machine does not allow (a second cancel requeues the job)',
      { secondCancelRequeues: true },
      { 'job 1: the second cancel leaves the job in FAILED': ['move', 'unchanged'] },
      /FAILED → RUNNABLE is not a move of the machine \(from FAILED: none, FAILED is final\)/,
    ],
    [
      'an undeclared status (404 for an unknown id)',
      { unknownJobIs404: true },
      { 'cancel an unknown id': ['answer', 'spec'] },
      /status 404 is not declared for CancelJob[^]*answered HTTP 404; the API answers HTTP 400 \(documented\) or HTTP 200 \(upstream\)/,
    ],
    [
      'a wrong error shape (the query protocol’s, no x-amzn-ErrorType)',
      { wrongErrorShape: true },
      {
        'cancel with no credentials': ['spec'],
        'cancel with bad credentials': ['spec'],
        'send an invalid body': ['spec'],
      },
      /body\/message: must have required property 'message'/,
    ],
    [
      'a provider that ignores credentials',
      { noAuthCheck: true },
      { 'cancel with no credentials': ['answer'], 'cancel with bad credentials': ['answer'] },
      /answered HTTP 200; the API answers HTTP 403 \(both profiles\)[^]*the provider took a call without credentials/,
    ],
  ])('AWS Batch: %s', async (_bug, bugs, expected, why) => {
    const { failed, why: reasons } = await conformAgainst(awsBatch, await awsProvider(bugs), {
      credentials: AWS,
      maxJobs: 1,
    });
    expect(failed).toEqual(expected);
    expect(Object.values(reasons).join('\n')).toMatch(why);
  });

  it.each<[string, BigChangeBugs, Record<string, string[]>, RegExp]>([
    [
      'a cancel that does not move the job',
      { cancelIgnored: true },
      { 'job 1: the cancel ends in cancelled': ['cancel'] },
      /is still new \(the --timeout has passed\); a cancel ends it in cancelled/,
    ],
    [
      'a wrong error shape (a 404 that is not problem+json)',
      { wrongErrorShape: true },
      { 'cancel an unknown id': ['spec'] },
      /content type application\/json is not declared for status 404/,
    ],
    [
      'a provider that ignores credentials',
      { noAuthCheck: true },
      { 'cancel with no credentials': ['answer'], 'cancel with bad credentials': ['answer'] },
      /answered HTTP 404; the API answers HTTP 401 \(both profiles\)/,
    ],
  ])('BigChange: %s', async (_bug, bugs, expected, why) => {
    const { provider, credentials } = await bigChangeRun(bugs);
    const { failed, why: reasons } = await conformAgainst(bigchange, provider, { credentials, maxJobs: 1 });
    expect(failed).toEqual(expected);
    expect(Object.values(reasons).join('\n')).toMatch(why);
  });

  /** A broken copy of `api` served by jobmock's engine, conformed like any provider against the real `api`. */
  async function conformServed(broken: AnyApiDefinition, api: AnyApiDefinition) {
    const service = createMockService({ apis: [broken], only: api.id, clock: 'real', speed: 4 });
    const server = await listen(service, { port: 0 });
    try {
      return await conformAgainst(
        api,
        { url: server.url, statesUrl: '', close: () => server.close() },
        {
          maxJobs: 1,
          tls: undefined,
        },
      );
    } finally {
      service.close();
    }
  }

  it('Fabric with PascalCase auth errors: the checks without and with bad credentials', async () => {
    const { failed, why } = await conformServed(brokenFabric, fabric);
    expect(failed).toEqual({
      'cancel with no credentials': ['spec'],
      'cancel with bad credentials': ['spec'],
    });
    expect(why['cancel with no credentials']).toMatch(
      /body\/errorCode: must have required property 'errorCode'/,
    );
  });

  it('AWS Batch with a string isCancelled and 200 for bad input: every read, and the invalid body', async () => {
    const { failed, why } = await conformServed(brokenAwsBatch, awsBatch);
    expect(failed).toEqual({
      'job 1: read the job back': ['spec'],
      'job 1: the cancel ends in FAILED': ['spec'],
      'job 1: the second cancel leaves the job in FAILED': ['spec'],
      'send an invalid body': ['answer', 'spec'],
    });
    for (const read of ['job 1: read the job back', 'job 1: the cancel ends in FAILED'])
      expect(why[read]).toBe('body/jobs/0/isCancelled: must be boolean');
    // Its 200 for a refused body: neither the API's answer nor the API's reply (no request id).
    expect(why['send an invalid body']).toMatch(
      /answered HTTP 200; the API answers HTTP 400 \(both profiles\)/,
    );
    expect(why['send an invalid body']).toMatch(/the provider took a body the spec refuses \(HTTP 200\)/);
    expect(why['send an invalid body']).toMatch(/required header x-amzn-requestid is missing/);
  });
});
