import type { JSONRPCResponse } from 'json-rpc-2.0';
import { JSONRPCClient, JSONRPCErrorException } from 'json-rpc-2.0';
import { MatchersV3 } from '@pact-foundation/pact';
import type { KBASE_PROVIDER_STATES } from '../../mocks/kbase';
import type { KbaseState } from '../../mocks/kbase/machine';
import type { OpenRpcTypes } from '../../specs/kbase/types.gen';
import type { ProviderStateName } from '../pact-setup';
import { DELIBERATE_CREDENTIALS, injected, pactWith } from '../pact-setup';

const { like, regex, integer } = MatchersV3;

/** The consumer: the KBase job browser UI, calling the BFF through a JSON-RPC 2.0 client. */
const pact = pactWith('job-browser-ui', 'kbase');

type Methods = OpenRpcTypes['methods'];
type Method = keyof Methods;
type StateName = ProviderStateName<(typeof KBASE_PROVIDER_STATES)[number]>;

/** The token the provider state returns (`token`); the UI sends it bare, no `Bearer` prefix. */
const TOKEN = 'user-token';
/** A token the auth service does not know, sent as recorded. */
const BAD_TOKEN = 'not-a-valid-token';

/** The job id the provider state returns (`jobId`), an EE2 ObjectId; consumer tests see this one. */
const JOB_ID = '65a000000000000000000042';
const jobId = injected('jobId', JOB_ID);

/** A typed client (npm `json-rpc-2.0`) posting to `url` with the raw token in Authorization, as the UI does. */
function bffAt(url: string, token = TOKEN) {
  const client: JSONRPCClient = new JSONRPCClient(async (payload: unknown) => {
    const reply = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: token },
      body: JSON.stringify(payload),
    });
    client.receive((await reply.json()) as JSONRPCResponse);
  });
  return <M extends Method>(method: M, params: Methods[M]['params']) =>
    client.request(method, params) as Promise<Methods[M]['result']>;
}

/** The error a call was rejected with. */
async function rejection(call: Promise<unknown>): Promise<JSONRPCErrorException> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JSONRPCErrorException);
  return error as JSONRPCErrorException;
}

interface Call {
  readonly description: string;
  /** The job's provider state; the user's token state comes first unless the call sends a bad token. */
  readonly given?: readonly [StateName, Record<string, string>];
  readonly method: Method;
  /** The params as recorded (matchers allowed: the job id is the provider's). */
  readonly params: Record<string, unknown>;
  /** The reply body's `result` or `error` member (matchers allowed). */
  readonly reply: { result: unknown } | { error: Record<string, unknown> };
  /** A token the auth service does not know, sent as is (the token is then the contract, not a matcher). */
  readonly badToken?: string;
}

/** One JSON-RPC 2.0 call as an interaction: POST to the service path, any integer id, HTTP 200 always. */
function expectCall(call: Call) {
  let builder = pact.addInteraction();
  if (call.badToken) builder = builder.comment(DELIBERATE_CREDENTIALS);
  else builder = builder.given('a user token' satisfies StateName);
  if (call.given) builder = builder.given(...call.given);
  return builder
    .uponReceiving(call.description)
    .withRequest('POST', '/', (b) =>
      b
        .headers({
          'Content-Type': 'application/json',
          Authorization: call.badToken ?? injected('token', TOKEN),
        })
        .jsonBody({ jsonrpc: '2.0', id: integer(1), method: call.method, params: call.params }),
    )
    .willRespondWith(200, (b) =>
      b
        .headers({ 'Content-Type': regex('^application/json', 'application/json') })
        .jsonBody({ jsonrpc: '2.0', id: integer(1), ...call.reply }),
    );
}

const inState = (state: KbaseState) => ['a job in state {state}', { state }] as const;

describe('job-browser-ui → kbase', () => {
  it.each<[KbaseState]>([['create'], ['queue'], ['run']])('cancels a job in %s', async (state) => {
    await expectCall({
      description: `a call to cancel a job in ${state}`,
      given: inState(state),
      method: 'JobBrowserBFF.cancel_job',
      params: { job_id: jobId, timeout: 10000 },
      reply: { result: { canceled: true } },
    }).executeTest(async (server) => {
      const reply = await bffAt(server.url)('JobBrowserBFF.cancel_job', { job_id: JOB_ID, timeout: 10000 });
      expect(reply).toEqual({ canceled: true });
    });
  });

  it('reads a job that was cancelled as terminate, with its termination code and finish time', async () => {
    await expectCall({
      description: 'a call to get a job that was cancelled',
      given: ['a job that was cancelled in state {state}', { state: 'run' }],
      method: 'JobBrowserBFF.get_jobs',
      params: { job_ids: [jobId], timeout: 10000 },
      reply: {
        result: {
          jobs: [
            {
              job_id: jobId,
              owner: { username: like('user'), realname: like('Demo User') },
              state: {
                status: 'terminate',
                create_at: integer(1700000000000),
                finish_at: integer(1700000060000),
                reason: { code: integer(0) },
              },
              app: null,
              context: { type: like('unknown') },
            },
          ],
        },
      },
    }).executeTest(async (server) => {
      const { jobs } = await bffAt(server.url)('JobBrowserBFF.get_jobs', {
        job_ids: [JOB_ID],
        timeout: 10000,
      });
      expect(jobs[0]!.state.status).toBe('terminate');
    });
  });

  it('gets error 10 for a job that does not exist', async () => {
    await expectCall({
      description: 'a call to cancel a job that does not exist',
      given: ['a job id that no job has', {}],
      method: 'JobBrowserBFF.cancel_job',
      params: { job_id: jobId, timeout: 10000 },
      reply: {
        error: { code: 10, message: like('The requested job could not be found'), data: { job_id: jobId } },
      },
    }).executeTest(async (server) => {
      const error = await rejection(
        bffAt(server.url)('JobBrowserBFF.cancel_job', { job_id: JOB_ID, timeout: 10000 }),
      );
      expect(error.code).toBe(10);
      expect(error.data).toEqual({ job_id: JOB_ID });
    });
  });

  it("is refused another user's job with an error", async () => {
    // The documentation says error 21, EE2 passes its own -32000 through: the UI shows the message of either.
    await expectCall({
      description: "a call to cancel another user's job",
      given: ['a job owned by another user in state {state}', { state: 'run' }],
      method: 'JobBrowserBFF.cancel_job',
      params: { job_id: jobId, timeout: 10000 },
      reply: {
        error: {
          code: integer(21),
          message: like('Job could not be canceled due to insufficient privileges'),
        },
      },
    }).executeTest(async (server) => {
      const error = await rejection(
        bffAt(server.url)('JobBrowserBFF.cancel_job', { job_id: JOB_ID, timeout: 10000 }),
      );
      expect(error.message).toEqual(expect.any(String));
    });
  });

  it('gets -32000 "Server error" for a token the auth service does not know', async () => {
    await expectCall({
      description: 'a call to cancel a job with an invalid token',
      given: inState('run'),
      method: 'JobBrowserBFF.cancel_job',
      params: { job_id: jobId, timeout: 10000 },
      badToken: BAD_TOKEN,
      reply: {
        error: {
          code: -32000,
          message: 'Server error',
          data: regex(
            '^Token validation failed[\\s\\S]*$',
            'Token validation failed: Error connecting to auth service: 401 Unauthorized\n10020 Invalid token',
          ),
        },
      },
    }).executeTest(async (server) => {
      const error = await rejection(
        bffAt(server.url, BAD_TOKEN)('JobBrowserBFF.cancel_job', { job_id: JOB_ID, timeout: 10000 }),
      );
      expect(error.code).toBe(-32000);
    });
  });

  it('gets -32602 invalid params for a negative timeout', async () => {
    await expectCall({
      description: 'a call to cancel a job with a negative timeout',
      given: inState('run'),
      method: 'JobBrowserBFF.cancel_job',
      params: { job_id: jobId, timeout: -1 },
      reply: {
        error: {
          code: -32602,
          message: like('Invalid params'),
          data: {
            schema_error: like('-1 is less than the minimum of 0'),
            schema_path: like('properties.timeout.minimum'),
          },
        },
      },
    }).executeTest(async (server) => {
      const error = await rejection(
        bffAt(server.url)('JobBrowserBFF.cancel_job', { job_id: JOB_ID, timeout: -1 }),
      );
      expect(error.code).toBe(-32602);
      expect((error.data as { schema_error: string }).schema_error).toEqual(expect.any(String));
    });
  });
});
