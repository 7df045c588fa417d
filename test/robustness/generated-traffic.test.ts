import fc from 'fast-check';
import { registry } from '../../mocks/index';
import { readFileSync } from 'node:fs';
import { ApiTraffic, startWatch, TRAFFIC_RUNS } from './support/traffic';

/**
 * Generated traffic: for every API of the registry, calls built from its spec — valid, and broken
 * in path, query, headers, body and auth — each checked as Schemathesis does: no 5xx without an injected
 * fault, a status the operation declares, the declared content type, a body that matches the schema for that
 * status, the required headers; and no failed call changes the store, reads a file or reaches the network.
 * JOBMOCK_TRAFFIC_RUNS raises the number of calls (10,000 per API by default).
 */
describe.each(registry.map((api) => [api.id, api] as const))('generated traffic: %s', (_id, api) => {
  it(`${TRAFFIC_RUNS} generated calls, valid and broken, all answered as the spec says`, async () => {
    const traffic = new ApiTraffic(api);
    try {
      await traffic.ready;
      await fc.assert(
        fc.asyncProperty(traffic.cases(), (c) => traffic.check(c)),
        { numRuns: TRAFFIC_RUNS, seed: seedFromEnv() },
      );
    } finally {
      await traffic.close();
    }
    const { stats } = traffic;
    if (process.env.JOBMOCK_TRAFFIC_VERBOSE) console.info(api.id, JSON.stringify(stats));
    expect(stats.calls).toBeGreaterThanOrEqual(TRAFFIC_RUNS);
    // The generator must reach the handlers, not only auth and validation errors.
    expect(stats.validOk / stats.valid).toBeGreaterThan(0.2);
    // On Redis (the `redis` test project) every call takes several round trips.
  }, 600_000);
});

/**
 * The same calls on every run, so CI is reproducible: JOBMOCK_TRAFFIC_SEED picks another seed, and `random` a
 * new one each run (fast-check prints it with any counterexample).
 */
function seedFromEnv(): number | undefined {
  const seed = process.env.JOBMOCK_TRAFFIC_SEED ?? '20261123';
  return seed === 'random' ? undefined : Number(seed);
}

describe('generated traffic: the file and network watch', () => {
  it('sees a file read made during a call', () => {
    const watch = startWatch();
    readFileSync(__filename);
    expect(watch.stop()).toEqual([expect.stringContaining('readFileSync')]);
    expect(startWatch().stop()).toEqual([]);
  });
});
