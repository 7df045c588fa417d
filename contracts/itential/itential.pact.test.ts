import type { PactV4 } from '@pact-foundation/pact';
import { MatchersV3 } from '@pact-foundation/pact';
import type { Middleware } from 'openapi-fetch';
import createClient from 'openapi-fetch';
import type { ITENTIAL_PROVIDER_STATES } from '../../mocks/itential/provider-states';
import type { ItentialState } from '../../mocks/itential/machine';
import type { components, paths } from '../../specs/itential/types.gen';
import type { ProviderStateName } from '../pact-setup';
import { DELIBERATE_CREDENTIALS, injected, pactWith } from '../pact-setup';

const { like, regex, integer, eachLike } = MatchersV3;

/**
 * The consumer: an automation portal that lists IAP workflow jobs and lets operators cancel them, calling the
 * 2020.2 workflow_engine routes through a client typed from the spec.
 */
const pact = pactWith('automation-portal', 'itential');

type StateName = ProviderStateName<(typeof ITENTIAL_PROVIDER_STATES)[number]>;
type Interaction = ReturnType<PactV4['addInteraction']>;
type Job = components['schemas']['Job'];
type RequestBuilder = Parameters<NonNullable<Parameters<Interaction['withRequest']>[2]>>[0];

/**
 * Session tokens. The portal logs in as its service account and IAP hands it a fresh token, so a provider state
 * makes the session and returns its token (`{ token }`): `operator` holds the apiwrite role, `viewer` holds no
 * workflow_engine role. The pact holds only examples (base64 of a UUID, as IAP issues them); the unknown token
 * is sent as recorded.
 */
const token = (uuid: string) => Buffer.from(uuid).toString('base64');
const SESSIONS = {
  operator: {
    state: ['a session of a user with role {role}', { role: 'apiwrite' }],
    example: token('0b7c1e52-6f3a-4d8e-9a21-5c4f8e2d7b10'),
  },
  viewer: {
    state: ['a session of a user without a workflow_engine role', {}],
    example: token('9e4d2a17-3b8c-4f60-8d5e-1a7b3c9f2e44'),
  },
} as const satisfies Record<string, { state: [StateName, Record<string, string>]; example: string }>;
const UNKNOWN_TOKEN = token('00000000-dead-4bad-8bad-000000000000');

/** The job id the provider state returns (`jobId`), a MongoDB ObjectId; consumer tests see this one. */
const JOB_ID = '5f1e0c0ffee0000000000101';
const jobId = injected('jobId', JOB_ID);

type Session = (typeof SESSIONS)[keyof typeof SESSIONS];

/** A typed client of the spec (openapi-fetch over the generated `paths`) at the Pact mock server. */
function iapAt(url: string, value: string, where: 'cookie' | 'query' = 'cookie') {
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

/** The provider states: the portal's session (none when it sends an unknown token), then the job's. */
function given(
  interaction: Interaction,
  session: Session | undefined,
  ...states: (readonly [StateName, Record<string, string>])[]
): Interaction {
  let at = session ? interaction.given(session.state[0], session.state[1]) : interaction;
  for (const [name, params] of states) at = at.given(name, params);
  return at;
}

const jobIn = (state: ItentialState) => ['a job in state {state}', { state }] as const;
const noJob = ['a job id that no job has', {}] as const;

// Request matchers: the session's token, as the portal sends it.
const tokenCookie = (example: string) => ({ Cookie: injected('token=${token}', `token=${example}`) });
const jsonRequest = { 'Content-Type': regex('^application/json', 'application/json') };
const cancelRequest = (session: Session) => (b: RequestBuilder) =>
  b.headers({ ...tokenCookie(session.example), ...jsonRequest }).jsonBody({ job_id: jobId });

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
 * The job document the portal relies on. `_id`, `status` and `locked` are the contract; the rest is matched
 * by type or format. `canceledFrom` says which status a canceled job was canceled from (it decides how its
 * task and error list read).
 */
function jobDocument(status: 'running' | 'canceled', canceledFrom?: ItentialState) {
  const finished = status === 'canceled';
  const errored = canceledFrom === 'error' || canceledFrom === 'incomplete';
  return {
    _id: jobId,
    name: like('8917Test2'),
    // The platform's own tasks; the workflow's tasks have ids the provider's workflow chose.
    tasks: {
      workflow_start: platformTask('workflow_start', 'complete', 0.08412582297000731),
      workflow_end: platformTask('workflow_end', 'incomplete', 0.8412582297000731),
    },
    // How the tasks connect: an object whose keys are the workflow's task ids.
    transitions: like({}),
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
function expectJob(data: Job | undefined, status: Job['status'], locked: boolean): void {
  expect(data).toMatchObject({ _id: JOB_ID, status, locked });
}

const CANCELLABLE: ItentialState[] = ['running', 'paused', 'error', 'incomplete'];
const NOT_CANCELLABLE: ItentialState[] = ['complete', 'canceled'];

describe('automation-portal → itential', () => {
  it.each(CANCELLABLE)(
    'cancels a job in status %s: 200, the job document canceled and locked',
    async (state) => {
      await given(pact.addInteraction(), SESSIONS.operator, jobIn(state))
        .uponReceiving(`a request to cancel a job in status ${state}`)
        .withRequest('POST', '/workflow_engine/cancelJob', cancelRequest(SESSIONS.operator))
        .willRespondWith(200, (b) => b.headers(jsonResponse).jsonBody(jobDocument('canceled', state)))
        .executeTest(async (server) => {
          const { response, data } = await iapAt(server.url, SESSIONS.operator.example).POST(
            '/workflow_engine/cancelJob',
            { body: { job_id: JOB_ID } },
          );
          expect(response.status).toBe(200);
          expectJob(data, 'canceled', true);
        });
    },
  );

  it.each(NOT_CANCELLABLE)('is refused for a job in status %s: 409 {message}', async (state) => {
    await given(pact.addInteraction(), SESSIONS.operator, jobIn(state))
      .uponReceiving(`a request to cancel a job in status ${state}, which is not active`)
      .withRequest('POST', '/workflow_engine/cancelJob', cancelRequest(SESSIONS.operator))
      .willRespondWith(409, (b) =>
        b.headers(jsonResponse).jsonBody(errorBody(`Job ${JOB_ID} is not active (status ${state})`)),
      )
      .executeTest(async (server) => {
        const { response, error } = await iapAt(server.url, SESSIONS.operator.example).POST(
          '/workflow_engine/cancelJob',
          { body: { job_id: JOB_ID } },
        );
        expect(response.status).toBe(409);
        expect(error).toEqual({ message: expect.any(String) });
      });
  });

  it('reads a job that was canceled: status canceled, locked', async () => {
    await given(pact.addInteraction(), SESSIONS.operator, [
      'a job that was cancelled in state {state}',
      { state: 'running' },
    ])
      .uponReceiving('a request to get a job that was canceled')
      .withRequest(
        'GET',
        injected('/workflow_engine/getJob/${jobId}', `/workflow_engine/getJob/${JOB_ID}`),
        (b) => b.headers(tokenCookie(SESSIONS.operator.example)),
      )
      .willRespondWith(200, (b) => b.headers(jsonResponse).jsonBody(jobDocument('canceled', 'running')))
      .executeTest(async (server) => {
        const { response, data } = await iapAt(server.url, SESSIONS.operator.example).GET(
          '/workflow_engine/getJob/{id}',
          { params: { path: { id: JOB_ID } } },
        );
        expect(response.status).toBe(200);
        expectJob(data, 'canceled', true);
      });
  });

  it('reads a running job with the token in the query string: status running, not locked', async () => {
    await given(pact.addInteraction(), SESSIONS.operator, jobIn('running'))
      .uponReceiving('a request to get a running job, the session token sent as ?token=')
      .withRequest(
        'GET',
        injected('/workflow_engine/getJob/${jobId}', `/workflow_engine/getJob/${JOB_ID}`),
        (b) => b.query({ token: injected('token', SESSIONS.operator.example) }),
      )
      .willRespondWith(200, (b) => b.headers(jsonResponse).jsonBody(jobDocument('running')))
      .executeTest(async (server) => {
        const { response, data } = await iapAt(server.url, SESSIONS.operator.example, 'query').GET(
          '/workflow_engine/getJob/{id}',
          { params: { path: { id: JOB_ID } } },
        );
        expect(response.status).toBe(200);
        expectJob(data, 'running', false);
      });
  });

  it('gets 404 {message} when cancelling a job that does not exist', async () => {
    await given(pact.addInteraction(), SESSIONS.operator, noJob)
      .uponReceiving('a request to cancel a job that does not exist')
      .withRequest('POST', '/workflow_engine/cancelJob', cancelRequest(SESSIONS.operator))
      .willRespondWith(404, (b) => b.headers(jsonResponse).jsonBody(errorBody(`Job ${JOB_ID} not found`)))
      .executeTest(async (server) => {
        const { response, error } = await iapAt(server.url, SESSIONS.operator.example).POST(
          '/workflow_engine/cancelJob',
          { body: { job_id: JOB_ID } },
        );
        expect(response.status).toBe(404);
        expect(error).toEqual({ message: expect.any(String) });
      });
  });

  it('gets 404 {message} when reading a job that does not exist', async () => {
    await given(pact.addInteraction(), SESSIONS.operator, noJob)
      .uponReceiving('a request to get a job that does not exist')
      .withRequest(
        'GET',
        injected('/workflow_engine/getJob/${jobId}', `/workflow_engine/getJob/${JOB_ID}`),
        (b) => b.headers(tokenCookie(SESSIONS.operator.example)),
      )
      .willRespondWith(404, (b) => b.headers(jsonResponse).jsonBody(errorBody(`Job ${JOB_ID} not found`)))
      .executeTest(async (server) => {
        const { response, error } = await iapAt(server.url, SESSIONS.operator.example).GET(
          '/workflow_engine/getJob/{id}',
          { params: { path: { id: JOB_ID } } },
        );
        expect(response.status).toBe(404);
        expect(error).toEqual({ message: expect.any(String) });
      });
  });

  it('gets 401 {message} for a session token the provider does not know', async () => {
    await given(pact.addInteraction(), undefined, jobIn('running'))
      .comment(DELIBERATE_CREDENTIALS)
      .uponReceiving('a request to cancel a job with an unknown session token')
      .withRequest('POST', '/workflow_engine/cancelJob', (b) =>
        b.headers({ Cookie: `token=${UNKNOWN_TOKEN}`, ...jsonRequest }).jsonBody({ job_id: jobId }),
      )
      .willRespondWith(401, (b) =>
        b
          .headers(jsonResponse)
          .jsonBody(errorBody('The session token is invalid or has expired; log in again')),
      )
      .executeTest(async (server) => {
        const { response, error } = await iapAt(server.url, UNKNOWN_TOKEN).POST(
          '/workflow_engine/cancelJob',
          {
            body: { job_id: JOB_ID },
          },
        );
        expect(response.status).toBe(401);
        expect(error).toEqual({ message: expect.any(String) });
      });
  });

  it('gets 403 {message} for a user without a workflow_engine role', async () => {
    await given(pact.addInteraction(), SESSIONS.viewer, jobIn('running'))
      .comment(DELIBERATE_CREDENTIALS)
      .uponReceiving('a request to cancel a job from a user with no role allowed to cancel')
      .withRequest('POST', '/workflow_engine/cancelJob', cancelRequest(SESSIONS.viewer))
      .willRespondWith(403, (b) =>
        b
          .headers(jsonResponse)
          .jsonBody(errorBody('User viewer does not have a role allowed to call cancelJob')),
      )
      .executeTest(async (server) => {
        const { response, error } = await iapAt(server.url, SESSIONS.viewer.example).POST(
          '/workflow_engine/cancelJob',
          { body: { job_id: JOB_ID } },
        );
        expect(response.status).toBe(403);
        expect(error).toEqual({ message: expect.any(String) });
      });
  });

  it('gets 400 {message} when cancelling with a job_id that is not an ObjectId', async () => {
    const badId = 'JOB-2024-0042';
    await given(pact.addInteraction(), SESSIONS.operator)
      .uponReceiving('a request to cancel a job whose job_id is not an ObjectId')
      .withRequest('POST', '/workflow_engine/cancelJob', (b) =>
        b.headers({ ...tokenCookie(SESSIONS.operator.example), ...jsonRequest }).jsonBody({ job_id: badId }),
      )
      .willRespondWith(400, (b) =>
        b.headers(jsonResponse).jsonBody(errorBody('job_id: must match pattern "^[0-9a-f]{24}$"')),
      )
      .executeTest(async (server) => {
        const { response, error } = await iapAt(server.url, SESSIONS.operator.example).POST(
          '/workflow_engine/cancelJob',
          { body: { job_id: badId } },
        );
        expect(response.status).toBe(400);
        expect(error).toEqual({ message: expect.any(String) });
      });
  });

  it('gets 400 {message} when reading a job whose id is not an ObjectId', async () => {
    const badId = 'JOB-2024-0042';
    await given(pact.addInteraction(), SESSIONS.operator)
      .uponReceiving('a request to get a job whose id is not an ObjectId')
      .withRequest('GET', `/workflow_engine/getJob/${badId}`, (b) =>
        b.headers(tokenCookie(SESSIONS.operator.example)),
      )
      .willRespondWith(400, (b) =>
        b.headers(jsonResponse).jsonBody(errorBody('id: must match pattern "^[0-9a-f]{24}$"')),
      )
      .executeTest(async (server) => {
        const { response, error } = await iapAt(server.url, SESSIONS.operator.example).GET(
          '/workflow_engine/getJob/{id}',
          { params: { path: { id: badId } } },
        );
        expect(response.status).toBe(400);
        expect(error).toEqual({ message: expect.any(String) });
      });
  });
});
