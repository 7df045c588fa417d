import { join } from 'node:path';
import { createMockService } from '../../src/mock-service';
import { listen } from '../../src/server/http-server';
import { verifyPact } from '../../src/verify/verify-pact';
import { brokenAwsBatch } from '../fixtures/broken-aws-batch';
import { brokenFabric } from '../fixtures/broken-fabric';

jest.setTimeout(120_000);

describe('provider verification catches a broken provider', () => {
  it('fails exactly the interactions whose behaviour was broken, and says why', async () => {
    const server = await listen(createMockService({ apis: [brokenAwsBatch], clock: 'manual' }), { port: 0 });
    try {
      const outcomes = await verifyPact({
        api: brokenAwsBatch,
        baseUrl: `${server.url}/aws-batch`,
        pactFile: join(__dirname, '..', '..', 'contracts', 'pacts', 'batch-job-dashboard-aws-batch.json'),
        states: { mode: 'jobmock' },
        specCheck: true,
        headers: {},
        demoAuth: true,
      });
      const failed = Object.fromEntries(
        outcomes.filter((o) => o.outcome === 'failed').map((o) => [o.description, o.details.join('\n')]),
      );
      expect(Object.keys(failed).sort()).toEqual([
        'a request to cancel a job that does not exist',
        'a request to cancel with an empty reason',
        'a request to describe a cancelled job',
      ]);
      expect(failed['a request to cancel a job that does not exist']).toMatch(/x-amzn-ErrorType/);
      expect(failed['a request to cancel with an empty reason']).toMatch(/x-amzn-ErrorType/);
      expect(failed['a request to describe a cancelled job']).toMatch(/spec: .*isCancelled.*boolean/);
      expect(outcomes.filter((o) => o.outcome === 'passed').length).toBe(outcomes.length - 3);
    } finally {
      await server.close();
    }
  });

  it('fails the Fabric interactions whose behaviour was broken, and says why', async () => {
    const server = await listen(createMockService({ apis: [brokenFabric], clock: 'manual' }), { port: 0 });
    try {
      const outcomes = await verifyPact({
        api: brokenFabric,
        baseUrl: `${server.url}/fabric`,
        pactFile: join(__dirname, '..', '..', 'contracts', 'pacts', 'fabric-platform-fabric.json'),
        states: { mode: 'jobmock' },
        specCheck: true,
        headers: {},
        demoAuth: true,
      });
      const failed = Object.fromEntries(
        outcomes.filter((o) => o.outcome === 'failed').map((o) => [o.description, o.details.join('\n')]),
      );
      const notFound = [
        'a request for the state of a job instance that does not exist',
        'a request to cancel a job instance that does not exist',
        'a request to cancel a job instance under an item it does not belong to',
      ];
      const badAuth = [
        'a request to cancel a job instance with a bearer token instead of SubjectAndApp',
        'a request to cancel a job instance with a tenant domain instead of a tenant GUID',
      ];
      const stuck = 'a request to cancel a job instance in state InProgress';
      expect(Object.keys(failed).sort()).toEqual([...notFound, ...badAuth, stuck].sort());
      // The job that does not change state: still InProgress, and no end time.
      expect(failed[stuck]).toMatch(/Expected 'InProgress' \(String\) to be equal to 'Cancelled' \(String\)/);
      expect(failed[stuck]).toMatch(/missing the following keys: endTimeUtc/);
      // The missing error: 200 (a valid ItemJobInstanceState, so only the contract sees it) instead of 404.
      for (const description of notFound) {
        expect(failed[description]).toMatch(/expected 404 but was 200/);
        expect(failed[description]).toMatch(
          /missing the following keys: errorCode, isPermanent, message, source/,
        );
        expect(failed[description]).not.toMatch(/spec: /);
      }
      // The wrong shape: the spec check turns the PascalCase ErrorResponse into a 500 that names it.
      for (const description of badAuth) {
        expect(failed[description]).toMatch(/expected 401 but was 500/);
        expect(failed[description]).toMatch(
          /spec: response\.body: .*must have required property 'errorCode'/,
        );
        expect(failed[description]).toMatch(
          /spec: response\.body: .*additional properties; found 'ErrorCode'/,
        );
      }
      const passed = outcomes.filter((o) => o.outcome === 'passed').map((o) => o.description);
      expect(passed.length).toBe(outcomes.length - 6);
      expect(passed).toEqual(
        expect.arrayContaining([
          'a request to cancel a job instance in state NotStarted',
          'a request to cancel a job instance in state Completed, which keeps its state',
          'a request for the state of a cancelled job instance',
          'a request to create a job instance run by a user',
          'a request to cancel a job instance whose id is not a GUID',
        ]),
      );
    } finally {
      await server.close();
    }
  });
});
