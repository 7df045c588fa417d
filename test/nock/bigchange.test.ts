import createClient from 'openapi-fetch';
import type { paths } from '../../specs/bigchange/types.gen';
import type { Interceptor } from '../../src/main';
import { intercept } from '../../src/main';

const API = 'https://api.bigchange.com';
/** The token endpoint lives on BigChange's auth host. */
const AUTH = 'https://auth.bigchange.com';
/** The customer the demo client's jobs belong to. */
const CUSTOMER = 4321;

/** A client-credentials token for the demo client, from the auth host (form-encoded, as OAuth 2.0 says). */
async function demoToken(): Promise<string> {
  const auth = createClient<paths>({ baseUrl: AUTH });
  const { data, response } = await auth.POST('/connect/token', {
    body: { grant_type: 'client_credentials', client_id: 'demo', client_secret: 'demo' },
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    // openapi-fetch picks the form encoding from the content type, but its check fails across jest's realms.
    bodySerializer: (body) => new URLSearchParams(body as Record<string, string>).toString(),
  });
  if (!data?.access_token) throw new Error(`token: ${response.status}`);
  return data.access_token;
}

describe('intercept("bigchange") with openapi-fetch, on the API and auth hosts', () => {
  let api: Interceptor;
  let auth: Interceptor;
  beforeAll(() => {
    api = intercept('bigchange', API);
    auth = intercept('bigchange', AUTH, { service: api.service });
  });
  beforeEach(() => api.reset());
  afterAll(() => {
    auth.dispose();
    api.dispose();
  });

  async function jobsClient() {
    const client = createClient<paths>({ baseUrl: API });
    const token = await demoToken();
    client.use({
      onRequest({ request }) {
        request.headers.set('authorization', `Bearer ${token}`);
        return request;
      },
    });
    return client;
  }

  it('creates a job, cancels it and observes the cancel in its status history', async () => {
    const client = await jobsClient();
    const header = { 'Customer-Id': CUSTOMER };
    const created = await client.POST('/v1/jobs', {
      params: { header },
      body: { reference: 'JOB-7', status: 'unscheduled' },
    });
    expect(created.response.status).toBe(201);
    const params = { header, path: { jobId: created.data!.id } };
    const cancelled = await client.PUT('/v1/jobs/{jobId}/cancel', { params, body: { reason: 'Not needed' } });
    expect(cancelled.response.status).toBe(204);
    const history = await client.GET('/v1/jobs/{jobId}/statuses', { params });
    expect(history.data!.items.map((i) => i.status)).toEqual(['unscheduled', 'cancelled']);
    expect(api.getJob(String(created.data!.id)).state).toBe('cancelled');
    expect(api.violations).toEqual([]);
  });

  it('gets a problem+json 404 for a job it does not have', async () => {
    const client = await jobsClient();
    const missing = await client.GET('/v1/jobs/{jobId}', {
      params: { header: { 'Customer-Id': CUSTOMER }, path: { jobId: 999_999 } },
    });
    expect(missing.response.status).toBe(404);
    expect(missing.response.headers.get('content-type')).toBe('application/problem+json');
  });
});
