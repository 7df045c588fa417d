import { isCancellable } from '../../../src/index';
import { bigchange, BIGCHANGE_PROVIDER_STATES } from '../../../mocks/bigchange';
import type { BigChangeState } from '../../../mocks/bigchange/machine';
import { machine } from '../../../mocks/bigchange/machine';
import { apiTestEngine } from '../../support/engine-harness';
import type { BigChangeClient } from '../../support/clients/bigchange-client';
import {
  bearer,
  bigChangeClient,
  CUSTOMER,
  demoToken,
  formBody,
} from '../../support/clients/bigchange-client';

const NOT_CANCELLABLE: [BigChangeState, RegExp][] = [
  ['started', /already been started/],
  ['suspended', /suspended/],
  ['completedOk', /already been completed/],
  ['completedWithIssues', /already been completed/],
  ['cancelled', /already been cancelled/],
];

/** A fresh engine serving BigChange only, a typed client into it, and job set-up helpers. */
function setup(options: Parameters<typeof apiTestEngine>[1] = {}) {
  const t = apiTestEngine(bigchange, options);
  const client = bigChangeClient(t.fetch);
  const job = (state: BigChangeState, owner?: string) => Number(t.createJob({ state, owner }).id);
  return { t, client, job };
}

function jobParams(jobId: number, customer: number = CUSTOMER) {
  return { header: { 'Customer-Id': customer }, path: { jobId } };
}

async function cancel(
  client: BigChangeClient,
  token: string,
  jobId: number,
  reason = 'Customer rang to cancel',
) {
  return client.PUT('/v1/jobs/{jobId}/cancel', {
    params: jobParams(jobId),
    headers: bearer(token),
    body: { reason },
  });
}

async function statusOf(client: BigChangeClient, token: string, jobId: number) {
  const { data } = await client.GET('/v1/jobs/{jobId}', { params: jobParams(jobId), headers: bearer(token) });
  return data?.status;
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
}

describe('bigchange token endpoint (client credentials)', () => {
  it('gives the demo client a bearer JWT with both job scopes when no scope is asked for', async () => {
    const { client } = setup();
    const { data, response } = await client.POST('/connect/token', {
      body: { grant_type: 'client_credentials', client_id: 'demo', client_secret: 'demo' },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      bodySerializer: formBody,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(data).toMatchObject({ expires_in: 3600, token_type: 'Bearer', scope: 'jobs:read jobs:write' });
    expect(claimsOf(data!.access_token!)).toMatchObject({ sub: 'demo', scope: 'jobs:read jobs:write' });
  });

  it.each(['jobs:read', 'jobs:write', 'jobs:write jobs:read'])(
    'carries exactly the scopes asked for: %s',
    async (scope) => {
      const { client } = setup();
      expect(claimsOf(await demoToken(client, scope)).scope).toBe(scope);
    },
  );

  it.each([
    ['a wrong secret', { client_id: 'demo', client_secret: 'nope' }, 400, 'invalid_client'],
    ['an unknown client', { client_id: 'someone', client_secret: 'demo' }, 400, 'invalid_client'],
    [
      'another grant type',
      { grant_type: 'password', client_id: 'demo', client_secret: 'demo' },
      400,
      'unsupported_grant_type',
    ],
    [
      'no grant type',
      { grant_type: undefined, client_id: 'demo', client_secret: 'demo' },
      400,
      'invalid_request',
    ],
    [
      'a scope the client may not have',
      { client_id: 'demo', client_secret: 'demo', scope: 'jobs:read assets:write' },
      400,
      'invalid_scope',
    ],
  ])('answers %s with the RFC 6749 error %s', async (_what, fields, status, error) => {
    const { t } = setup();
    const form = Object.entries({ grant_type: 'client_credentials', ...fields }).filter(
      ([, v]) => v !== undefined,
    ) as [string, string][];
    const reply = await t.send('POST', '/bigchange/connect/token', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    expect(reply.status).toBe(status);
    expect(reply.headers['content-type']).toBe('application/json');
    expect(reply.body).toMatchObject({ error, error_description: expect.any(String) });
  });

  it('answers an empty client id and secret with a 422 naming both fields', async () => {
    const { t } = setup();
    const reply = await t.send('POST', '/bigchange/connect/token', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=&client_secret=',
    });
    expect(reply.status).toBe(422);
    expect(reply.headers['content-type']).toBe('application/problem+json');
    expect(Object.keys((reply.body as { errors: object }).errors).sort()).toEqual([
      'client_id',
      'client_secret',
    ]);
  });
});

describe('bigchange jobs: lifecycle', () => {
  it('creates a job in new for the calling customer and moves it along the timeline to completedOk', async () => {
    const { client, t } = setup();
    const token = await demoToken(client);
    const created = await client.POST('/v1/jobs', {
      params: { header: { 'Customer-Id': CUSTOMER } },
      headers: bearer(token),
      body: { reference: 'JOB-1', contactId: 987654, status: 'new' },
    });
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({ status: 'new', reference: 'JOB-1', plannedStartAt: null });
    const id = created.data!.id;
    expect(created.response.headers.get('location')).toBe(`/bigchange/v1/jobs/${id}`);
    const seen: string[] = [];
    for (const ms of [0, 1_000, 2_000, 2_000, 2_000, 5_000, 10_000, 30_000]) {
      t.advance(ms);
      seen.push((await statusOf(client, token, id))!);
    }
    expect(seen).toEqual([
      'new',
      'scheduled',
      'sent',
      'read',
      'accepted',
      'onTheWay',
      'started',
      'completedOk',
    ]);
    const history = await client.GET('/v1/jobs/{jobId}/statuses', {
      params: jobParams(id),
      headers: bearer(token),
    });
    expect(history.data!.items.map((i) => i.status)).toEqual(seen);
  });

  it('creates a job in new when no status is given', async () => {
    const { t, client } = setup();
    const reply = await t.send('POST', '/bigchange/v1/jobs', {
      headers: { ...bearer(await demoToken(client)), 'customer-id': String(CUSTOMER) },
      body: { contactId: 987654 },
    });
    expect(reply).toMatchObject({ status: 201, body: { status: 'new', contactId: 987654 } });
  });

  it('creates a scheduled job only with a planned start (422 otherwise)', async () => {
    const { client } = setup();
    const token = await demoToken(client);
    const params = { header: { 'Customer-Id': CUSTOMER } };
    const refused = await client.POST('/v1/jobs', {
      params,
      headers: bearer(token),
      body: { status: 'scheduled' },
    });
    expect(refused.response.status).toBe(422);
    expect(refused.error).toMatchObject({ status: 422, errors: { plannedStartAt: [expect.any(String)] } });
    const plannedStartAt = '2024-05-14T09:00:00.000Z';
    const made = await client.POST('/v1/jobs', {
      params,
      headers: bearer(token),
      body: { status: 'scheduled', plannedStartAt },
    });
    expect(made.data).toMatchObject({ status: 'scheduled', plannedStartAt });
  });

  it('has the 13 visible statuses, and a reason to refuse cancel in each one it cannot cancel', () => {
    // Reachability and the cancellable states against the spec: test/conformance/machines.test.ts.
    expect(machine.states).toHaveLength(13);
    expect(NOT_CANCELLABLE.map(([state]) => state).sort()).toEqual(
      machine.states.filter((state) => !isCancellable(machine, state)).sort(),
    );
  });

  it.each(machine.states.map((s) => [s]))(
    'seeds a job in exactly %s with a history that leads there',
    async (state) => {
      const { client, job } = setup();
      const token = await demoToken(client);
      const id = job(state);
      expect(await statusOf(client, token, id)).toBe(state);
      const history = await client.GET('/v1/jobs/{jobId}/statuses', {
        params: jobParams(id),
        headers: bearer(token),
      });
      const statuses = history.data!.items.map((i) => i.status);
      expect(statuses[0]).toBe('new');
      expect(statuses.at(-1)).toBe(state);
    },
  );
});

describe('bigchange cancel', () => {
  it.each(machine.cancellable.map((s) => [s]))(
    'cancels a job in %s: 204 with no body and a cancelled entry with the reason',
    async (state) => {
      const { client, job } = setup();
      const token = await demoToken(client);
      const id = job(state);
      const { response, data } = await cancel(client, token, id, 'Boiler already replaced');
      expect(response.status).toBe(204);
      expect(data).toBeUndefined();
      expect(await response.text()).toBe('');
      expect(await statusOf(client, token, id)).toBe('cancelled');
      const history = await client.GET('/v1/jobs/{jobId}/statuses', {
        params: { ...jobParams(id), query: { direction: 'descending' } },
        headers: bearer(token),
      });
      expect(history.data!.items[0]).toMatchObject({
        status: 'cancelled',
        reason: 'Boiler already replaced',
      });
    },
  );

  it.each(NOT_CANCELLABLE)(
    'refuses a job in %s with a 422 ValidationProblemDetails saying why',
    async (state, why) => {
      const { client, job } = setup();
      const token = await demoToken(client);
      const id = job(state);
      const { response, error } = await cancel(client, token, id);
      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(error).toMatchObject({
        status: 422,
        detail: expect.stringMatching(why),
        instance: `/v1/jobs/${id}/cancel`,
        errors: { status: [`Job ${id} has the status ${state} and cannot be cancelled.`] },
      });
      expect(await statusOf(client, token, id)).toBe(state);
    },
  );

  it('answers an unknown job with 404 problem+json', async () => {
    const { client } = setup();
    const { response, error } = await cancel(client, await demoToken(client), 999);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(error).toMatchObject({ status: 404, detail: 'Job 999 was not found.' });
  });

  it("answers another customer's job with 404 and leaves it alone", async () => {
    const { client, job } = setup();
    const token = await demoToken(client);
    const id = job('scheduled', '8765');
    expect((await cancel(client, token, id)).response.status).toBe(404);
    const get = await client.GET('/v1/jobs/{jobId}', { params: jobParams(id), headers: bearer(token) });
    expect(get.response.status).toBe(404);
    const owner = await client.GET('/v1/jobs/{jobId}', {
      params: jobParams(id, 8765),
      headers: bearer(await demoToken(client, undefined, 'other')),
    });
    expect(owner.data?.status).toBe('scheduled');
  });

  it('refuses a Customer-Id that the token was not issued for with 403, whatever the job', async () => {
    const { client, job } = setup();
    const token = await demoToken(client);
    const id = job('scheduled', '8765');
    const { response, error } = await client.GET('/v1/jobs/{jobId}', {
      params: jobParams(id, 8765),
      headers: bearer(token),
    });
    expect(response.status).toBe(403);
    expect(error).toMatchObject({
      status: 403,
      detail: 'The access token does not give access to customer 8765.',
    });
  });

  it(`offers the provider state "${BIGCHANGE_PROVIDER_STATES[0]}"`, async () => {
    const { t, client } = setup();
    const token = await demoToken(client);
    t.providerState(BIGCHANGE_PROVIDER_STATES[0], { jobId: 77, state: 'sent' });
    expect((await cancel(client, token, 77)).response.status).toBe(404);
    const owner = await client.GET('/v1/jobs/{jobId}', {
      params: jobParams(77, 8765),
      headers: bearer(await demoToken(client, undefined, 'other')),
    });
    expect(owner.data?.status).toBe('sent');
  });
});

describe('bigchange auth', () => {
  it('answers a token without jobs:write with 403 problem+json, and leaves the job alone', async () => {
    const { client, job } = setup();
    const token = await demoToken(client, 'jobs:read');
    const id = job('scheduled');
    const { response, error } = await cancel(client, token, id);
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(error).toMatchObject({
      status: 403,
      detail: expect.stringMatching(/lacks the scope jobs:write that \w+ requires/),
    });
    expect(await statusOf(client, token, id)).toBe('scheduled');
  });

  it('answers a read with a token without jobs:read with 403', async () => {
    const { client, job } = setup();
    const { response } = await client.GET('/v1/jobs/{jobId}', {
      params: jobParams(job('new')),
      headers: bearer(await demoToken(client, 'jobs:write')),
    });
    expect(response.status).toBe(403);
  });

  it.each([
    ['no Authorization header', undefined, 'Bearer'],
    ['another scheme', 'Basic ZGVtbzpkZW1v', 'Bearer'],
    ['a token that is not a JWT', 'Bearer not-a-jwt', /^Bearer error="invalid_token"/],
    [
      'a forged token',
      'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl',
      /^Bearer error="invalid_token"/,
    ],
  ])('answers %s with 401 problem+json and a Bearer challenge', async (_what, authorization, challenge) => {
    const { t, job } = setup();
    const id = job('new');
    const reply = await t.send('PUT', `/bigchange/v1/jobs/${id}/cancel`, {
      headers: { 'customer-id': String(CUSTOMER), ...(authorization ? { authorization } : {}) },
      body: { reason: 'x' },
    });
    expect(reply.status).toBe(401);
    expect(reply.headers['content-type']).toBe('application/problem+json');
    expect(reply.headers['www-authenticate']).toEqual(
      typeof challenge === 'string' ? challenge : expect.stringMatching(challenge),
    );
  });

  it('expires tokens after an hour of virtual time', async () => {
    const { client, t, job } = setup();
    const token = await demoToken(client);
    const id = job('new');
    t.advance(3_599_000);
    expect(await statusOf(client, token, id)).toBe('new');
    t.advance(1_000);
    const { response } = await client.GET('/v1/jobs/{jobId}', {
      params: jobParams(id),
      headers: bearer(token),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/invalid_token.*expired/);
  });
});

describe('bigchange malformed input', () => {
  it('reports every problem of a request at once with 400', async () => {
    const { t, client } = setup();
    const token = await demoToken(client);
    const reply = await t.send('PUT', '/bigchange/v1/jobs/abc/cancel', {
      headers: bearer(token),
      body: { reason: 5 },
    });
    expect(reply.status).toBe(400);
    expect(reply.headers['content-type']).toBe('application/problem+json');
    expect(Object.keys((reply.body as { errors: object }).errors).sort()).toEqual([
      'Customer-Id',
      'jobId',
      'reason',
    ]);
  });

  it.each([
    ['a Customer-Id that is not an int64', { 'customer-id': 'acme' }, JSON.stringify({ reason: 'x' })],
    ['a body that is not JSON', { 'customer-id': String(CUSTOMER) }, '{"reason":'],
    ['no body', { 'customer-id': String(CUSTOMER) }, ''],
  ])('answers %s with 400 problem+json', async (_what, headers, body) => {
    const { t, client, job } = setup();
    const id = job('new');
    const reply = await t.send('PUT', `/bigchange/v1/jobs/${id}/cancel`, {
      headers: { ...bearer(await demoToken(client)), 'content-type': 'application/json', ...headers },
      ...(body ? { body } : {}),
    });
    expect(reply.status).toBe(400);
    expect(reply.headers['content-type']).toBe('application/problem+json');
  });

  it.each([
    ['missing', {}],
    ['empty', { reason: '' }],
    ['too long', { reason: 'r'.repeat(501) }],
  ])('answers a reason that is %s with 422 errors.reason, as the spec documents', async (_what, body) => {
    const { t, client, job } = setup();
    const id = job('new');
    const reply = await t.send('PUT', `/bigchange/v1/jobs/${id}/cancel`, {
      headers: { ...bearer(await demoToken(client)), 'customer-id': String(CUSTOMER) },
      body,
    });
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ errors: { reason: [expect.any(String)] } });
  });
});

describe('bigchange status history', () => {
  it('pages and sorts the status changes', async () => {
    const { client, job } = setup();
    const token = await demoToken(client);
    const id = job('accepted');
    const page = await client.GET('/v1/jobs/{jobId}/statuses', {
      params: { ...jobParams(id), query: { pageNumber: 2, pageSize: 2, direction: 'descending' } },
      headers: bearer(token),
    });
    expect(page.data).toMatchObject({ pageNumber: 2, pageSize: 2, totalItems: 5, totalPages: 3 });
    expect(page.data!.items.map((i) => i.status)).toEqual(['sent', 'scheduled']);
  });
});

describe('bigchange faults', () => {
  it('honours the status of an injected fault in problem+json', async () => {
    const { client, t, job } = setup();
    const token = await demoToken(client);
    t.injectFault({ operation: 'cancelJob', status: 500, times: 1 });
    const { response, error } = await cancel(client, token, job('new'));
    expect(response.status).toBe(500);
    expect(error).toMatchObject({ status: 500 });
  });

  it('behaves the same in the upstream profile (no documented divergence)', async () => {
    const { client, job } = setup({ profile: 'upstream' });
    const token = await demoToken(client);
    expect((await cancel(client, token, job('onTheWay'))).response.status).toBe(204);
    expect((await cancel(client, token, job('started'))).response.status).toBe(422);
    expect(isCancellable(machine, 'onTheWay')).toBe(true);
  });
});
