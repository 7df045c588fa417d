import { registry } from '../../../mocks/index';
import { withPlantedBug } from '../support/planted-bug';
import type { TrafficCase } from '../support/traffic';
import { ApiTraffic } from '../support/traffic';

/**
 * Regression format: a shrunk counterexample of the generated-traffic property, saved as it was printed
 * (`Counterexample: [...]`), replayed against the API. This one is the planted bug's (planted-bug.test.ts,
 * seed 8): CancelJob answering a body of the wrong shape. Cases found in the real mocks go in this folder
 * the same way, each with the fix it checks.
 */
const found: TrafficCase = {
  operation: 'CancelJob',
  method: 'POST',
  template: '/v1/canceljob',
  pathParams: {},
  query: [],
  headers: {},
  body: { json: { jobId: '00000000-0000-4000-8000-000000000001', reason: ' ' } },
  contentType: 'application/json',
  mutations: [],
  inject: undefined,
};

const api = registry.find((a) => a.id === 'aws-batch');

(api ? describe : describe.skip)('regression: a cancel reply of the wrong shape (planted)', () => {
  it('is reported against the planted handler', async () => {
    const traffic = new ApiTraffic(withPlantedBug(api!).api);
    const { problems } = await traffic.run(found);
    expect(problems.join('\n')).toMatch(/CancelJob: body: must be object/);
  });

  it('passes against the real handler', async () => {
    const traffic = new ApiTraffic(api!);
    const { reply, problems } = await traffic.run(found);
    expect(problems).toEqual([]);
    expect(reply.status).toBe(200);
  });
});
