import { registry } from '../../../mocks/index';
import { awsBatch } from '../../../mocks/aws-batch';
import { jsonReply } from '../../../src/core/wire';
import type { JournalEntry } from '../../../src/journal/journal-entry';
import { operationOf } from '../../conformance/spec-of';
import { withDemoCredentials } from '../../support/demo-client';
import { adminClient, startServer } from '../../support/server-harness';
import { signBatchRequest } from '../../support/sigv4-signer';

type Server = Awaited<ReturnType<typeof startServer>>;

/** The credentials a client sent: the Authorization value and its secret parts, and every cookie's value. */
function credentialsIn(headers: Record<string, string>): string[] {
  const found: string[] = [];
  const auth = headers.authorization;
  if (auth) {
    found.push(auth, auth.replace(/^\S+ /, ''));
    for (const m of auth.matchAll(/(?:Signature|[tT]oken)="?([^",\s]+)/g)) found.push(m[1]!);
  }
  for (const m of (headers.cookie ?? '').matchAll(/=([^;]+)/g)) found.push(m[1]!.trim());
  return found.filter((part) => part.length >= 8);
}

async function journal(url: string, query = '', session?: string): Promise<JournalEntry[]> {
  const reply = await fetch(`${url}/__admin/requests${query ? `?${query}` : ''}`, {
    headers: session ? { 'x-jobmock-session': session } : {},
  });
  expect(reply.status).toBe(200);
  return ((await reply.json()) as { requests: JournalEntry[] }).requests;
}

describe.each(registry.map((api) => [api.id, api] as const))('the request journal of %s', (_id, api) => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('holds the cancel with its operation, status, job and transition, and no credential anywhere', async () => {
    const state = api.machine.cancellable[0]!;
    const id = String((await server.admin.createJob(api.id, state)).body!.id);
    const baseUrl = `${server.url}/${api.id}`;
    const request = api.jobRequests.cancel(id);
    const sent = await withDemoCredentials(api, baseUrl, request);
    const reply = await fetch(baseUrl + request.path, sent);
    expect(reply.status).toBeLessThan(300);

    const [entry, ...more] = await journal(server.url, `api=${api.id}&jobId=${encodeURIComponent(id)}`);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      session: 'default',
      api: api.id,
      operation: operationOf(api, request),
      method: request.method,
      status: reply.status,
      jobIds: [id],
      transitions: [{ api: api.id, jobId: id, from: state, to: api.machine.cancelTo, cause: 'call' }],
    });
    expect(entry!.path).toBe(`/${api.id}${request.path.split('?')[0]}`);
    expect(entry!.durationMs).toBeGreaterThanOrEqual(0);
    expect(entry!.virtualAt).toBeGreaterThan(0);
    expect(Math.abs(entry!.at - Date.now())).toBeLessThan(60_000);

    // Every call of the session (the demo client's logins and token requests too, and the admin calls).
    const everything = JSON.stringify(await journal(server.url, 'admin=true&limit=10000'));
    for (const secret of credentialsIn(sent.headers)) expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/"(password|client_secret|access_token)":"(?!\[redacted\])/);
    expect(everything).not.toMatch(/client_secret=(?!\[redacted\])/);
  });
});

describe('the request journal', () => {
  let server: Server;
  const batch = async (path: string, body: unknown, session?: string) => {
    const headers = await signBatchRequest(`/aws-batch${path}`, body, { host: server.url.slice(7) });
    return fetch(`${server.url}/aws-batch${path}`, {
      method: 'POST',
      headers: { ...headers, ...(session ? { 'x-jobmock-session': session } : {}) },
      body: JSON.stringify(body),
    });
  };
  const kbase = (body: unknown, authorization = 'user-token') =>
    fetch(`${server.url}/kbase`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify(body),
    });
  const broken = {
    ...awsBatch,
    id: 'broken-batch',
    handlers: { ...awsBatch.handlers, ListJobs: () => jsonReply(418, { teapot: true }) },
  };

  beforeAll(async () => {
    server = await startServer({ apis: [...registry, broken] });
  });
  afterAll(() => server.close());
  beforeEach(() => fetch(`${server.url}/__admin/reset`, { method: 'POST' }));

  it('shows the injected fault that hit a call, and the error it ended with', async () => {
    await server.admin.call('POST', '/faults', {
      api: 'aws-batch',
      operation: 'CancelJob',
      status: 500,
      times: 1,
    });
    expect((await batch('/v1/canceljob', { jobId: 'j-1', reason: 'r' })).status).toBe(500);
    const [entry] = await journal(server.url, 'operation=CancelJob');
    expect(entry).toMatchObject({
      status: 500,
      fault: { source: 'fault', error: { status: 500 } },
      error: { kind: 'Internal' },
      transitions: [],
    });
  });

  it('shows what validation found, and a call that matched no operation with its hint', async () => {
    expect((await batch('/v1/canceljob', { reason: 'r' })).status).toBe(400);
    expect((await batch('/v1/cancel-job', { jobId: 'x', reason: 'r' })).status).toBeGreaterThanOrEqual(400);
    const [invalid, unmatched] = await journal(server.url, 'api=aws-batch');
    expect(invalid!.findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ location: expect.any(String) })]),
    );
    expect(unmatched).toMatchObject({
      operation: 'unmatched',
      hints: ['Did you mean POST /aws-batch/v1/canceljob (CancelJob)?'],
    });
  });

  it("shows strict mode's violations of a reply", async () => {
    const headers = await signBatchRequest('/broken-batch/v1/listjobs', {}, { host: server.url.slice(7) });
    const reply = await fetch(`${server.url}/broken-batch/v1/listjobs`, {
      method: 'POST',
      headers,
      body: '{}',
    });
    expect(reply.status).toBe(418);
    const [entry] = await journal(server.url, 'api=broken-batch');
    expect(entry!.violations).toEqual(['status 418 is not declared for ListJobs']);
  });

  it('keeps each call of a JSON-RPC batch as an entry of its own', async () => {
    const created = await server.admin.createJob('kbase', 'queue');
    const id = String(created.body!.id);
    await kbase([
      { jsonrpc: '2.0', id: 1, method: 'JobBrowserBFF.cancel_job', params: { job_id: id, timeout: 1000 } },
      { jsonrpc: '2.0', id: 2, method: 'JobBrowserBFF.is_admin', params: {} },
    ]);
    const entries = await journal(server.url, 'api=kbase');
    expect(entries.map((e) => [e.operation, e.call])).toEqual([
      ['JobBrowserBFF.cancel_job', { index: 0, count: 2 }],
      ['JobBrowserBFF.is_admin', { index: 1, count: 2 }],
    ]);
    expect(entries[0]!.transitions).toEqual([
      expect.objectContaining({ jobId: id, from: 'queue', to: 'terminate' }),
    ]);
  });

  it('counts a job named by a call that failed (a second cancel), but no transition for it', async () => {
    const id = String((await server.admin.createJob('itential', 'running')).body!.id);
    const login = await fetch(`${server.url}/itential/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: { username: 'admin', password: 'admin' } }),
    });
    const token = (await login.json()) as string;
    const cancel = () =>
      fetch(`${server.url}/itential/workflow_engine/cancelJob?token=${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ job_id: id }),
      });
    expect((await cancel()).status).toBe(200);
    expect((await cancel()).status).toBe(409);
    const calls = await journal(server.url, `api=itential&operation=cancelJob&jobId=${id}`);
    expect(calls.map((c) => [c.status, c.transitions.length])).toEqual([
      [200, 1],
      [409, 0],
    ]);
    expect(calls[0]!.query).toEqual({ token: '[redacted]' });
    expect(JSON.stringify(await journal(server.url, 'admin=true'))).not.toContain(token);
  });

  it('filters by status class, time and position, and limits to the newest', async () => {
    for (let i = 0; i < 3; i++)
      await kbase({ jsonrpc: '2.0', id: i, method: 'JobBrowserBFF.is_admin', params: {} });
    await batch('/v1/canceljob', { reason: 'no id' });
    const all = await journal(server.url);
    expect(all).toHaveLength(4);
    expect((await journal(server.url, 'status=4xx')).map((e) => e.seq)).toEqual([all[3]!.seq]);
    expect((await journal(server.url, 'limit=2')).map((e) => e.seq)).toEqual([all[2]!.seq, all[3]!.seq]);
    expect((await journal(server.url, `after=${all[1]!.seq}`)).map((e) => e.seq)).toEqual([
      all[2]!.seq,
      all[3]!.seq,
    ]);
    expect(await journal(server.url, `since=${all[3]!.at + 60_000}`)).toEqual([]);
    const bad = await fetch(`${server.url}/__admin/requests?status=banana`);
    expect(bad.status).toBe(400);
  });

  it('keeps each session to its own journal; DELETE and reset empty it', async () => {
    await batch('/v1/canceljob', { jobId: 'j', reason: 'r' }, 'journal-a');
    await batch('/v1/canceljob', { jobId: 'j', reason: 'r' }, 'journal-b');
    await batch('/v1/canceljob', { jobId: 'j', reason: 'r' }, 'journal-b');
    expect(await journal(server.url, '', 'journal-a')).toHaveLength(1);
    expect(await journal(server.url, '', 'journal-b')).toHaveLength(2);
    const drop = await fetch(`${server.url}/__admin/requests`, {
      method: 'DELETE',
      headers: { 'x-jobmock-session': 'journal-b' },
    });
    expect(drop.status).toBe(204);
    expect(await journal(server.url, '', 'journal-b')).toEqual([]);
    await adminClient(server.url, 'journal-a').call('POST', '/reset');
    expect(await journal(server.url, '', 'journal-a')).toEqual([]);
  });

  it('lists the admin calls that changed something when asked, marked as such', async () => {
    await server.admin.createJob('aws-batch', 'RUNNABLE', { id: 'admin-made' });
    await server.admin.call('GET', '/jobs?api=aws-batch');
    expect(await journal(server.url)).toEqual([]);
    const [reset, created, ...rest] = await journal(server.url, 'admin=true');
    expect(rest).toEqual([]);
    expect(reset).toMatchObject({ admin: true, operation: 'reset', status: 200 });
    expect(created).toMatchObject({
      admin: true,
      api: 'aws-batch',
      operation: 'createJob',
      status: 201,
      jobIds: ['admin-made'],
    });
  });
});

describe('the request journal turned off', () => {
  it('keeps nothing, and answers as ever', async () => {
    const server = await startServer({ journal: false });
    try {
      const reply = await fetch(`${server.url}/kbase`, {
        method: 'POST',
        headers: { authorization: 'user-token' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'JobBrowserBFF.is_admin', params: {} }),
      });
      expect(reply.status).toBe(200);
      expect(await journal(server.url, 'admin=true')).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
