import { JSONRPCClient } from 'json-rpc-2.0';
import type { JSONRPCResponse } from 'json-rpc-2.0';
import { jobIn, kbaseClient, kbaseEngine } from '../../support/clients/kbase-client';
import type { KbaseEngine } from '../../support/clients/kbase-client';

const AUTH = { authorization: 'user-token' };

/** Posts a raw body (string or JSON value) to the KBase mount as the given user. */
function post(t: KbaseEngine, body: unknown, headers: Record<string, string> = AUTH) {
  return t.send('POST', '/kbase', { headers, body });
}

function cancel(jobId: string, extra: Record<string, unknown> = {}) {
  return {
    jsonrpc: '2.0',
    method: 'JobBrowserBFF.cancel_job',
    params: { job_id: jobId, timeout: 10 },
    ...extra,
  };
}

describe('kbase JSON-RPC envelope', () => {
  it('answers errors with HTTP 200 and application/json, as KBase does', async () => {
    const t = kbaseEngine();
    const reply = await post(t, { ...cancel('missing'), id: 1 });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json');
    expect(reply.body).toMatchObject({ jsonrpc: '2.0', id: 1, error: { code: 10 } });
  });

  it('answers malformed JSON with -32700 and id null', async () => {
    const t = kbaseEngine();
    const reply = await post(t, '{"jsonrpc": "2.0", "method"');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32700, message: 'Parse error - parsing the request as json' },
    });
  });

  it.each([
    ['no jsonrpc member', { method: 'JobBrowserBFF.is_admin', id: 7 }, 7],
    ['a numeric method', { jsonrpc: '2.0', method: 5, id: 'a' }, 'a'],
    ['scalar params', { jsonrpc: '2.0', method: 'JobBrowserBFF.is_admin', params: 3, id: 2 }, 2],
    ['a bare number', 5, null],
  ])('answers %s with -32600 Invalid Request', async (_name, body, id) => {
    const t = kbaseEngine();
    const reply = await post(t, body);
    expect(reply.body).toMatchObject({ id, error: { code: -32600, message: 'Invalid Request' } });
  });

  it.each(['JobBrowserBFF.nope', 'cancel_job'])(
    'answers the unknown method %s with -32601',
    async (method) => {
      const t = kbaseEngine();
      const reply = await post(t, { jsonrpc: '2.0', method, params: {}, id: 3 });
      expect(reply.body).toMatchObject({ id: 3, error: { code: -32601, message: 'Method not found' } });
    },
  );

  it('answers a batch call by call, leaving out notifications', async () => {
    const t = kbaseEngine();
    const running = jobIn(t, 'run');
    const queued = jobIn(t, 'queue');
    const reply = await post(t, [
      { ...cancel(running), id: 'a' },
      cancel(queued),
      { ...cancel('missing'), id: 'b' },
      { jsonrpc: '2.0', method: 'JobBrowserBFF.is_admin', id: 'c' },
      { foo: 1 },
    ]);
    const body = reply.body as Record<string, unknown>[];
    expect(body).toEqual([
      { jsonrpc: '2.0', id: 'a', result: { canceled: true } },
      expect.objectContaining({ id: 'b', error: expect.objectContaining({ code: 10 }) }),
      { jsonrpc: '2.0', id: 'c', result: { is_admin: false } },
      expect.objectContaining({ id: null, error: expect.objectContaining({ code: -32600 }) }),
    ]);
    expect(t.job(queued)!.state).toBe('terminate');
  });

  it('answers an empty batch with one -32600', async () => {
    const t = kbaseEngine();
    expect((await post(t, [])).body).toMatchObject({ id: null, error: { code: -32600 } });
  });

  it('carries out a notification and answers nothing', async () => {
    const t = kbaseEngine();
    const id = jobIn(t, 'run');
    const reply = await post(t, cancel(id));
    expect(reply.status).toBe(200);
    expect(reply.body).toBeUndefined();
    expect(t.job(id)!.state).toBe('terminate');
  });

  it('answers a batch of notifications with no body', async () => {
    const t = kbaseEngine();
    const id = jobIn(t, 'run');
    const reply = await post(t, [cancel(id), cancel('missing')]);
    expect(reply.body).toBeUndefined();
    expect(t.job(id)!.state).toBe('terminate');
  });

  it('takes the KBase 1.1 form: version 1.1, params as a list holding the one object', async () => {
    const t = kbaseEngine();
    const id = jobIn(t, 'run');
    const reply = await post(t, {
      version: '1.1',
      method: 'JobBrowserBFF.cancel_job',
      params: [{ job_id: id, timeout: 10 }],
      id: '11',
    });
    expect(reply.body).toEqual({ version: '1.1', result: [{ canceled: true }], id: '11' });
  });

  it('takes list params in a 2.0 call too', async () => {
    const t = kbaseEngine();
    const id = jobIn(t, 'run');
    const reply = await post(t, {
      jsonrpc: '2.0',
      method: 'JobBrowserBFF.cancel_job',
      params: [{ job_id: id, timeout: 10 }],
      id: 4,
    });
    expect(reply.body).toEqual({ jsonrpc: '2.0', result: { canceled: true }, id: 4 });
  });

  it('takes an empty params list as no params (KBase clients send `params: []` to a method without any)', async () => {
    const t = kbaseEngine();
    const reply = await post(t, { version: '1.1', method: 'JobBrowserBFF.is_admin', params: [], id: '12' });
    expect(reply.body).toMatchObject({
      version: '1.1',
      id: '12',
      result: [{ is_admin: expect.any(Boolean) }],
    });
  });

  it.each([
    [
      'two objects',
      [
        { job_id: 'x', timeout: 1 },
        { job_id: 'y', timeout: 1 },
      ],
    ],
    ['a bare value', ['x']],
  ])('refuses a params list holding %s with -32602', async (_name, params) => {
    const t = kbaseEngine();
    const reply = await post(t, { jsonrpc: '2.0', method: 'JobBrowserBFF.cancel_job', params, id: 5 });
    expect(reply.body).toMatchObject({ id: 5, error: { code: -32602, message: 'Invalid params' } });
  });

  it('answers an OPTIONS preflight with an empty 200', async () => {
    const t = kbaseEngine();
    const reply = await t.send('OPTIONS', '/kbase');
    expect(reply).toMatchObject({ status: 200, body: undefined });
  });

  it('sends a batch through the json-rpc-2.0 client', async () => {
    const t = kbaseEngine();
    const id = jobIn(t, 'queue');
    const { client } = kbaseClient(t);
    const replies = await client.requestAdvanced([
      { jsonrpc: '2.0', id: 1, method: 'JobBrowserBFF.cancel_job', params: { job_id: id, timeout: 10 } },
      { jsonrpc: '2.0', id: 2, method: 'JobBrowserBFF.get_jobs', params: { job_ids: [id], timeout: 10 } },
    ]);
    const byId = new Map(replies.map((r: JSONRPCResponse) => [r.id, r]));
    expect(byId.get(1)).toMatchObject({ result: { canceled: true } });
    expect(byId.get(2)).toMatchObject({ result: { jobs: [{ state: { status: 'terminate' } }] } });
  });

  it('sends a notification through the json-rpc-2.0 client', async () => {
    const t = kbaseEngine();
    const id = jobIn(t, 'run');
    const sent: Promise<void>[] = [];
    const client = new JSONRPCClient((payload: unknown) => {
      sent.push(post(t, payload).then((reply) => expect(reply.body).toBeUndefined()));
    });
    client.notify('JobBrowserBFF.cancel_job', { job_id: id, timeout: 10 });
    await Promise.all(sent);
    expect(sent).toHaveLength(1);
    expect(t.job(id)!.state).toBe('terminate');
  });
});

describe('kbase SDK server, in both profiles', () => {
  describe.each(['documented', 'upstream'] as const)('%s', (profile) => {
    it('refuses a 1.1 call with params by name: -32099 KeywordError, data null, in the 2.0 form', async () => {
      const t = kbaseEngine(profile);
      const id = jobIn(t, 'run');
      const reply = await post(t, {
        version: '1.1',
        method: 'JobBrowserBFF.cancel_job',
        params: { job_id: id, timeout: 10 },
        id: 'k',
      });
      expect(reply.body).toEqual({
        jsonrpc: '2.0',
        id: 'k',
        error: { code: -32099, message: 'Keyword argument error', data: null },
      });
      expect(t.job(id)!.state).toBe('run');
    });

    it('sends the errors of 1.1 calls in the 2.0 form', async () => {
      const t = kbaseEngine(profile);
      const reply = await post(t, {
        version: '1.1',
        method: 'JobBrowserBFF.cancel_job',
        params: [{ job_id: '65a0ffffffffffffffffffff', timeout: 10 }],
        id: '9',
      });
      expect(reply.body).toEqual({
        jsonrpc: '2.0',
        id: '9',
        error: expect.objectContaining({ code: 10, data: { job_id: '65a0ffffffffffffffffffff' } }),
      });
      expect(reply.body).not.toHaveProperty('version');
    });

    it('answers an empty body with "Parse error - no request data" and no data', async () => {
      const t = kbaseEngine(profile);
      const reply = await post(t, '');
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        jsonrpc: '2.0',
        id: null,
        error: { code: -32700, message: 'Parse error - no request data' },
      });
    });

    it('sends CORS headers on results and errors, without --cors', async () => {
      const t = kbaseEngine(profile);
      const ok = await post(t, { jsonrpc: '2.0', method: 'JobBrowserBFF.is_admin', params: {}, id: 1 });
      const refused = await post(t, { jsonrpc: '2.0', method: 'JobBrowserBFF.is_admin', id: 2 }, {});
      for (const reply of [ok, refused]) {
        expect(reply.headers['access-control-allow-origin']).toBe('*');
        expect(reply.headers['access-control-allow-headers']).toBe('authorization');
      }
      expect(refused.body).toMatchObject({ error: { code: -32000 } });
    });

    it("answers OPTIONS with an empty 200 whose Allow-Headers echo the preflight's", async () => {
      const t = kbaseEngine(profile);
      const reply = await t.send('OPTIONS', '/kbase', {
        headers: {
          origin: 'https://narrative.kbase.us',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
      expect(reply).toMatchObject({
        status: 200,
        body: undefined,
        headers: {
          'access-control-allow-origin': '*',
          'access-control-allow-headers': 'authorization, content-type',
        },
      });
    });
  });
});

describe('kbase upstream profile: requests the real server fails on', () => {
  const SERVER_FAILURE = { status: 500, body: 'Internal Server Error' };

  it.each([
    ['a batch', (id: string) => [{ ...cancel(id), id: 1 }]],
    ['a bare value', () => 5],
    ['a method without its module', (id: string) => ({ ...cancel(id), method: 'cancel_job', id: 1 })],
    ['a method with two dots', (id: string) => ({ ...cancel(id), method: 'a.b.cancel_job', id: 1 })],
    ['a notification', (id: string) => cancel(id)],
  ])('fails on %s with HTTP 500 text/plain, without CORS, and changes nothing', async (_name, body) => {
    const t = kbaseEngine('upstream');
    const id = jobIn(t, 'run');
    const reply = await post(t, body(id));
    expect(reply).toMatchObject(SERVER_FAILURE);
    expect(reply.headers['content-type']).toBe('text/plain');
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    expect(t.job(id)!.state).toBe('run');
  });

  it('carries out a call with id null, then answers -32001 "Empty response from method"', async () => {
    const t = kbaseEngine('upstream');
    const id = jobIn(t, 'run');
    const reply = await post(t, { ...cancel(id), id: null });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32001, message: 'Empty response from method' },
    });
    expect(t.job(id)!.state).toBe('terminate');
  });

  it('answers a failing call with id null with its own error', async () => {
    const t = kbaseEngine('upstream');
    const reply = await post(t, { ...cancel('65a0ffffffffffffffffffff'), id: null });
    expect(reply.body).toMatchObject({ id: null, error: { code: 10 } });
  });

  it('documented: keeps the letter for id null (the result, id null)', async () => {
    const t = kbaseEngine('documented');
    const id = jobIn(t, 'run');
    const reply = await post(t, { ...cancel(id), id: null });
    expect(reply.body).toEqual({ jsonrpc: '2.0', id: null, result: { canceled: true } });
  });
});
