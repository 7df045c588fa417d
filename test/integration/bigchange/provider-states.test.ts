import { bigchange, BIGCHANGE_PROVIDER_STATES } from '../../../mocks/bigchange';
import { applyProviderState } from '../../../src/admin/provider-states';
import { testEngine } from '../../support/engine-harness';
import { engineFetch } from '../../support/engine-fetch';
import { bearer, bigChangeClient, CUSTOMER } from '../../support/clients/bigchange-client';

const TOKEN_STATE = BIGCHANGE_PROVIDER_STATES[1];

function setup() {
  const t = testEngine({ apis: [bigchange] });
  const client = bigChangeClient(engineFetch(t.service));
  const jobId = Number(t.tx((tx) => t.engine.createJob(tx, 'bigchange', { state: 'scheduled' })).id);
  const params = { header: { 'Customer-Id': CUSTOMER }, path: { jobId } };
  const state = (params: Record<string, unknown>) =>
    t.tx((tx) => applyProviderState(t.engine, tx, 'bigchange', { state: TOKEN_STATE, params }));
  return { t, client, jobId, params, state };
}

describe(`bigchange provider state "a token {token} with scopes {scopes}"`, () => {
  it('is declared under its exact name', () => {
    expect(TOKEN_STATE).toBe('a token {token} with scopes {scopes}');
    expect(Object.keys(bigchange.providerStates!)).toEqual([...BIGCHANGE_PROVIDER_STATES]);
  });

  it('makes a fixed bearer token valid with both job scopes: reads and cancels work', async () => {
    const { client, params, state } = setup();
    const token = 'pact-token-read-write';
    expect((await client.GET('/v1/jobs/{jobId}', { params, headers: bearer(token) })).response.status).toBe(
      401,
    );
    state({ token, scopes: 'jobs:read jobs:write' });
    const read = await client.GET('/v1/jobs/{jobId}', { params, headers: bearer(token) });
    expect(read.data?.status).toBe('scheduled');
    const cancel = await client.PUT('/v1/jobs/{jobId}/cancel', {
      params,
      headers: bearer(token),
      body: { reason: 'No longer needed' },
    });
    expect(cancel.response.status).toBe(204);
  });

  it('gives the token exactly its scopes: jobs:read only is a 403 on cancel and leaves the job alone', async () => {
    const { client, params, state } = setup();
    state({ token: 'pact-token-read', scopes: ['jobs:read'] });
    const { response, error } = await client.PUT('/v1/jobs/{jobId}/cancel', {
      params,
      headers: bearer('pact-token-read'),
      body: { reason: 'No longer needed' },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(error).toMatchObject({ status: 403, detail: expect.stringMatching(/jobs:write/) });
    const read = await client.GET('/v1/jobs/{jobId}', { params, headers: bearer('pact-token-read') });
    expect(read.data?.status).toBe('scheduled');
  });

  it('leaves other tokens alone: an unknown or forged token is still a 401 invalid_token', async () => {
    const { client, params, state } = setup();
    state({ token: 'pact-token-read-write', scopes: 'jobs:read jobs:write' });
    const { response } = await client.GET('/v1/jobs/{jobId}', {
      params,
      headers: bearer('not-a-valid-token'),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
  });

  it('is forgotten when the session is reset (the teardown after each interaction)', async () => {
    const { t, client, state } = setup();
    state({ token: 'pact-token-read-write', scopes: 'jobs:read jobs:write' });
    t.tx((tx) => applyProviderState(t.engine, tx, 'bigchange', { state: TOKEN_STATE, action: 'teardown' }));
    const jobId = Number(t.tx((tx) => t.engine.createJob(tx, 'bigchange', { state: 'new' })).id);
    const { response } = await client.GET('/v1/jobs/{jobId}', {
      params: { header: { 'Customer-Id': CUSTOMER }, path: { jobId } },
      headers: bearer('pact-token-read-write'),
    });
    expect(response.status).toBe(401);
  });

  it.each([
    ['no token', { scopes: 'jobs:read' }, /token/],
    ['a token with a space', { token: 'a b', scopes: 'jobs:read' }, /token/],
    ['no scopes', { token: 't' }, /scopes/],
    ['an unknown scope', { token: 't', scopes: 'jobs:read assets:write' }, /unknown: assets:write/],
  ])('refuses %s', (_what, params, message) => {
    const { state } = setup();
    expect(() => state(params)).toThrow(message);
  });
});
