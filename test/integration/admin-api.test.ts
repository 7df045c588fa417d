import { adminClient, startServer } from '../support/server-harness';
import { signBatchRequest } from '../support/sigv4-signer';

type Server = Awaited<ReturnType<typeof startServer>>;

describe('admin API', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  async function cancel(jobId: string, session?: string) {
    const body = { jobId, reason: 'r' };
    const headers = await signBatchRequest('/aws-batch/v1/canceljob', body, { host: server.url.slice(7) });
    return fetch(`${server.url}/aws-batch/v1/canceljob`, {
      method: 'POST',
      headers: { ...headers, ...(session ? { 'x-jobmock-session': session } : {}) },
      body: JSON.stringify(body),
    });
  }

  it('GET /health lists the APIs served', async () => {
    const { status, body } = await server.admin.call('GET', '/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok' });
    expect(body!.apis).toContain('aws-batch');
  });

  it('POST /jobs creates a job in exactly that state, held there; GET shows its history', async () => {
    const created = await server.admin.createJob('aws-batch', 'RUNNABLE', { id: 'held-1' });
    expect(created).toMatchObject({
      status: 201,
      body: { api: 'aws-batch', id: 'held-1', state: 'RUNNABLE', held: true },
    });
    await server.admin.advance(3_600_000);
    const read = await server.admin.getJob('aws-batch', 'held-1');
    // The history walks the machine to the state (as if the job had run there), then stays put.
    expect(read.body).toMatchObject({
      state: 'RUNNABLE',
      history: [{ state: 'SUBMITTED' }, { state: 'PENDING' }, { state: 'RUNNABLE' }],
    });
    expect((read.body!.document as { status: string }).status).toBe('RUNNABLE');
  });

  it('a job created with held: false follows the timeline', async () => {
    await server.admin.createJob('aws-batch', 'RUNNABLE', { id: 'free-1', held: false });
    await server.admin.advance(2_000);
    expect((await server.admin.getJob('aws-batch', 'free-1')).body).toMatchObject({ state: 'STARTING' });
  });

  it.each([
    ['an unknown state', { api: 'aws-batch', state: 'DONE' }, 400],
    ['an unknown API', { api: 'nope', state: 'RUNNING' }, 404],
    ['an unknown field', { api: 'aws-batch', state: 'RUNNING', colour: 'red' }, 400],
    ['a missing state', { api: 'aws-batch' }, 400],
  ])('POST /jobs with %s → %i and nothing created', async (_what, body, status) => {
    const before = await server.admin.call('GET', '/jobs?api=aws-batch&limit=1000');
    const reply = await server.admin.call('POST', '/jobs', body);
    expect(reply.status).toBe(status);
    expect(reply.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    const after = await server.admin.call('GET', '/jobs?api=aws-batch&limit=1000');
    expect((after.body!.jobs as unknown[]).length).toBe((before.body!.jobs as unknown[]).length);
  });

  it('POST /jobs with a taken id → 409, and the job keeps its state', async () => {
    await server.admin.createJob('aws-batch', 'RUNNING', { id: 'taken' });
    expect((await server.admin.createJob('aws-batch', 'PENDING', { id: 'taken' })).status).toBe(409);
    expect((await server.admin.getJob('aws-batch', 'taken')).body).toMatchObject({ state: 'RUNNING' });
  });

  it('GET /jobs/{api}/{id} of an absent job → 404', async () => {
    expect((await server.admin.getJob('aws-batch', 'absent')).status).toBe(404);
  });

  it('GET /jobs filters by api and state', async () => {
    await server.admin.createJob('aws-batch', 'SUCCEEDED', { id: 'done-1' });
    const { body } = await server.admin.call('GET', '/jobs?api=aws-batch&state=SUCCEEDED');
    const jobs = body!.jobs as { id: string; state: string }[];
    expect(jobs.every((j) => j.state === 'SUCCEEDED')).toBe(true);
    expect(jobs.map((j) => j.id)).toContain('done-1');
  });

  it("POST /faults makes the next call fail with the API's own error, then runs out", async () => {
    await server.admin.createJob('aws-batch', 'RUNNING', { id: 'faulty' });
    const injected = await server.admin.call('POST', '/faults', {
      api: 'aws-batch',
      operation: 'CancelJob',
      status: 500,
      times: 1,
    });
    expect(injected.status).toBe(201);
    const failed = await cancel('faulty');
    expect(failed.status).toBe(500);
    expect(failed.headers.get('x-amzn-errortype')).toBe('ServerException');
    expect((await cancel('faulty')).status).toBe(200);
  });

  it('POST /faults refuses a status the operation does not declare, and unknown operations', async () => {
    expect(
      (await server.admin.call('POST', '/faults', { api: 'aws-batch', operation: 'CancelJob', status: 418 }))
        .status,
    ).toBe(400);
    expect(
      (await server.admin.call('POST', '/faults', { api: 'aws-batch', operation: 'Nope', status: 500 }))
        .status,
    ).toBe(400);
    expect((await server.admin.call('GET', '/faults')).body).toEqual({ faults: [] });
  });

  it('DELETE /faults clears every fault', async () => {
    await server.admin.call('POST', '/faults', { api: 'aws-batch', status: 500 });
    expect((await server.admin.call('DELETE', '/faults')).status).toBe(204);
    expect((await server.admin.call('GET', '/faults')).body).toEqual({ faults: [] });
  });

  it("POST /provider-states takes Pact's body: setup creates the job, teardown resets the session", async () => {
    const admin = adminClient(server.url, 'pact');
    const setup = await admin.call('POST', '/provider-states?api=aws-batch', {
      state: 'a job {jobId} in state {state}',
      params: { jobId: 'p-1', state: 'PENDING' },
      action: 'setup',
    });
    expect(setup).toEqual({ status: 200, body: { jobId: 'p-1' } });
    expect((await admin.getJob('aws-batch', 'p-1')).body).toMatchObject({ state: 'PENDING' });
    await admin.call('POST', '/provider-states?api=aws-batch', {
      state: 'a job {jobId} in state {state}',
      action: 'teardown',
    });
    expect((await admin.getJob('aws-batch', 'p-1')).status).toBe(404);
  });

  it('POST /provider-states with an unknown state names the known ones', async () => {
    const reply = await server.admin.call('POST', '/provider-states?api=aws-batch', {
      state: 'the moon is full',
    });
    expect(reply.status).toBe(404);
    expect((reply.body!.error as { message: string }).message).toMatch(/a job \{jobId\} in state \{state\}/);
  });

  it("sessions do not see each other's jobs, clock or faults", async () => {
    const a = adminClient(server.url, 'session-a');
    const b = adminClient(server.url, 'session-b');
    await a.createJob('aws-batch', 'RUNNABLE', { id: 'mine' });
    expect((await b.getJob('aws-batch', 'mine')).status).toBe(404);
    await a.call('POST', '/faults', { api: 'aws-batch', status: 500 });
    await b.createJob('aws-batch', 'RUNNABLE', { id: 'theirs' });
    expect((await cancel('theirs', 'session-b')).status).toBe(200);
    const before = (await b.call('GET', '/clock')).body!.now;
    await a.advance(60_000);
    expect((await b.call('GET', '/clock')).body!.now).toBe(before);
  });

  it('POST /reset returns the session to the seed data', async () => {
    const admin = adminClient(server.url, 'to-reset');
    await admin.createJob('aws-batch', 'RUNNABLE', { id: 'gone' });
    expect((await admin.call('POST', '/reset')).body).toEqual({ session: 'to-reset' });
    expect((await admin.getJob('aws-batch', 'gone')).status).toBe(404);
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
