import fc from 'fast-check';
import { registry } from '../../mocks/index';
import { withPlantedBug } from './support/planted-bug';
import { ApiTraffic } from './support/traffic';

/**
 * The generated-traffic suite can fail: with one handler planted to return a body of the wrong shape, the
 * same property finds it, and shrinks it to a small call of that operation.
 */
describe.each(registry.map((api) => [api.id, api] as const))('planted bug: %s', (_id, api) => {
  it('a handler that returns a wrong shape is found and shrunk', async () => {
    const { api: broken, operation } = withPlantedBug(api);
    const traffic = new ApiTraffic(broken);
    const details = await fc.check(
      fc.asyncProperty(traffic.cases(), (c) => traffic.check(c)),
      { numRuns: 5_000, seed: 8 },
    );
    expect(details.failed).toBe(true);
    const [found] = details.counterexample!;
    if (process.env.JOBMOCK_TRAFFIC_VERBOSE) console.info(JSON.stringify(found));
    expect(String(details.errorInstance)).toContain(api.id);
    expect(JSON.stringify(found.body ?? '') + found.operation).toContain(operation);
    // The same call against the real handler passes every check.
    const real = new ApiTraffic(api);
    expect((await real.run(found)).problems).toEqual([]);
  });
});
