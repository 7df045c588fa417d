import { awsBatch } from '../../mocks/aws-batch';
import { bigchange } from '../../mocks/bigchange';
import type { AnyApiDefinition } from '../../src/api';
import type { ClientCredentials } from '../../src/verify/client-credentials';
import { defaultPactFile } from '../../src/verify/pact-files';
import { verifyPact } from '../../src/verify/verify-pact';
import type { BatchBugs } from '../fixtures/providers/aws-batch-provider';
import type { BigChangeBugs } from '../fixtures/providers/bigchange-provider';
import { FIXTURE_AWS_CREDENTIALS, fixtureProviders } from '../fixtures/providers/fixture-providers';
import type { RunningProvider } from '../fixtures/providers/https-server';

jest.setTimeout(120_000);

const AWS = FIXTURE_AWS_CREDENTIALS;
const providers = fixtureProviders();

/** Verifies the committed pact of `api` against a running fixture provider, over https, with its states URL. */
async function verifyAgainst(
  api: AnyApiDefinition,
  provider: RunningProvider,
  credentials: ClientCredentials = {},
) {
  try {
    const outcomes = await verifyPact({
      api,
      baseUrl: provider.url,
      pactFile: defaultPactFile(api.id),
      states: { mode: 'url', url: provider.statesUrl },
      specCheck: false,
      headers: {},
      demoAuth: true,
      credentials,
      tls: { ca: providers.ca() },
    });
    return {
      failed: Object.fromEntries(
        outcomes.filter((o) => o.outcome === 'failed').map((o) => [o.description, o.details.join('\n')]),
      ),
      passed: outcomes.filter((o) => o.outcome === 'passed').length,
      total: outcomes.length,
    };
  } finally {
    await provider.close();
  }
}

const awsProvider = (bugs?: BatchBugs) => providers.aws(bugs);
const bigChangeProvider = (bugs?: BigChangeBugs) => providers.bigchange(bugs);

describe('the committed pacts verify against providers jobmock did not write (https, their own ids)', () => {
  it('AWS Batch: every interaction passes, signed with the provider’s own key for eu-west-2', async () => {
    const { failed, passed, total } = await verifyAgainst(awsBatch, await awsProvider(), AWS);
    expect(failed).toEqual({});
    expect(passed).toBe(total);
    expect(total).toBeGreaterThan(10);
  });

  it('BigChange on SQLite: every interaction passes', async () => {
    const { failed, passed, total } = await verifyAgainst(bigchange, await bigChangeProvider());
    expect(failed).toEqual({});
    expect(passed).toBe(total);
    expect(total).toBeGreaterThan(15);
  });
});

describe('a broken provider fails exactly the interactions its bugs break', () => {
  const bugs = { cancelIgnored: true, wrongErrorShape: true, noAuthCheck: true };

  it('AWS Batch: a cancel that changes nothing, errors without x-amzn-ErrorType, no signature check', async () => {
    const { failed, passed, total } = await verifyAgainst(awsBatch, await awsProvider(bugs), AWS);
    expect(Object.keys(failed).sort()).toEqual([
      'a request signed with an unknown access key',
      'a request to cancel with an empty reason',
      'a request to describe a job that was cancelled',
    ]);
    expect(failed['a request to describe a job that was cancelled']).toMatch(/'RUNNABLE'.*'FAILED'/);
    expect(failed['a request signed with an unknown access key']).toMatch(/expected 403 but was 200/);
    expect(failed['a request to cancel with an empty reason']).toMatch(/x-amzn-ErrorType/);
    expect(passed).toBe(total - 3);
  });

  it('BigChange: a cancel that changes nothing, a 404 that is not problem+json, no token check', async () => {
    const { failed, passed, total } = await verifyAgainst(bigchange, await bigChangeProvider(bugs));
    expect(Object.keys(failed).sort()).toEqual(
      [
        "a request to cancel another customer's job",
        'a request to cancel a job that does not exist',
        'a request to cancel a job with a token that has jobs:read but not jobs:write',
        'a request to cancel a job with an invalid bearer token',
        'a request for the latest status change of a job that was cancelled',
        'a request to get a job that was cancelled',
      ].sort(),
    );
    expect(failed['a request to get a job that was cancelled']).toMatch(/'scheduled'.*'cancelled'/);
    expect(failed['a request to cancel a job that does not exist']).toMatch(
      /missing the following keys: detail, instance, status, title, type/,
    );
    expect(failed['a request to cancel a job with an invalid bearer token']).toMatch(
      /expected 401 but was 204/,
    );
    expect(failed['a request to cancel a job with a token that has jobs:read but not jobs:write']).toMatch(
      /expected 403 but was 204/,
    );
    expect(passed).toBe(total - 6);
  });
});
