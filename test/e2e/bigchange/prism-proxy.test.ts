import { machine } from '../../../mocks/bigchange/machine';
import { expectNoPrismViolation, prismProxyScenario } from '../../support/prism-proxy';
import {
  bearer,
  bigChangeClient,
  CUSTOMER,
  demoToken,
  formBody,
} from '../../support/clients/bigchange-client';

/**
 * Prism as an independent oracle: every call of a BigChange scenario goes through
 * `prism proxy specs/bigchange/openapi.yaml <jobmock> --errors`, which fails any reply that breaks the spec.
 */
describe('prism proxy --errors finds no violation in a BigChange scenario', () => {
  const scenario = prismProxyScenario('bigchange');

  it('token, create, read, cancel in every state, history, and the errors all pass through unflagged', async () => {
    const client = bigChangeClient(scenario.fetch, scenario.prism.url);
    const token = await demoToken(client);
    const header = { 'Customer-Id': CUSTOMER };
    const calls = (jobId: number, credentials = bearer(token)) => {
      const params = { header, path: { jobId } };
      return {
        get: () => client.GET('/v1/jobs/{jobId}', { params, headers: credentials }),
        history: () => client.GET('/v1/jobs/{jobId}/statuses', { params, headers: credentials }),
        cancel: (reason = 'No longer needed') =>
          client.PUT('/v1/jobs/{jobId}/cancel', { params, headers: credentials, body: { reason } }),
      };
    };

    const created = await client.POST('/v1/jobs', {
      params: { header },
      headers: bearer(token),
      body: { reference: 'E2E-1', description: 'through Prism' },
    });
    expect(created.response.status).toBe(201);
    const job = calls(created.data!.id);
    await job.get();
    expect((await job.cancel()).response.status).toBe(204);
    await job.history();
    for (const state of machine.states) {
      const seeded = calls(Number((await scenario.server.admin.createJob('bigchange', state)).body!.id));
      await seeded.cancel(`cancel from ${state}`);
      await seeded.get();
    }

    expect((await job.cancel()).response.status).toBe(422);
    expect((await calls(999_999).get()).response.status).toBe(404);
    expect((await calls(999_999).cancel()).response.status).toBe(404);
    const readOnly = await demoToken(client, 'jobs:read');
    expect((await calls(created.data!.id, bearer(readOnly)).cancel()).response.status).toBe(403);
    expect((await calls(created.data!.id, bearer('not-a-token')).get()).response.status).toBe(401);
    const refused = await client.POST('/connect/token', {
      body: { grant_type: 'client_credentials', client_id: 'demo', client_secret: 'wrong' },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      bodySerializer: formBody,
    });
    expect(refused.response.status).toBe(400);

    expectNoPrismViolation(scenario.verdicts, [200, 201, 204, 400, 401, 403, 404, 422]);
  });
});
