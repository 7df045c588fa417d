import { registry } from '../../mocks/index';
import type { Profile } from '../../src/api';
import { demoSeed } from '../../src/engine/seed-entry';
import { isCancellable } from '../../src/core/machine';
import { sendAsDemoClient, succeeded } from '../support/demo-client';
import { startServer } from '../support/server-harness';
import { cancelOperation } from './spec-of';

type Server = Awaited<ReturnType<typeof startServer>>;

const PROFILES: readonly Profile[] = ['documented', 'upstream'];
const APIS = registry.map((api) => [api.id, api] as const);

/** A job id in the API's own format that none of these tests creates. */
const UNKNOWN_SEQUENCE = 999_999;

/**
 * The states in which the profile's cancel takes effect: the machine's, or, in the upstream profile, the cancel
 * operation's `x-upstream-cancellable-states` where the spec gives them.
 */
function cancellableIn(api: (typeof registry)[number], profile: Profile): (state: string) => boolean {
  const upstream = profile === 'upstream' ? cancelOperation(api)?.upstreamCancellableStates : undefined;
  return (state) => upstream?.includes(state) ?? isCancellable(api.machine, state);
}

/**
 * Strict mode finds no violation in any scenario: for every API and every state of its machine, a job in that
 * state (made through the admin API) is cancelled and read back by a client holding the demo credentials,
 * over HTTP, in both profiles. Cancel leaves the job where the machine (or, upstream, the spec's
 * `x-upstream-cancellable-states`) says, and the read shows it there.
 */
describe.each(PROFILES)('strict mode, %s profile', (profile) => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer({ profile });
  });
  afterAll(() => server.close());

  describe.each(APIS)('%s', (_id, api) => {
    const baseUrl = () => `${server.url}/${api.id}`;
    const cancellable = cancellableIn(api, profile);

    it.each([...api.machine.states])('cancels and reads a job in %s without a violation', async (state) => {
      const created = await server.admin.createJob(api.id, state);
      expect(created.status).toBe(201);
      const id = String(created.body!.id);

      const cancel = await sendAsDemoClient(api, baseUrl(), api.jobRequests.cancel(id));
      expect(cancel.violations).toBeNull();
      if (cancellable(state)) expect(succeeded(api, cancel)).toBe(true);

      const read = await sendAsDemoClient(api, baseUrl(), api.jobRequests.read(id));
      expect(read.violations).toBeNull();
      expect(succeeded(api, read)).toBe(true);

      const expected = cancellable(state) ? api.machine.cancelTo : state;
      expect((await server.admin.getJob(api.id, id)).body!.state).toBe(expected);
      expect(api.jobRequests.stateOf(read.body)).toBe(expected);
    });

    it('creates a job with its own create operation (if it has one), read back in the initial state', async () => {
      const create = api.jobRequests.create;
      if (!create) return expect(api.id).toBe('kbase'); // the BFF has no create call
      const created = await sendAsDemoClient(api, baseUrl(), create.request(api.newId(UNKNOWN_SEQUENCE - 1)));
      expect({ violations: created.violations, succeeded: succeeded(api, created) }).toEqual({
        violations: null,
        succeeded: true,
      });
      const id = create.idOf(created.body, api.newId(UNKNOWN_SEQUENCE - 1));
      const read = await sendAsDemoClient(api, baseUrl(), api.jobRequests.read(id!));
      expect(read.violations).toBeNull();
      expect(api.jobRequests.stateOf(read.body)).toBe(api.machine.initial);
      expect((await server.admin.getJob(api.id, id!)).body!.state).toBe(api.machine.initial);
    });

    it('cancels and reads an unknown job without a violation', async () => {
      const unknown = api.newId(UNKNOWN_SEQUENCE);
      const cancel = await sendAsDemoClient(api, baseUrl(), api.jobRequests.cancel(unknown));
      expect(cancel.violations).toBeNull();
      // The documented behaviour of every API is to refuse it; upstream, some answer as if it had worked, and
      // those the spec marks `x-upstream-cancels-unknown-jobs` make the job, cancelled.
      if (profile === 'documented') expect(succeeded(api, cancel)).toBe(false);
      const read = await sendAsDemoClient(api, baseUrl(), api.jobRequests.read(unknown));
      expect(read.violations).toBeNull();
      const made = profile === 'upstream' && cancelOperation(api)?.upstreamCancelsUnknownJobs === true;
      const after = await server.admin.getJob(api.id, unknown);
      expect(after.status).toBe(made ? 200 : 404);
      if (made) {
        expect(succeeded(api, cancel)).toBe(true);
        expect(after.body!.state).toBe(api.machine.cancelTo);
      }
    });
  });
});

/** `npm start` (`jobmock serve --demo`) shows a job in every state of every API, each readable as it is. */
describe('the demo data', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer({ seed: demoSeed(registry) });
  });
  afterAll(() => server.close());

  it.each(APIS)('of %s has a job in every state, each read without a violation', async (_id, api) => {
    const listed = await server.admin.call('GET', `/jobs?api=${api.id}`);
    const jobs = listed.body!.jobs as { id: string; state: string }[];
    expect([...new Set(jobs.map((job) => job.state))].sort()).toEqual([...api.machine.states].sort());
    for (const job of jobs) {
      const read = await sendAsDemoClient(api, `${server.url}/${api.id}`, api.jobRequests.read(job.id));
      expect({
        job,
        violations: read.violations,
        succeeded: succeeded(api, read),
        state: api.jobRequests.stateOf(read.body),
      }).toEqual({ job, violations: null, succeeded: true, state: job.state });
    }
  });
});
