import { join } from 'node:path';
import { createMockService } from '../../src/mock-service';
import { listen } from '../../src/server/http-server';
import { verifyPact } from '../../src/verify/verify-pact';
import { brokenAwsBatch } from '../fixtures/broken-aws-batch';

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
});
