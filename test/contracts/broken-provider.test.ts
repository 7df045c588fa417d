import { join } from 'node:path';
import { createMockService } from '../../src/mock-service';
import { listen } from '../../src/server/http-server';
import { verifyPact } from '../../src/verify/verify-pact';
import { brokenAwsBatch } from '../fixtures/broken-aws-batch';
import { brokenFabric } from '../fixtures/broken-fabric';

import type { AnyApiDefinition } from '../../src/index';

jest.setTimeout(120_000);

/**
 * Verifies a committed pact against a jobmock server that serves only `api` (a broken copy of a real API), with
 * the spec check on; returns what failed (description → details) and the descriptions that passed.
 */
async function verifyBroken(api: AnyApiDefinition, pactFile: string) {
  const server = await listen(createMockService({ apis: [api], clock: 'manual' }), { port: 0 });
  try {
    const outcomes = await verifyPact({
      api,
      baseUrl: `${server.url}/${api.id}`,
      pactFile: join(__dirname, '..', '..', 'contracts', 'pacts', pactFile),
      states: { mode: 'auto' },
      specCheck: true,
      headers: {},
      demoAuth: true,
    });
    return {
      failed: Object.fromEntries(
        outcomes.filter((o) => o.outcome === 'failed').map((o) => [o.description, o.details.join('\n')]),
      ),
      passed: outcomes.filter((o) => o.outcome === 'passed').map((o) => o.description),
      total: outcomes.length,
    };
  } finally {
    await server.close();
  }
}

describe('provider verification catches a broken provider', () => {
  it('fails exactly the interactions whose behaviour was broken, and says why', async () => {
    const { failed, passed, total } = await verifyBroken(
      brokenAwsBatch,
      'batch-job-dashboard-aws-batch.json',
    );
    expect(Object.keys(failed).sort()).toEqual([
      'a request to cancel with an empty reason',
      'a request to describe a job that was cancelled',
      'a request to describe a job that was terminated',
    ]);
    expect(failed['a request to cancel with an empty reason']).toMatch(/x-amzn-ErrorType/);
    expect(failed['a request to describe a job that was cancelled']).toMatch(/spec: .*isCancelled.*boolean/);
    expect(failed['a request to describe a job that was terminated']).toMatch(/spec: .*isCancelled.*boolean/);
    expect(passed.length).toBe(total - 3);
  });

  it('fails the Fabric interactions whose behaviour was broken, and says why', async () => {
    const { failed, passed, total } = await verifyBroken(brokenFabric, 'fabric-platform-fabric.json');
    const badAuth = [
      'a request to cancel a job instance with a bearer token instead of SubjectAndApp',
      'a request to cancel a job instance with a tenant domain instead of a tenant GUID',
    ];
    const stuck = 'a request to cancel a job instance in state InProgress';
    expect(Object.keys(failed).sort()).toEqual([...badAuth, stuck].sort());
    // The job that does not change state: still InProgress.
    expect(failed[stuck]).toMatch(/Expected 'InProgress' \(String\) to be equal to 'Cancelled' \(String\)/);
    // The wrong shape: the spec check turns the PascalCase ErrorResponse into a 500 that names it.
    for (const description of badAuth) {
      expect(failed[description]).toMatch(/expected 401 but was 500/);
      expect(failed[description]).toMatch(
        /spec: response: body\/errorCode: must have required property 'errorCode'/,
      );
      expect(failed[description]).toMatch(
        /spec: response: body: must NOT have additional properties \('ErrorCode'\)/,
      );
    }
    expect(passed.length).toBe(total - 3);
    expect(passed).toEqual(
      expect.arrayContaining([
        'a request to cancel a job instance in state NotStarted',
        'a request to cancel a job instance that has completed',
        'a request for the state of a job instance that was cancelled',
        'a request to create a job instance run by a user',
        'a request to cancel a job instance whose id is not a GUID',
      ]),
    );
  });
});
