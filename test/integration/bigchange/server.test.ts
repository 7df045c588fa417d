import { bigchange } from '../../../mocks/bigchange';
import { MOUNTS, serveForTests } from '../../support/server-harness';
import { bearer, bigChangeClient, CUSTOMER, demoToken } from '../../support/clients/bigchange-client';

describe.each(MOUNTS)('a typed BigChange client against jobmock serve, the API %s', (mount) => {
  const served = serveForTests(bigchange, mount);

  it('gets a token, creates a job, cancels it and reads the cancel in the status history', async () => {
    const client = bigChangeClient((request) => fetch(request), served.url);
    const token = await demoToken(client);
    const header = { 'Customer-Id': CUSTOMER };
    const created = await client.POST('/v1/jobs', {
      params: { header },
      headers: bearer(token),
      body: { reference: 'JOB-7', status: 'unscheduled' },
    });
    expect(created.response.status).toBe(201);
    const params = { header, path: { jobId: created.data!.id } };
    const cancelled = await client.PUT('/v1/jobs/{jobId}/cancel', {
      params,
      headers: bearer(token),
      body: { reason: 'No longer needed' },
    });
    expect(cancelled.response.status).toBe(204);
    const history = await client.GET('/v1/jobs/{jobId}/statuses', { params, headers: bearer(token) });
    expect(history.data!.items.map((i) => [i.status, i.reason])).toEqual([
      ['unscheduled', null],
      ['cancelled', 'No longer needed'],
    ]);
    const again = await client.PUT('/v1/jobs/{jobId}/cancel', {
      params,
      headers: bearer(token),
      body: { reason: 'twice' },
    });
    expect(again.response.status).toBe(422);
    expect(again.response.headers.get('content-type')).toBe('application/problem+json');
    expect(again.response.headers.get('x-jobmock-violations')).toBeNull();
  });

  it('gets a token for the demo client through demoAuth, as `jobmock verify` does', async () => {
    const headers = await bigchange.demoAuth!({
      method: 'GET',
      baseUrl: served.url,
      path: '/v1/jobs/1',
      headers: {},
      body: '',
    });
    expect(headers.authorization).toMatch(/^Bearer eyJ/);
  });
});
