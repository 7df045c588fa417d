import type { JSONRPCErrorException, JSONRPCResponse } from 'json-rpc-2.0';
import { JSONRPCClient } from 'json-rpc-2.0';
import type { OpenRpcTypes } from '../../specs/kbase/types.gen';
import type { Interceptor } from '../../src/main';
import { intercept } from '../../src/main';

/** Where KBase's UI finds the Job Browser BFF (a dynamic service; the hash part varies by deployment). */
const BASE_URL = 'https://kbase.us/dynserv/JobBrowserBFF';
type Methods = OpenRpcTypes['methods'];

/** The `json-rpc-2.0` client over global fetch, with the raw token in Authorization as the KBase UI sends it. */
function kbaseClient(token = 'user-token') {
  const client: JSONRPCClient = new JSONRPCClient(async (payload: unknown) => {
    const res = await fetch(BASE_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: token },
      body: JSON.stringify(payload),
    });
    if (res.status === 200) client.receive((await res.json()) as JSONRPCResponse);
    else throw new Error(`HTTP ${res.status}`);
  });
  return <M extends keyof Methods>(method: M, params: Methods[M]['params']) =>
    client.request(method, params) as Promise<Methods[M]['result']>;
}

describe('intercept("kbase"): the SDK server’s own transport', () => {
  let api: Interceptor;
  beforeAll(() => {
    api = intercept('kbase', BASE_URL, { profile: 'upstream' });
  });
  afterAll(() => api.dispose());

  it('answers CORS itself: the headers on a reply, an empty 200 to OPTIONS', async () => {
    const reply = await fetch(BASE_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'user-token' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'JobBrowserBFF.is_admin', params: {} }),
    });
    expect(reply.headers.get('access-control-allow-origin')).toBe('*');
    const preflight = await fetch(BASE_URL, {
      method: 'OPTIONS',
      headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    });
    expect([preflight.status, await preflight.text()]).toEqual([200, '']);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization');
  });

  it('fails a batch with HTTP 500 in the upstream profile, as uWSGI does', async () => {
    const reply = await fetch(BASE_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'user-token' },
      body: JSON.stringify([{ jsonrpc: '2.0', id: 1, method: 'JobBrowserBFF.is_admin', params: {} }]),
    });
    expect([reply.status, await reply.text()]).toEqual([500, 'Internal Server Error']);
  });
});

describe('intercept("kbase") with the json-rpc-2.0 client over fetch', () => {
  let api: Interceptor;
  beforeAll(() => {
    api = intercept('kbase', BASE_URL);
  });
  beforeEach(() => api.reset());
  afterAll(() => api.dispose());

  it('creates a job, cancels it and observes it terminated', async () => {
    const call = kbaseClient();
    const job = api.createJob('run');
    const before = await call('JobBrowserBFF.get_jobs', { job_ids: [job.id], timeout: 10_000 });
    expect(before.jobs[0]!.state.status).toBe('run');
    expect(await call('JobBrowserBFF.cancel_job', { job_id: job.id, timeout: 10_000 })).toEqual({
      canceled: true,
    });
    const after = await call('JobBrowserBFF.get_jobs', { job_ids: [job.id], timeout: 10_000 });
    expect(after.jobs[0]!.state).toMatchObject({ status: 'terminate', reason: { code: 0 } });
    expect(api.getJob(job.id).state).toBe('terminate');
    expect(api.violations).toEqual([]);
  });

  it('a job follows the lifecycle as the interceptor’s clock advances', async () => {
    const call = kbaseClient();
    const job = api.createJob('create', { held: false });
    api.advance(1_000);
    expect(
      (await call('JobBrowserBFF.get_jobs', { job_ids: [job.id], timeout: 10 })).jobs[0]!.state.status,
    ).toBe('queue');
  });

  it('gets KBase’s own error 10 for an unknown job', async () => {
    const error = (await kbaseClient()('JobBrowserBFF.cancel_job', {
      job_id: '65a0ffffffffffffffffffff',
      timeout: 10,
    }).catch((e: unknown) => e)) as JSONRPCErrorException;
    expect(error).toMatchObject({ code: 10, message: 'The requested job could not be found' });
  });

  it('gets -32000 for a token the auth service refuses', async () => {
    const error = (await kbaseClient('not-a-token')('JobBrowserBFF.is_admin', {}).catch(
      (e: unknown) => e,
    )) as JSONRPCErrorException;
    expect(error.code).toBe(-32000);
  });
});
