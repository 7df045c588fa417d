import { registry } from '../../../mocks/index';
import type { TrafficCase } from '../support/traffic';
import { ApiTraffic } from '../support/traffic';

/**
 * Found by the generated traffic (seed -1530961451, BigChange): the only query parameter dropped, then given a
 * wrong value. The generator itself crashed on it (it wrote into the dropped parameter); it now sends the wrong
 * value as a new parameter, and the API must answer that with its own 400.
 */
const found: TrafficCase = {
  operation: 'getJobStatusHistory',
  method: 'GET',
  template: '/v1/jobs/{jobId}/statuses',
  pathParams: { jobId: '1' },
  query: [['pageSize', '1']],
  headers: { 'customer-id': '4321' },
  body: undefined,
  contentType: undefined,
  mutations: [
    { at: 'query-drop', index: 0 },
    { at: 'query-wrong', index: 0, value: '' },
  ],
  inject: undefined,
};

describe('regression: a query parameter dropped and then given a wrong value', () => {
  it('is sent as an empty pageSize and answered as the spec says', async () => {
    const traffic = new ApiTraffic(registry.find((a) => a.id === 'bigchange')!);
    const { reply, problems } = await traffic.run(found);
    expect(problems).toEqual([]);
    expect(reply.status).toBe(400);
  });
});
