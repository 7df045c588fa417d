import { machine } from '../../../mocks/itential/machine';
import { expectNoPrismViolation, prismProxyScenario } from '../../support/prism-proxy';
import { itentialClient, jobCalls, logIn, withQueryToken } from '../../support/clients/itential-client';

/**
 * Prism as an independent oracle: every call of an Itential scenario goes through
 * `prism proxy specs/itential/openapi.yaml <jobmock> --errors`, which fails any reply that breaks the spec.
 */
describe('prism proxy --errors finds no violation in an Itential scenario', () => {
  const scenario = prismProxyScenario('itential');

  it('login, start, get, pause, resume, cancel in every state, and the errors all pass through unflagged', async () => {
    const { server, prism } = scenario;
    const client = itentialClient(scenario.fetch, prism.url);
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
    await withQueryToken(itentialClient(scenario.fetch, prism.url), viewer).POST(
      '/workflow_engine/cancelJob',
      {
        body: { job_id: id },
      },
    );
    await jobCalls(client, 'bm90LWEtdG9rZW4').get(id);

    expectNoPrismViolation(scenario.verdicts, [200, 401, 403, 404, 409]);
  });
});
