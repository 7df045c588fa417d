import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { itential, ITENTIAL_PROVIDER_STATES } from '../../../mocks/itential';
import { ROUTE_ROLES } from '../../../mocks/itential/auth';
import { DEMO_USERS } from '../../../mocks/itential/demo-users';
import { machine } from '../../../mocks/itential/machine';
import { apiTestEngine } from '../../support/engine-harness';
import type { ItentialClient } from '../../support/clients/itential-client';
import {
  itentialClient,
  jobCalls,
  logIn,
  tokenCookie,
  withQueryToken,
} from '../../support/clients/itential-client';

type State = (typeof machine.states)[number];

function setup() {
  const t = apiTestEngine(itential);
  const client = itentialClient(t.fetch);
  /** A job put in `state` through the admin path (held there). */
  return { ...t, client, jobIn: (state: State, id?: string) => t.createJob({ state, id }).id };
}

async function adminCalls(client: ItentialClient) {
  return jobCalls(client, await logIn(client, 'admin'));
}

const spec = parse(readFileSync(join(__dirname, '../../../specs/itential/openapi.yaml'), 'utf8')) as {
  paths: Record<string, Record<string, { operationId: string; 'x-roles'?: string[] }>>;
};
const specOperations = Object.values(spec.paths).flatMap((item) => Object.values(item));

describe('itential: login and session tokens', () => {
  it('returns the token as a JSON string and sets it as the token cookie', async () => {
    const { client } = setup();
    const { data, response } = await client.POST('/login', {
      body: { user: { username: 'admin', password: 'admin' } },
    });
    expect(response.status).toBe(200);
    expect(typeof data).toBe('string');
    expect(response.headers.get('set-cookie')).toBe(`token=${data!}; HttpOnly; Path=/`);
  });

  it('accepts the token as the cookie and as ?token=', async () => {
    const { client, fetch, jobIn } = setup();
    const id = jobIn('running');
    const token = await logIn(client, 'admin');
    const byCookie = await jobCalls(client, token).get(id);
    expect(byCookie.response.status).toBe(200);
    const byQuery = await withQueryToken(itentialClient(fetch), token).GET('/workflow_engine/getJob/{id}', {
      params: { path: { id } },
    });
    expect(byQuery.response.status).toBe(200);
    expect(byQuery.data!._id).toBe(id);
  });

  it.each([
    ['a wrong password', 'admin', 'nope'],
    ['an unknown user', 'mallory', 'mallory'],
  ])('answers %s with 401 {message}', async (_case, username, password) => {
    const { client } = setup();
    const { error, response } = await client.POST('/login', { body: { user: { username, password } } });
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(error).toEqual({ message: 'Invalid username or password' });
  });

  it('reports every issue of a malformed login body at once with 400', async () => {
    const { send } = setup();
    const reply = await send('POST', '/itential/login', { body: { user: { username: '' }, extra: 1 } });
    expect(reply.status).toBe(400);
    const { message } = reply.body as { message: string };
    expect(message).toMatch(/username/);
    expect(message).toMatch(/password/);
  });

  it.each([
    ['no token', {}],
    ['an unknown token cookie', tokenCookie('bm90LWEtdG9rZW4=')],
    ['an empty token cookie', { cookie: 'token=' }],
  ])('answers a call with %s with 401 {message}', async (_case, headers) => {
    const { client, jobIn } = setup();
    const id = jobIn('running');
    const { response, error } = await client.GET('/workflow_engine/getJob/{id}', {
      params: { path: { id } },
      headers,
    });
    expect(response.status).toBe(401);
    expect(error).toEqual({ message: expect.any(String) });
  });

  it('answers 401 before validating the body', async () => {
    const { send } = setup();
    const reply = await send('POST', '/itential/workflow_engine/cancelJob', { body: { nonsense: true } });
    expect(reply.status).toBe(401);
  });

  it('keeps tokens per session: another session and a reset session do not know them', async () => {
    const { client, tx, jobIn, send, createJob } = setup();
    const id = jobIn('running');
    const token = await logIn(client, 'admin');
    const elsewhere = await send('GET', `/itential/workflow_engine/getJob/${id}`, {
      headers: { ...tokenCookie(token), 'x-jobmock-session': 'other' },
    });
    expect(elsewhere.status).toBe(401);
    expect((await jobCalls(client, token).get(id)).response.status).toBe(200);
    tx((t) => t.reset());
    createJob({ state: 'running', id });
    expect((await jobCalls(client, token).get(id)).response.status).toBe(401);
  });

  it('makes a pact token stand for a demo user with the provider state', async () => {
    const { client, providerState, jobIn } = setup();
    const id = jobIn('running');
    const state = ITENTIAL_PROVIDER_STATES[0];
    expect(state).toBe('a session token {token} for user {username}');
    expect((await jobCalls(client, 'pact-token').get(id)).response.status).toBe(401);
    providerState(state, { token: 'pact-token', username: 'operator' });
    expect((await jobCalls(client, 'pact-token').get(id)).response.status).toBe(200);
    expect(() => providerState(state, { token: 'x', username: 'nobody' })).toThrow(/username/);
  });
});

describe('itential: roles', () => {
  it('allows each route exactly the roles of its x-roles in the spec', () => {
    const fromSpec = Object.fromEntries(
      specOperations.filter((op) => op['x-roles']).map((op) => [op.operationId, op['x-roles']]),
    );
    expect(ROUTE_ROLES).toEqual(fromSpec);
  });

  it('gives the demo users the roles the issue names', () => {
    const roles = Object.fromEntries(DEMO_USERS.map((u) => [u.username, u.roles]));
    expect(roles).toMatchObject({ admin: ['admin'], operator: ['apiwrite'], viewer: [] });
  });

  type Call = (
    calls: ReturnType<typeof jobCalls>,
    id: string,
  ) => Promise<{ response: Response; error?: unknown }>;
  const routes: [string, Call][] = [
    ['startJobWithOptions', (c) => c.start()],
    ['getJob', (c, id) => c.get(id)],
    ['pauseJob', (c, id) => c.pause(id)],
    ['resumeJob', (c, id) => c.resume(id)],
    ['cancelJob', (c, id) => c.cancel(id)],
  ];
  const users: [string, number][] = [
    ['admin', 200],
    ['operator', 200],
    ['viewer', 403],
  ];
  const cases = routes.flatMap(([op, call]) => users.map(([user, want]) => [op, user, want, call] as const));

  it.each(cases)('%s as %s answers %d', async (op, user, want, call) => {
    const { client, jobIn } = setup();
    const id = jobIn(op === 'resumeJob' ? 'paused' : 'running');
    const { response, error } = await call(jobCalls(client, await logIn(client, user)), id);
    expect(response.status).toBe(want);
    if (want === 403) expect(error).toEqual({ message: expect.stringContaining(op) });
  });

  it('leaves the job as it was when a viewer tries to cancel it', async () => {
    const { client, jobIn } = setup();
    const id = jobIn('running');
    await jobCalls(client, await logIn(client, 'viewer')).cancel(id);
    expect((await (await adminCalls(client)).get(id)).data!.status).toBe('running');
  });
});

describe('itential: starting and reading jobs', () => {
  it('starts a running job shaped as the spec example, owned by the caller', async () => {
    const { client } = setup();
    const calls = jobCalls(client, await logIn(client, 'operator'));
    const { data, response } = await calls.start('8917Test2', {
      description: 'Example job description',
      variables: { deviceName: 'ios-rtr-01' },
      groups: ['5cb7b531d06cceb89fd21b1c'],
    });
    expect(response.status).toBe(200);
    const operator = DEMO_USERS.find((u) => u.username === 'operator')!;
    const example = (
      spec.paths['/workflow_engine/startJobWithOptions/{name}']!.post as unknown as {
        responses: { 200: { content: { 'application/json': { examples: { started: { value: object } } } } } };
      }
    ).responses[200].content['application/json'].examples.started.value;
    expect(Object.keys(data!).sort()).toEqual(Object.keys(example).sort());
    expect(data).toMatchObject({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      name: '8917Test2',
      description: 'Example job description',
      variables: { deviceName: 'ios-rtr-01' },
      groups: ['5cb7b531d06cceb89fd21b1c'],
      created_by: 'operator',
      last_updated_by: operator.id,
      watchers: [operator.id],
      type: 'automation',
      status: 'running',
      locked: false,
      error: [],
      transitions: {
        workflow_start: { '6a90': { type: 'standard', state: 'success' } },
        '6a90': { workflow_end: { type: 'standard', state: 'success' } },
      },
    });
    expect(data!.metrics).not.toHaveProperty('end_time');
    expect(data!.tasks).toMatchObject({
      workflow_start: { status: 'complete', metrics: { finish_state: 'success' } },
      '6a90': { name: 'TestTask', status: 'running', metrics: { owner: operator.id } },
      workflow_end: { status: 'incomplete' },
    });
    expect(data!.tasks['6a90']!.metrics).not.toHaveProperty('finish_state');
    const read = await calls.get(data!._id);
    expect(read.data).toEqual(data);
  });

  it('numbers new jobs as ObjectIds from the session sequence', async () => {
    const { client } = setup();
    const calls = await adminCalls(client);
    const ids = [(await calls.start()).data!._id, (await calls.start()).data!._id];
    expect(ids).toEqual(['65a000000000000000000001', '65a000000000000000000002']);
  });

  it('answers an unknown workflow with 404 {message}', async () => {
    const { client } = setup();
    const { response, error } = await (await adminCalls(client)).start('NoSuchFlow');
    expect(response.status).toBe(404);
    expect(error).toEqual({ message: 'Workflow NoSuchFlow not found' });
  });

  it('reports every issue of a bad start body at once with 400', async () => {
    const { client, send } = setup();
    const token = await logIn(client, 'admin');
    const reply = await send('POST', '/itential/workflow_engine/startJobWithOptions/8917Test2', {
      headers: tokenCookie(token),
      body: { options: { groups: ['not-an-id'], description: 7 }, extra: true },
    });
    expect(reply.status).toBe(400);
    const { message } = reply.body as { message: string };
    expect(message).toMatch(/groups/);
    expect(message).toMatch(/description/);
    expect(message).toMatch(/extra/);
  });

  it('completes a running job on the clock after 20 s: workflow_end done, end times set', async () => {
    const { client, advance } = setup();
    const calls = await adminCalls(client);
    const id = (await calls.start()).data!._id;
    advance(19_999);
    expect((await calls.get(id)).data!.status).toBe('running');
    advance(1);
    const { data } = await calls.get(id);
    expect(data).toMatchObject({
      status: 'complete',
      locked: false,
      metrics: { run_time: 20_000, finish_state: 'complete' },
      tasks: {
        '6a90': { status: 'complete', metrics: { run_time: 20_000, finish_state: 'success' } },
        workflow_end: { status: 'complete', metrics: { finish_state: 'success' } },
      },
    });
    expect(data!.metrics.end_time).toBe(data!.metrics.start_time + 20_000);
  });

  it.each([
    ['an unknown id', '65a0ffffffffffffffffffff', 404, 'Job 65a0ffffffffffffffffffff not found'],
    ['a malformed id', 'not-an-object-id', 400, 'path id: must match pattern "^[0-9a-f]{24}$"'],
  ])('answers getJob of %s (%s) with %d {message}', async (_case, id, status, message) => {
    const { client } = setup();
    const { response, error } = await (await adminCalls(client)).get(id);
    expect(response.status).toBe(status);
    expect(error).toEqual({ message });
  });

  it.each(machine.states)('shows a job seeded %s consistently', async (state) => {
    const { client, jobIn } = setup();
    const { data } = await (await adminCalls(client)).get(jobIn(state));
    expect(data!.status).toBe(state);
    expect(data!.locked).toBe(state === 'canceled');
    const finished = state === 'complete' || state === 'canceled';
    expect('end_time' in data!.metrics).toBe(finished);
    const task = data!.tasks['6a90']!;
    const want = {
      running: ['running', undefined],
      paused: ['running', undefined],
      error: ['error', 'error'],
      incomplete: ['complete', 'failure'],
      complete: ['complete', 'success'],
      canceled: ['complete', 'canceled'],
    }[state];
    expect([task.status, task.metrics?.finish_state]).toEqual(want);
    expect(data!.error!.length).toBe(state === 'error' || state === 'incomplete' ? 1 : 0);
  });
});

describe('itential: pause and resume', () => {
  const pauseFrom: [State, number][] = machine.states.map((s) => [s, s === 'running' ? 200 : 409]);
  it.each(pauseFrom)('pauseJob of a %s job answers %d', async (state, status) => {
    const { client, jobIn } = setup();
    const calls = await adminCalls(client);
    const id = jobIn(state);
    const { response, data, error } = await calls.pause(id);
    expect(response.status).toBe(status);
    if (status === 200) expect(data!.status).toBe('paused');
    else expect(error).toEqual({ message: `Job ${id} cannot be paused in status ${state}` });
    expect((await calls.get(id)).data!.status).toBe(status === 200 ? 'paused' : state);
  });

  const resumeFrom: [State, number][] = machine.states.map((s) => [
    s,
    s === 'paused' || s === 'error' ? 200 : 409,
  ]);
  it.each(resumeFrom)('resumeJob of a %s job answers %d', async (state, status) => {
    const { client, jobIn } = setup();
    const id = jobIn(state);
    const { response, data } = await (await adminCalls(client)).resume(id);
    expect(response.status).toBe(status);
    if (status === 200) expect(data!.status).toBe('running');
  });

  it('moves a started job running → paused → running, and a paused job does not complete on the clock', async () => {
    const { client, advance } = setup();
    const calls = await adminCalls(client);
    const id = (await calls.start()).data!._id;
    advance(5_000);
    expect((await calls.pause(id)).data!.status).toBe('paused');
    advance(60_000);
    expect((await calls.get(id)).data!.status).toBe('paused');
    const resumed = await calls.resume(id);
    expect(resumed.data).toMatchObject({ status: 'running', tasks: { '6a90': { status: 'running' } } });
    advance(20_000);
    expect((await calls.get(id)).data!.status).toBe('complete');
  });

  it('reruns an errored task on resume, keeping the error on the job', async () => {
    const { client, jobIn, advance } = setup();
    const calls = await adminCalls(client);
    const id = jobIn('error');
    advance(1_000);
    const { data } = await calls.resume(id);
    expect(data!.tasks['6a90']).toMatchObject({
      status: 'running',
      metrics: { start_time: data!.metrics.start_time + 11_000 },
    });
    expect(data!.error).toHaveLength(1);
  });

  it.each(['pause', 'resume'] as const)('answers %s of an unknown job with 404', async (verb) => {
    const { client } = setup();
    const { response } = await (await adminCalls(client))[verb]('65a0ffffffffffffffffffff');
    expect(response.status).toBe(404);
  });
});

describe('itential: cancelJob', () => {
  const cancelFrom: [State, number][] = [
    ['running', 200],
    ['paused', 200],
    ['error', 200],
    ['incomplete', 200],
    ['complete', 409],
    ['canceled', 409],
  ];

  it('covers every state of the machine', () => {
    expect(cancelFrom.map(([s]) => s).sort()).toEqual([...machine.states].sort());
  });

  it.each(cancelFrom)('cancelJob of a %s job answers %d', async (state, status) => {
    const { client, jobIn, advance } = setup();
    const calls = await adminCalls(client);
    const id = jobIn(state);
    advance(3_000);
    const { response, data, error } = await calls.cancel(id);
    expect(response.status).toBe(status);
    if (status === 409) {
      expect(error).toEqual({ message: `Job ${id} is not active (status ${state})` });
      expect((await calls.get(id)).data!.status).toBe(state);
      return;
    }
    expect(data).toMatchObject({ _id: id, status: 'canceled', locked: true });
    expect(data!.metrics.end_time).toBe(Date.parse(data!.last_updated));
    expect((await calls.get(id)).data).toEqual(data);
  });

  it.each(['running', 'paused', 'error', 'incomplete'] as const)(
    'ends every task of a %s job complete, finish_state canceled at the cancel time (the vendor example)',
    async (state) => {
      const { client, jobIn, advance } = setup();
      const calls = await adminCalls(client);
      const id = jobIn(state);
      advance(3_000);
      const { data } = await calls.cancel(id);
      const cancelledAt = Date.parse(data!.last_updated);
      expect(Object.keys(data!.tasks).sort()).toEqual(['6a90', 'workflow_end', 'workflow_start']);
      for (const task of Object.values(data!.tasks)) {
        expect(task.status).toBe('complete');
        expect(task.metrics).toMatchObject({ finish_state: 'canceled', end_time: cancelledAt });
        expect(task.metrics!.run_time).toBe(task.metrics!.end_time! - task.metrics!.start_time);
      }
      expect(data!.tasks.workflow_end!.metrics).toMatchObject({
        owner: data!.metrics.owner,
        start_time: data!.metrics.start_time,
        app: { id: 'WorkFlowEngine' },
      });
      expect((await calls.get(id)).data!.tasks).toEqual(data!.tasks);
    },
  );

  it('keeps the errors an errored job recorded when it is canceled', async () => {
    const { client, jobIn, advance } = setup();
    const calls = await adminCalls(client);
    const id = jobIn('error');
    const before = (await calls.get(id)).data!;
    advance(3_000);
    const { data } = await calls.cancel(id);
    expect(data!.error).toEqual(before.error);
    expect(before.tasks['6a90']!.status).toBe('error');
  });

  it('cancels a started job for an apiwrite user and refuses a second cancel', async () => {
    const { client } = setup();
    const operator = DEMO_USERS.find((u) => u.username === 'operator')!;
    const calls = jobCalls(client, await logIn(client, 'operator'));
    const id = (await calls.start('PortTurnUp')).data!._id;
    const first = await calls.cancel(id);
    expect(first.data).toMatchObject({
      status: 'canceled',
      locked: true,
      last_updated_by: operator.id,
      tasks: { b3c1: { name: 'Configure Interface', metrics: { finish_state: 'canceled' } } },
    });
    const second = await calls.cancel(id);
    expect(second.response.status).toBe(409);
  });

  it('answers an unknown job with 404 {message}', async () => {
    const { client } = setup();
    const { response, error } = await (await adminCalls(client)).cancel('65a0ffffffffffffffffffff');
    expect(response.status).toBe(404);
    expect(error).toEqual({ message: 'Job 65a0ffffffffffffffffffff not found' });
  });

  it('reports every issue of a bad cancel body at once with 400', async () => {
    const { client, send } = setup();
    const token = await logIn(client, 'admin');
    const reply = await send('POST', '/itential/workflow_engine/cancelJob', {
      headers: tokenCookie(token),
      body: { job_id: 'XYZ', reason: 'extra' },
    });
    expect(reply.status).toBe(400);
    const { message } = reply.body as { message: string };
    expect(message).toMatch(/job_id/);
    expect(message).toMatch(/reason/);
  });

  it('answers an injected fault with its status in the {message} format', async () => {
    const { client, jobIn, injectFault } = setup();
    const calls = await adminCalls(client);
    injectFault({ operation: 'cancelJob', status: 500, times: 1 });
    const id = jobIn('running');
    const { response, error } = await calls.cancel(id);
    expect(response.status).toBe(500);
    expect(error).toEqual({ message: expect.any(String) });
    expect((await calls.cancel(id)).response.status).toBe(200);
  });
});
