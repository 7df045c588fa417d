import createClient from 'openapi-fetch';
import type { paths } from '../../specs/itential/types.gen';
import type { Interceptor } from '../../src/main';
import { intercept } from '../../src/main';

/** IAP is self-hosted: this stands for the customer's own host. */
const BASE_URL = 'https://iap.example.com';

/** The typed client (openapi-fetch over global fetch), logged in, sending its token as `?token=`. */
async function loggedIn(username = 'admin') {
  const client = createClient<paths>({ baseUrl: BASE_URL });
  const { data: token, response } = await client.POST('/login', {
    body: { user: { username, password: username } },
  });
  if (response.status !== 200 || token === undefined) throw new Error(`login: ${response.status}`);
  client.use({
    onRequest({ request }) {
      const url = new URL(request.url);
      url.searchParams.set('token', token);
      return new Request(url, request);
    },
  });
  return client;
}

describe('intercept("itential") with openapi-fetch', () => {
  let api: Interceptor;
  beforeAll(() => {
    api = intercept('itential', BASE_URL);
  });
  beforeEach(() => api.reset());
  afterAll(() => api.dispose());

  it('logs in, starts a job, cancels it and observes it canceled', async () => {
    const client = await loggedIn();
    const started = await client.POST('/workflow_engine/startJobWithOptions/{name}', {
      params: { path: { name: 'DeviceBackup' } },
      body: { options: {} },
    });
    expect(started.data).toMatchObject({ name: 'DeviceBackup', status: 'running' });
    const id = started.data!._id;
    const canceled = await client.POST('/workflow_engine/cancelJob', { body: { job_id: id } });
    expect(canceled.data).toMatchObject({ _id: id, status: 'canceled', locked: true });
    const job = await client.GET('/workflow_engine/getJob/{id}', { params: { path: { id } } });
    expect(job.data?.status).toBe('canceled');
    expect(api.getJob(id).state).toBe('canceled');
    expect(api.violations).toEqual([]);
  });

  it('gets 409 for a job that is not active any more', async () => {
    const client = await loggedIn();
    const job = api.createJob('complete');
    const again = await client.POST('/workflow_engine/cancelJob', { body: { job_id: job.id } });
    expect(again.response.status).toBe(409);
    expect(again.error).toEqual({ message: `Job ${job.id} is not active (status complete)` });
  });

  it('gets 403 for a user without a job role', async () => {
    const job = api.createJob('running');
    const denied = await (
      await loggedIn('viewer')
    ).POST('/workflow_engine/cancelJob', {
      body: { job_id: job.id },
    });
    expect(denied.response.status).toBe(403);
    expect(api.getJob(job.id).state).toBe('running');
  });
});
