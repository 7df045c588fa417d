import { printQueueApi } from '../support/own-api';
import { adminClient, startServer } from '../support/server-harness';

type Server = Awaited<ReturnType<typeof startServer>>;

/** The admin API's own behaviour, on an API that is not jobmock's (test/fixtures/apis/print-queue). */
const API = 'print-queue';
const api = printQueueApi();

describe('admin API', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer({ apis: [api] });
  }, 120_000);
  afterAll(() => server.close());

  function cancel(jobId: string, session?: string) {
    return fetch(`${server.url}/${API}/jobs/${jobId}/cancel`, {
      method: 'POST',
      headers: { 'x-api-key': 'demo-key', ...(session ? { 'x-jobmock-session': session } : {}) },
    });
  }

  it('GET /health lists the APIs served', async () => {
    const { status, body } = await server.admin.call('GET', '/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok' });
    expect(body!.apis).toEqual([API]);
  });

  it('POST /jobs creates a job in exactly that state, held there; GET shows its history', async () => {
    const created = await server.admin.createJob(API, 'queued', { id: 'held-1' });
    expect(created).toMatchObject({
      status: 201,
      body: { api: API, id: 'held-1', state: 'queued', held: true },
    });
    await server.admin.advance(3_600_000);
    const read = await server.admin.getJob(API, 'held-1');
    // The history walks the machine to the state (as if the job had run there), then stays put.
    expect(read.body).toMatchObject({
      state: 'queued',
      history: [{ state: 'queued' }],
    });
    expect((read.body!.document as { state: string }).state).toBe('queued');
  });

  it('a job created with held: false follows the timeline', async () => {
    await server.admin.createJob(API, 'queued', { id: 'free-1', held: false });
    await server.admin.advance(3_000);
    expect((await server.admin.getJob(API, 'free-1')).body).toMatchObject({ state: 'printing' });
  });

  it.each([
    ['an unknown state', { api: API, state: 'DONE' }, 400],
    ['an unknown API', { api: 'nope', state: 'RUNNING' }, 404],
    ['an unknown field', { api: API, state: 'queued', colour: 'red' }, 400],
    ['a missing state', { api: API }, 400],
  ])('POST /jobs with %s → %i and nothing created', async (_what, body, status) => {
    const before = await server.admin.call('GET', `/jobs?api=${API}&limit=1000`);
    const reply = await server.admin.call('POST', '/jobs', body);
    expect(reply.status).toBe(status);
    expect(reply.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    const after = await server.admin.call('GET', `/jobs?api=${API}&limit=1000`);
    expect((after.body!.jobs as unknown[]).length).toBe((before.body!.jobs as unknown[]).length);
  });

  it('POST /jobs with a taken id → 409, and the job keeps its state', async () => {
    await server.admin.createJob(API, 'printing', { id: 'taken' });
    expect((await server.admin.createJob(API, 'held', { id: 'taken' })).status).toBe(409);
    expect((await server.admin.getJob(API, 'taken')).body).toMatchObject({ state: 'printing' });
  });

  it('GET /jobs/{api}/{id} of an absent job → 404', async () => {
    expect((await server.admin.getJob(API, 'absent')).status).toBe(404);
  });

  it('GET /jobs filters by api and state', async () => {
    await server.admin.createJob(API, 'done', { id: 'done-1' });
    const { body } = await server.admin.call('GET', `/jobs?api=${API}&state=done`);
    const jobs = body!.jobs as { id: string; state: string }[];
    expect(jobs.every((j) => j.state === 'done')).toBe(true);
    expect(jobs.map((j) => j.id)).toContain('done-1');
  });

  it("POST /faults makes the next call fail with the API's own error, then runs out", async () => {
    await server.admin.createJob(API, 'queued', { id: 'pj-900' });
    const injected = await server.admin.call('POST', '/faults', {
      api: API,
      operation: 'cancelJob',
      status: 500,
      times: 1,
    });
    expect(injected.status).toBe(201);
    const failed = await cancel('pj-900');
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ error: { code: 'Internal' } });
    expect((await cancel('pj-900')).status).toBe(200);
  });

  it('POST /faults refuses a status the operation does not declare, and unknown operations', async () => {
    expect(
      (await server.admin.call('POST', '/faults', { api: API, operation: 'cancelJob', status: 418 })).status,
    ).toBe(400);
    expect(
      (await server.admin.call('POST', '/faults', { api: API, operation: 'Nope', status: 500 })).status,
    ).toBe(400);
    expect((await server.admin.call('GET', '/faults')).body).toEqual({ faults: [] });
  });

  it('DELETE /faults clears every fault', async () => {
    await server.admin.call('POST', '/faults', { api: API, status: 500 });
    expect((await server.admin.call('DELETE', '/faults')).status).toBe(204);
    expect((await server.admin.call('GET', '/faults')).body).toEqual({ faults: [] });
  });

  it("POST /provider-states takes Pact's body: setup creates the job, teardown resets the session", async () => {
    const admin = adminClient(server.url, 'pact');
    const setup = await admin.call('POST', `/provider-states?api=${API}`, {
      state: 'a job {jobId} in state {state}',
      params: { jobId: 'p-1', state: 'held' },
      action: 'setup',
    });
    expect(setup).toEqual({ status: 200, body: { jobId: 'p-1' } });
    expect((await admin.getJob(API, 'p-1')).body).toMatchObject({ state: 'held' });
    await admin.call('POST', `/provider-states?api=${API}`, {
      state: 'a job {jobId} in state {state}',
      action: 'teardown',
    });
    expect((await admin.getJob(API, 'p-1')).status).toBe(404);
  });

  it('POST /provider-states with an unknown state names the known ones', async () => {
    const reply = await server.admin.call('POST', `/provider-states?api=${API}`, {
      state: 'the moon is full',
    });
    expect(reply.status).toBe(404);
    expect((reply.body!.error as { message: string }).message).toMatch(/a job \{jobId\} in state \{state\}/);
  });

  it("sessions do not see each other's jobs, clock or faults", async () => {
    const a = adminClient(server.url, 'session-a');
    const b = adminClient(server.url, 'session-b');
    await a.createJob(API, 'queued', { id: 'mine' });
    expect((await b.getJob(API, 'mine')).status).toBe(404);
    await a.call('POST', '/faults', { api: API, status: 500 });
    await b.createJob(API, 'queued', { id: 'pj-901' });
    expect((await cancel('pj-901', 'session-b')).status).toBe(200);
    const before = (await b.call('GET', '/clock')).body!.now;
    await a.advance(60_000);
    expect((await b.call('GET', '/clock')).body!.now).toBe(before);
  });

  it('POST /reset returns the session to the seed data', async () => {
    const admin = adminClient(server.url, 'to-reset');
    await admin.createJob(API, 'queued', { id: 'gone' });
    expect((await admin.call('POST', '/reset')).body).toEqual({ session: 'to-reset' });
    expect((await admin.getJob(API, 'gone')).status).toBe(404);
  });
});

describe('admin token', () => {
  it('protects every admin call but health', async () => {
    const server = await startServer({ adminToken: 's3cret' });
    try {
      expect((await server.admin.call('GET', '/health')).status).toBe(200);
      expect(await server.admin.call('GET', '/jobs')).toMatchObject({
        status: 401,
        body: { error: { code: 'Unauthenticated' } },
      });
      const allowed = await fetch(`${server.url}/__admin/jobs`, {
        headers: { authorization: 'Bearer s3cret' },
      });
      expect(allowed.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
