import type { PactV4 } from '@pact-foundation/pact';
import { MatchersV3 } from '@pact-foundation/pact';
import type { Middleware } from 'openapi-fetch';
import createClient from 'openapi-fetch';
import type { ITENTIAL_PROVIDER_STATES } from '../../mocks/itential/provider-states';
import type { ItentialState } from '../../mocks/itential/machine';
import type { components, paths } from '../../specs/itential/types.gen';
import type { ProviderStateName } from '../pact-setup';
import { pactWith } from '../pact-setup';

const { like, regex, integer, eachLike } = MatchersV3;

/**
 * The consumer: an automation portal that lists IAP workflow jobs and lets operators cancel them, calling the
 * 2020.2 workflow_engine routes through a client typed from the spec.
 */
const pact = pactWith('automation-portal', 'itential');

type StateName = ProviderStateName<(typeof ITENTIAL_PROVIDER_STATES)[number]>;
type Interaction = ReturnType<PactV4['addInteraction']>;
type Job = components['schemas']['Job'];

/**
 * Session tokens. The portal logs in as its service account and IAP hands it a fresh token, so the pact
 * records fixed tokens (base64 of a UUID, as IAP issues them) and a provider state makes each one stand for
 * a user: `operator` holds the apiwrite role, `viewer` holds no workflow_engine role. The unknown token has
 * no such state, so the provider does not know it.
 */
const token = (uuid: string) => Buffer.from(uuid).toString('base64');
const SESSIONS = {
  operator: { token: token('0b7c1e52-6f3a-4d8e-9a21-5c4f8e2d7b10'), username: 'operator' },
  viewer: { token: token('9e4d2a17-3b8c-4f60-8d5e-1a7b3c9f2e44'), username: 'viewer' },
} as const;
const UNKNOWN_TOKEN = token('00000000-dead-4bad-8bad-000000000000');

/** The workflow the seeded jobs run; its one task has the id `6a90` (the spec's examples). */
const WORKFLOW = { name: '8917Test2', taskId: '6a90', taskName: 'TestTask' } as const;

/** A job id: a 24-hex MongoDB ObjectId, distinct per interaction. */
const jobIdOf = (n: number) => `5f1e0c0ffee0000000${n.toString(16).padStart(6, '0')}`;

type Session = (typeof SESSIONS)[keyof typeof SESSIONS];

/** A typed client of the spec (openapi-fetch over the generated `paths`) at the Pact mock server. */
function iapAt(url: string, session: { token: string } | string, where: 'cookie' | 'query' = 'cookie') {
  const value = typeof session === 'string' ? session : session.token;
  if (where === 'cookie') return createClient<paths>({ baseUrl: url, headers: { cookie: `token=${value}` } });
  const client = createClient<paths>({ baseUrl: url });
  client.use(queryToken(value));
  return client;
}

/** Sends the session token as `?token=` (the spec's tokenQuery scheme) instead of the cookie. */
function queryToken(value: string): Middleware {
  return {
    async onRequest({ request }) {
      const url = new URL(request.url);
      url.searchParams.set('token', value);
      const body = request.body === null ? undefined : await request.text();
      return new Request(url, { method: request.method, headers: request.headers, body });
    },
  };
}

/** The provider states: the session token (unless the request carries an unknown one), then the job. */
function given(
  interaction: Interaction,
  session: Session | undefined,
  ...states: [StateName, Record<string, string | Record<string, string>>][]
): Interaction {
  let at = session
    ? interaction.given('a session token {token} for user {username}' satisfies StateName, {
        token: session.token,
        username: session.username,
      })
    : interaction;
  for (const [name, params] of states) at = at.given(name, params);
  return at;
}

const jobIn = (jobId: string, state: ItentialState) =>
  ['a job {jobId} in state {state}', { jobId, state, fields: { workflow: WORKFLOW.name } }] satisfies [
    StateName,
    object,
  ];

const noJob = (jobId: string) => ['no job {jobId}', { jobId }] satisfies [StateName, object];

// Request matchers: any session token, as the portal sends it.
const TOKEN = '^[A-Za-z0-9+/]+={0,2}$';
const tokenCookie = (value: string) => ({ Cookie: regex(`^token=${TOKEN.slice(1)}`, `token=${value}`) });
const jsonRequest = { 'Content-Type': regex('^application/json', 'application/json') };

// Response matchers.
const jsonResponse = { 'Content-Type': regex('^application/json', 'application/json') };
const OBJECT_ID = '^[0-9a-f]{24}$';
const objectId = (example: string) => regex(OBJECT_ID, example);
const isoDateTime = (example: string) =>
  regex('^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$', example);
const epochMs = (example: number) => integer(example);
/** Group ids (`groups`): any number of them, none for the seeded jobs; which groups is not the contract. */
const anyGroups = eachLike(objectId('5cb7b531d06cceb89fd21b1c'), 0);

/** An IAP error reply, `{message}`: the status is the contract, the text is not. */
const errorBody = (message: string) => ({ message: like(message) });

const SERVER_ID = 'ac:de:48:00:11:22:3000';
const START = 1555430149763;
const END = 1555430169683;
const OWNER = '5a3496c64da02d9dfa0b2f91';

/** The platform's own task (`workflow_start`, `workflow_end`) as the job document shows it. */
function platformTask(name: string, status: 'complete' | 'incomplete', x: number) {
  return {
    name: like(name),
    groups: anyGroups,
    x: like(x),
    y: like(0.4968944099378882),
    status: like(status),
    ...(status === 'complete'
      ? {
          metrics: {
            owner: like('Pronghorn'),
            start_time: epochMs(START),
            end_time: epochMs(START),
            run_time: epochMs(0),
            finish_state: like('success'),
            server_id: like(SERVER_ID),
            app: { id: like('WorkFlowEngine'), version: like('1.2.3') },
          },
        }
      : {}),
  };
}

/**
 * How the workflow's task ends when its job is canceled from `from`: a task that was running (job running or
 * paused) is ended with `finish_state: canceled` (the spec's cancelJob description, and its example); an
 * errored task keeps `error`, and the task of an incomplete job keeps `failure`.
 */
function workTask(from: ItentialState | undefined) {
  const ended = (status: string, finishState: unknown) => ({
    status: like(status),
    metrics: {
      owner: objectId(OWNER),
      start_time: epochMs(START),
      end_time: epochMs(END),
      run_time: epochMs(END - START),
      finish_state: finishState,
      server_id: like(SERVER_ID),
      app: { id: like('WorkflowBuilder'), version: like('1.2.3') },
    },
  });
  const base = {
    name: like(WORKFLOW.taskName),
    groups: anyGroups,
    x: like(0.36142061281337046),
    y: like(0.502092050209205),
  };
  switch (from) {
    case 'error':
      return { ...base, ...ended('error', like('error')) };
    case 'incomplete':
      return { ...base, ...ended('complete', like('failure')) };
    case 'running':
    case 'paused':
      return { ...base, ...ended('complete', 'canceled') };
    default:
      return {
        ...base,
        status: like('running'),
        metrics: {
          owner: objectId(OWNER),
          start_time: epochMs(START),
          server_id: like(SERVER_ID),
          app: { id: like('WorkflowBuilder'), version: like('1.2.3') },
        },
      };
  }
}

/**
 * The job document the portal relies on. `_id`, `status` and `locked` are the contract; the rest is matched
 * by type or format. `canceledFrom` says which status a canceled job was canceled from (it decides how its
 * task and error list read).
 */
function jobDocument(jobId: string, status: 'running' | 'canceled', canceledFrom?: ItentialState) {
  const finished = status === 'canceled';
  const errored = canceledFrom === 'error' || canceledFrom === 'incomplete';
  return {
    _id: jobId,
    name: like(WORKFLOW.name),
    tasks: {
      workflow_start: platformTask('workflow_start', 'complete', 0.08412582297000731),
      [WORKFLOW.taskId]: workTask(finished ? canceledFrom : undefined),
      workflow_end: platformTask('workflow_end', 'incomplete', 0.8412582297000731),
    },
    transitions: like({
      workflow_start: { [WORKFLOW.taskId]: { type: 'standard', state: 'success' } },
      [WORKFLOW.taskId]: { workflow_end: { type: 'standard', state: 'success' } },
    }),
    font_size: integer(12),
    created: isoDateTime('2019-04-16T15:55:49.763Z'),
    created_by: like('admin'),
    last_updated: isoDateTime('2019-04-16T15:56:09.683Z'),
    last_updated_by: objectId('5b3496d74da02e9dfa0b2e91'),
    groups: anyGroups,
    type: like('automation'),
    watchers: eachLike(objectId(OWNER)),
    metrics: {
      owner: objectId(OWNER),
      start_time: epochMs(START),
      ...(finished
        ? { end_time: epochMs(END), run_time: epochMs(END - START), finish_state: like('complete') }
        : {}),
      server_id: like(SERVER_ID),
      app: { id: like('WorkFlowEngine'), version: like('1.2.3') },
    },
    status,
    locked: finished,
    ...(errored
      ? {
          error: eachLike({
            task: like('job'),
            message: like('No available transitions found from completed task(s)'),
            timestamp: epochMs(END),
          }),
        }
      : {}),
  };
}

/** What the portal checks of a job document it gets back. */
function expectJob(data: Job | undefined, jobId: string, status: Job['status'], locked: boolean): void {
  expect(data).toMatchObject({ _id: jobId, status, locked });
}

const CANCELLABLE: ItentialState[] = ['running', 'paused', 'error', 'incomplete'];
const NOT_CANCELLABLE: ItentialState[] = ['complete', 'canceled'];

describe('automation-portal → itential', () => {
  it.each(CANCELLABLE.map((state, i) => [state, jobIdOf(0x101 + i)] as const))(
    'cancels a job in status %s: 200, the job document canceled and locked',
    async (state, jobId) => {
      await given(pact.addInteraction(), SESSIONS.operator, jobIn(jobId, state))
        .uponReceiving(`a request to cancel a job in status ${state}`)
        .withRequest('POST', '/workflow_engine/cancelJob', (b) =>
          b.headers({ ...tokenCookie(SESSIONS.operator.token), ...jsonRequest }).jsonBody({ job_id: jobId }),
        )
        .willRespondWith(200, (b) => b.headers(jsonResponse).jsonBody(jobDocument(jobId, 'canceled', state)))
        .executeTest(async (server) => {
          const { response, data } = await iapAt(server.url, SESSIONS.operator).POST(
            '/workflow_engine/cancelJob',
            { body: { job_id: jobId } },
          );
          expect(response.status).toBe(200);
          expectJob(data, jobId, 'canceled', true);
        });
    },
  );

  it.each(NOT_CANCELLABLE.map((state, i) => [state, jobIdOf(0x201 + i)] as const))(
    'is refused for a job in status %s: 409 {message}',
    async (state, jobId) => {
      await given(pact.addInteraction(), SESSIONS.operator, jobIn(jobId, state))
        .uponReceiving(`a request to cancel a job in status ${state}, which is not active`)
        .withRequest('POST', '/workflow_engine/cancelJob', (b) =>
          b.headers({ ...tokenCookie(SESSIONS.operator.token), ...jsonRequest }).jsonBody({ job_id: jobId }),
        )
        .willRespondWith(409, (b) =>
          b.headers(jsonResponse).jsonBody(errorBody(`Job ${jobId} is not active (status ${state})`)),
        )
        .executeTest(async (server) => {
          const { response, error } = await iapAt(server.url, SESSIONS.operator).POST(
            '/workflow_engine/cancelJob',
            { body: { job_id: jobId } },
          );
          expect(response.status).toBe(409);
          expect(error).toEqual({ message: expect.any(String) });
        });
    },
  );

  it('reads a canceled job: status canceled, locked', async () => {
    const jobId = jobIdOf(0x301);
    await given(pact.addInteraction(), SESSIONS.operator, jobIn(jobId, 'canceled'))
      .uponReceiving('a request to get a canceled job')
      .withRequest('GET', `/workflow_engine/getJob/${jobId}`, (b) =>
        b.headers(tokenCookie(SESSIONS.operator.token)),
      )
      .willRespondWith(200, (b) =>
        b.headers(jsonResponse).jsonBody(jobDocument(jobId, 'canceled', 'running')),
      )
      .executeTest(async (server) => {
        const { response, data } = await iapAt(server.url, SESSIONS.operator).GET(
          '/workflow_engine/getJob/{id}',
          { params: { path: { id: jobId } } },
        );
        expect(response.status).toBe(200);
        expectJob(data, jobId, 'canceled', true);
        expect(data?.tasks[WORKFLOW.taskId]?.metrics?.finish_state).toBe('canceled');
      });
  });

  it('reads a running job with the token in the query string: status running, not locked', async () => {
    const jobId = jobIdOf(0x302);
    await given(pact.addInteraction(), SESSIONS.operator, jobIn(jobId, 'running'))
      .uponReceiving('a request to get a running job, the session token sent as ?token=')
      .withRequest('GET', `/workflow_engine/getJob/${jobId}`, (b) =>
        b.query({ token: regex(TOKEN, SESSIONS.operator.token) }),
      )
      .willRespondWith(200, (b) => b.headers(jsonResponse).jsonBody(jobDocument(jobId, 'running')))
      .executeTest(async (server) => {
        const { response, data } = await iapAt(server.url, SESSIONS.operator, 'query').GET(
          '/workflow_engine/getJob/{id}',
          { params: { path: { id: jobId } } },
        );
        expect(response.status).toBe(200);
        expectJob(data, jobId, 'running', false);
      });
  });

  it('gets 404 {message} when cancelling a job that does not exist', async () => {
    const jobId = jobIdOf(0x401);
    await given(pact.addInteraction(), SESSIONS.operator, noJob(jobId))
      .uponReceiving('a request to cancel a job that does not exist')
      .withRequest('POST', '/workflow_engine/cancelJob', (b) =>
        b.headers({ ...tokenCookie(SESSIONS.operator.token), ...jsonRequest }).jsonBody({ job_id: jobId }),
      )
      .willRespondWith(404, (b) => b.headers(jsonResponse).jsonBody(errorBody(`Job ${jobId} not found`)))
      .executeTest(async (server) => {
        const { response, error } = await iapAt(server.url, SESSIONS.operator).POST(
          '/workflow_engine/cancelJob',
          { body: { job_id: jobId } },
        );
        expect(response.status).toBe(404);
        expect(error).toEqual({ message: expect.any(String) });
      });
  });

  it('gets 404 {message} when reading a job that does not exist', async () => {
    const jobId = jobIdOf(0x402);
    await given(pact.addInteraction(), SESSIONS.operator, noJob(jobId))
      .uponReceiving('a request to get a job that does not exist')
      .withRequest('GET', `/workflow_engine/getJob/${jobId}`, (b) =>
        b.headers(tokenCookie(SESSIONS.operator.token)),
      )
      .willRespondWith(404, (b) => b.headers(jsonResponse).jsonBody(errorBody(`Job ${jobId} not found`)))
      .executeTest(async (server) => {
        const { response, error } = await iapAt(server.url, SESSIONS.operator).GET(
          '/workflow_engine/getJob/{id}',
          { params: { path: { id: jobId } } },
        );
        expect(response.status).toBe(404);
        expect(error).toEqual({ message: expect.any(String) });
      });
  });

  it('gets 401 {message} for a session token the provider does not know', async () => {
    const jobId = jobIdOf(0x501);
    await given(pact.addInteraction(), undefined, jobIn(jobId, 'running'))
      .uponReceiving('a request to cancel a job with an unknown session token')
      .withRequest('POST', '/workflow_engine/cancelJob', (b) =>
        b.headers({ ...tokenCookie(UNKNOWN_TOKEN), ...jsonRequest }).jsonBody({ job_id: jobId }),
      )
      .willRespondWith(401, (b) =>
        b
          .headers(jsonResponse)
          .jsonBody(errorBody('The session token is invalid or has expired; log in again')),
      )
      .executeTest(async (server) => {
        const { response, error } = await iapAt(server.url, UNKNOWN_TOKEN).POST(
          '/workflow_engine/cancelJob',
          { body: { job_id: jobId } },
        );
        expect(response.status).toBe(401);
        expect(error).toEqual({ message: expect.any(String) });
      });
  });

  it('gets 403 {message} for a user without a workflow_engine role', async () => {
    const jobId = jobIdOf(0x502);
    await given(pact.addInteraction(), SESSIONS.viewer, jobIn(jobId, 'running'))
      .uponReceiving('a request to cancel a job from a user with no role allowed to cancel')
      .withRequest('POST', '/workflow_engine/cancelJob', (b) =>
        b.headers({ ...tokenCookie(SESSIONS.viewer.token), ...jsonRequest }).jsonBody({ job_id: jobId }),
      )
      .willRespondWith(403, (b) =>
        b
          .headers(jsonResponse)
          .jsonBody(errorBody('User viewer does not have a role allowed to call cancelJob')),
      )
      .executeTest(async (server) => {
        const { response, error } = await iapAt(server.url, SESSIONS.viewer).POST(
          '/workflow_engine/cancelJob',
          { body: { job_id: jobId } },
        );
        expect(response.status).toBe(403);
        expect(error).toEqual({ message: expect.any(String) });
      });
  });

  it('gets 400 {message} when cancelling with a job_id that is not an ObjectId', async () => {
    const jobId = 'JOB-2024-0042';
    await given(pact.addInteraction(), SESSIONS.operator)
      .uponReceiving('a request to cancel a job whose job_id is not an ObjectId')
      .withRequest('POST', '/workflow_engine/cancelJob', (b) =>
        b.headers({ ...tokenCookie(SESSIONS.operator.token), ...jsonRequest }).jsonBody({ job_id: jobId }),
      )
      .willRespondWith(400, (b) =>
        b.headers(jsonResponse).jsonBody(errorBody('job_id: must match pattern "^[0-9a-f]{24}$"')),
      )
      .executeTest(async (server) => {
        const { response, error } = await iapAt(server.url, SESSIONS.operator).POST(
          '/workflow_engine/cancelJob',
          { body: { job_id: jobId } },
        );
        expect(response.status).toBe(400);
        expect(error).toEqual({ message: expect.any(String) });
      });
  });

  it('gets 400 {message} when reading a job whose id is not an ObjectId', async () => {
    const jobId = 'JOB-2024-0042';
    await given(pact.addInteraction(), SESSIONS.operator)
      .uponReceiving('a request to get a job whose id is not an ObjectId')
      .withRequest('GET', `/workflow_engine/getJob/${jobId}`, (b) =>
        b.headers(tokenCookie(SESSIONS.operator.token)),
      )
      .willRespondWith(400, (b) =>
        b.headers(jsonResponse).jsonBody(errorBody('id: must match pattern "^[0-9a-f]{24}$"')),
      )
      .executeTest(async (server) => {
        const { response, error } = await iapAt(server.url, SESSIONS.operator).GET(
          '/workflow_engine/getJob/{id}',
          { params: { path: { id: jobId } } },
        );
        expect(response.status).toBe(400);
        expect(error).toEqual({ message: expect.any(String) });
      });
  });
});
