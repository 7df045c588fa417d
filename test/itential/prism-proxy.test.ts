import { itential } from '../../mocks/itential';
import { machine } from '../../mocks/itential/machine';
import { startPrismProxy } from '../support/prism-proxy';
import type { PrismProxy } from '../support/prism-proxy';
import { startServer } from '../support/server-harness';
import type { Fetch } from './itential-client';
import { itentialClient, jobCalls, logIn, withQueryToken } from './itential-client';

jest.setTimeout(60_000);

/**
 * Prism as an independent oracle: every call of an Itential scenario goes through
 * `prism proxy specs/itential/openapi.yaml <jobmock> --errors`, which fails any reply that breaks the spec.
 */
describe('prism proxy --errors finds no violation in an Itential scenario', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let prism: PrismProxy;
  const seen: { call: string; status: number; violations: string | null }[] = [];
  const recording: Fetch = async (request) => {
    const call = `${request.method} ${new URL(request.url).pathname}`;
    const reply = await fetch(request);
    seen.push({ call, status: reply.status, violations: reply.headers.get('sl-violations') });
    return reply;
  };

  beforeAll(async () => {
    server = await startServer({ apis: [itential], only: 'itential' });
    prism = await startPrismProxy('specs/itential/openapi.yaml', server.url, { errors: true });
  });
  afterAll(async () => {
    await prism.close();
    await server.close();
  });

  it('login, start, get, pause, resume, cancel in every state, and the errors all pass through unflagged', async () => {
    const client = itentialClient(recording, prism.url);
    const calls = jobCalls(client, await logIn(client, 'admin'));
    const id = (await calls.start('8917Test2', { description: 'e2e', variables: { a: 1 } })).data!._id;
    await calls.get(id);
    await calls.pause(id);
    await calls.pause(id);
    await calls.resume(id);
    for (const state of machine.states) {
      const seeded = String((await server.admin.createJob('itential', state)).body!.id);
      await calls.cancel(seeded);
      await calls.get(seeded);
    }
    await calls.cancel('65a0ffffffffffffffffffff');
    await calls.start('NoSuchFlow');
    await client.POST('/login', { body: { user: { username: 'admin', password: 'wrong' } } });
    const viewer = await logIn(client, 'viewer');
    await withQueryToken(itentialClient(recording, prism.url), viewer).POST('/workflow_engine/cancelJob', {
      body: { job_id: id },
    });
    await jobCalls(client, 'bm90LWEtdG9rZW4').get(id);

    const statuses = seen.map((s) => s.status);
    expect(statuses).toEqual(expect.arrayContaining([200, 401, 403, 404, 409]));
    expect(seen.filter((s) => s.violations !== null)).toEqual([]);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
  });
});
