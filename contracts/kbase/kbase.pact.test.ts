import type { JSONRPCResponse } from 'json-rpc-2.0';
import { JSONRPCClient, JSONRPCErrorException } from 'json-rpc-2.0';
import { MatchersV3 } from '@pact-foundation/pact';
import type { KBASE_PROVIDER_STATES } from '../../mocks/kbase';
import type { KbaseState } from '../../mocks/kbase/machine';
import type { OpenRpcTypes } from '../../specs/kbase/types.gen';
import type { ProviderStateName } from '../pact-setup';
import { pactWith } from '../pact-setup';

const { like, regex, integer } = MatchersV3;

/** The consumer: the KBase job browser UI, calling the BFF through a JSON-RPC 2.0 client. */
const pact = pactWith('job-browser-ui', 'kbase');

type Methods = OpenRpcTypes['methods'];
type Method = keyof Methods;
type StateName = ProviderStateName<(typeof KBASE_PROVIDER_STATES)[number]>;

/** The demo user's token; the UI sends the bare token, no `Bearer` prefix. */
const TOKEN = 'user-token';

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

interface Call<M extends Method> {
  readonly description: string;
  readonly given?: readonly [StateName, { jobId: string; state?: KbaseState }];
  readonly method: M;
  readonly params: Methods[M]['params'];
  /** The reply body's `result` or `error` member (matchers allowed). */
  readonly reply: { result: unknown } | { error: Record<string, unknown> };
  /** A token the auth service does not know, sent as is (the token is then the contract, not a matcher). */
  readonly badToken?: string;
}

/** One JSON-RPC 2.0 call as an interaction: POST to the service path, any integer id, HTTP 200 always. */
function expectCall<M extends Method>(call: Call<M>) {
  const builder = pact.addInteraction();
  if (call.given) builder.given(...call.given);
  return builder
    .uponReceiving(call.description)
    .withRequest('POST', '/', (b) =>
      b
        .headers({
          'Content-Type': 'application/json',
          Authorization: call.badToken ?? regex('^[A-Za-z0-9_-]+$', TOKEN),
        })
        .jsonBody({ jsonrpc: '2.0', id: integer(1), method: call.method, params: call.params }),
    )
    .willRespondWith(200, (b) =>
      b
        .headers({ 'Content-Type': regex('^application/json', 'application/json') })
        .jsonBody({ jsonrpc: '2.0', id: integer(1), ...call.reply }),
    );
}

const jobIdOf = (n: number) => `65a0${String(n).padStart(20, '0')}`;
const inState = (jobId: string, jobState: KbaseState) =>
  ['a job {jobId} in state {state}', { jobId, state: jobState }] as const;

describe('job-browser-ui → kbase', () => {
  it.each<[KbaseState, number]>([
    ['create', 1],
    ['queue', 2],
    ['run', 3],
  ])('cancels a job in %s', async (jobState, n) => {
    const params = { job_id: jobIdOf(n), timeout: 10000 };
    await expectCall({
      description: `a call to cancel a job in ${jobState}`,
      given: inState(params.job_id, jobState),
      method: 'JobBrowserBFF.cancel_job',
      params,
      reply: { result: { canceled: true } },
    }).executeTest(async (server) => {
      expect(await bffAt(server.url)('JobBrowserBFF.cancel_job', params)).toEqual({ canceled: true });
    });
  });

  it('reads a cancelled job as terminate, with its termination code and finish time', async () => {
    const jobId = jobIdOf(10);
    await expectCall({
      description: 'a call to get a job that was cancelled',
      given: inState(jobId, 'terminate'),
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
        job_ids: [jobId],
        timeout: 10000,
      });
      expect(jobs[0]!.state.status).toBe('terminate');
    });
  });

  it('gets error 10 for a job that does not exist', async () => {
    const jobId = jobIdOf(20);
    await expectCall({
      description: 'a call to cancel a job that does not exist',
      given: ['no job {jobId}', { jobId }],
      method: 'JobBrowserBFF.cancel_job',
      params: { job_id: jobId, timeout: 10000 },
      reply: {
        error: { code: 10, message: like('The requested job could not be found'), data: { job_id: jobId } },
      },
    }).executeTest(async (server) => {
      const error = await rejection(
        bffAt(server.url)('JobBrowserBFF.cancel_job', { job_id: jobId, timeout: 10000 }),
      );
      expect(error.code).toBe(10);
      expect(error.data).toEqual({ job_id: jobId });
    });
  });

  it.each<[KbaseState, number]>([
    ['complete', 31],
    ['error', 32],
    ['terminate', 33],
  ])('gets error 20 for a job in %s, which is not active', async (jobState, n) => {
    const params = { job_id: jobIdOf(n), timeout: 10000 };
    await expectCall({
      description: `a call to cancel a job in ${jobState}, which is not active`,
      given: inState(params.job_id, jobState),
      method: 'JobBrowserBFF.cancel_job',
      params,
      reply: {
        error: {
          code: 20,
          message: like('Job could not be canceled because it is not active'),
          data: { job_id: params.job_id, status: jobState },
        },
      },
    }).executeTest(async (server) => {
      const error = await rejection(bffAt(server.url)('JobBrowserBFF.cancel_job', params));
      expect(error.code).toBe(20);
    });
  });

  it("gets error 21 for another user's job", async () => {
    const params = { job_id: jobIdOf(40), timeout: 10000 };
    await expectCall({
      description: "a call to cancel another user's job",
      given: ['a job {jobId} owned by another user in state {state}', { jobId: params.job_id, state: 'run' }],
      method: 'JobBrowserBFF.cancel_job',
      params,
      reply: {
        error: {
          code: 21,
          message: like('Job could not be canceled due to insufficient privileges'),
          data: { job_id: params.job_id },
        },
      },
    }).executeTest(async (server) => {
      const error = await rejection(bffAt(server.url)('JobBrowserBFF.cancel_job', params));
      expect(error.code).toBe(21);
    });
  });

  it('gets -32000 "Server error" for a token the auth service does not know', async () => {
    const params = { job_id: jobIdOf(50), timeout: 10000 };
    await expectCall({
      description: 'a call to cancel a job with an invalid token',
      method: 'JobBrowserBFF.cancel_job',
      params,
      badToken: 'not-a-valid-token',
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
        bffAt(server.url, 'not-a-valid-token')('JobBrowserBFF.cancel_job', params),
      );
      expect(error.code).toBe(-32000);
    });
  });

  it('gets -32602 invalid params for a negative timeout', async () => {
    const params = { job_id: jobIdOf(60), timeout: -1 };
    await expectCall({
      description: 'a call to cancel a job with a negative timeout',
      method: 'JobBrowserBFF.cancel_job',
      params,
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
      const error = await rejection(bffAt(server.url)('JobBrowserBFF.cancel_job', params));
      expect(error.code).toBe(-32602);
      expect((error.data as { schema_error: string }).schema_error).toEqual(expect.any(String));
    });
  });
});
