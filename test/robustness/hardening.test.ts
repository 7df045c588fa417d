import { awsBatch } from '../../mocks/aws-batch';
import { bigchange } from '../../mocks/bigchange';
import { fabric } from '../../mocks/fabric';
import { itential } from '../../mocks/itential';
import { kbase } from '../../mocks/kbase';
import { registry } from '../../mocks/index';
import { sameSecret } from '../../src/admin/same-secret';
import { demoSeed } from '../../src/engine/seed-entry';
import { splitUrl } from '../../src/engine/incoming-call';
import { createMockService } from '../../src/mock-service';
import type { RunningServer } from '../../src/server/http-server';
import { listen } from '../../src/server/http-server';
import { withDemoCredentials } from '../support/demo-client';
import { apiTestEngine } from '../support/engine-harness';
import { bearer, bigChangeClient, CUSTOMER, demoToken, formBody } from '../support/clients/bigchange-client';
import { fabricClient, instancePath, jobCalls as fabricCalls } from '../support/clients/fabric-client';
import { itentialClient, jobCalls, logIn } from '../support/clients/itential-client';
import { signBatchRequest } from '../support/sigv4-signer';

const MiB = 2 ** 20;

function lowerCased(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** A KBase call of a service holding every API, with the demo user's token, in a named session. */
function kbaseCall(service: ReturnType<typeof createMockService>, session: string) {
  return service.handle({
    method: 'POST',
    url: '/kbase',
    headers: { authorization: 'user-token', 'x-jobmock-session': session },
    rawBody: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'JobBrowserBFF.is_admin', params: {} }),
  });
}

describe('hardening: a byte budget per session and in total', () => {
  /** Variables of about 1 MiB, as the 4,000 calls that took the server to 4 GB sent. */
  const variables = { blob: 'x'.repeat(MiB - 64) };

  it('refuses Itential jobs past the session budget with its own 429, and keeps what it had', async () => {
    const t = apiTestEngine(itential, { limits: { maxSessionBytes: 8 * MiB } });
    const calls = jobCalls(itentialClient(t.fetch), await logIn(itentialClient(t.fetch), 'admin'));
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await calls.start('8917Test2', { variables })).response.status);
    expect(statuses.slice(0, 6)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(statuses.slice(-3)).toEqual([429, 429, 429]);
    const refused = await calls.start('8917Test2', { variables });
    expect(refused.error).toEqual({ message: expect.stringMatching(/more than 8 MiB.*--max-session-bytes/) });
    expect((await t.service.store.stats()).bytes).toBeLessThanOrEqual(8 * MiB);
  });

  it('refuses past the total budget in any session, while the others keep theirs', async () => {
    const t = apiTestEngine(itential, { limits: { maxSessionBytes: 8 * MiB, maxTotalBytes: 12 * MiB } });
    const startIn = async (session: string) => {
      const client = itentialClient(async (request) => {
        request.headers.set('x-jobmock-session', session);
        return t.fetch(request);
      });
      return (await jobCalls(client, await logIn(client, 'admin')).start('8917Test2', { variables })).response
        .status;
    };
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) statuses.push(await startIn(`team-${i % 4}`));
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(12);
    expect((await t.service.store.stats()).bytes).toBeLessThanOrEqual(12 * MiB + MiB);
  });

  it('gives the bytes of a dropped session back', async () => {
    const t = apiTestEngine(itential, { limits: { maxSessionBytes: 4 * MiB } });
    const calls = jobCalls(itentialClient(t.fetch), await logIn(itentialClient(t.fetch), 'admin'));
    await calls.start('8917Test2', { variables });
    expect((await t.service.store.stats()).bytes).toBeGreaterThan(MiB);
    t.service.store.dropSession('default');
    expect((await t.service.store.stats()).bytes).toBeLessThan(MiB);
  });
});

describe('hardening: sessions share the seed', () => {
  it('a new session copies none of a large seed, and every session still sees all of it', async () => {
    const service = createMockService({
      apis: [kbase],
      clock: 'manual',
      seed: [{ api: 'kbase', state: 'queue', count: 50_000 }],
    });
    const seedBytes = (await service.store.stats()).bytes;
    for (let i = 0; i < 12; i++) {
      const reply = await service.handle({
        method: 'GET',
        url: '/__admin/clock',
        headers: { 'x-jobmock-session': `s-${i}` },
        rawBody: '',
      });
      expect(reply.status).toBe(200);
    }
    expect(await service.store.sessions()).toHaveLength(12);
    expect((await service.store.sessions()).every((s) => s.jobs === 50_000 && s.bytes === 0)).toBe(true);
    expect((await service.store.stats()).bytes).toBe(seedBytes);
  });

  it('a session that changes a seed job gets its own copy; the others keep the seed', async () => {
    const t = apiTestEngine(kbase, { seed: [{ api: 'kbase', state: 'run', id: 'seeded', held: true }] });
    const cancel = (session: string) =>
      t.service.handle({
        method: 'POST',
        url: '/kbase',
        headers: { authorization: 'user-token', 'x-jobmock-session': session },
        rawBody: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'JobBrowserBFF.cancel_job',
          params: { job_id: 'seeded', timeout: 1000 },
        }),
      });
    await cancel('a');
    const stateIn = (session: string) =>
      t.tx((tx) => t.engine.context(tx, 'kbase').jobs.get('seeded')!.state, session);
    expect(stateIn('a')).toBe('terminate');
    expect(stateIn('b')).toBe('run');
    expect(stateIn('default')).toBe('run');
  });
});

describe('hardening: list replies are capped', () => {
  it('GET /__admin/jobs answers at most 1,000 jobs a page and about 2 MiB, with a cursor to the rest', async () => {
    const service = createMockService({
      apis: [awsBatch],
      clock: 'manual',
      seed: [{ api: 'aws-batch', state: 'RUNNING', count: 2_500 }],
    });
    const page = async (query: string) =>
      (await service.handle({ method: 'GET', url: `/__admin/jobs?${query}`, headers: {}, rawBody: '' })) as {
        status: number;
        body: { jobs: { id: string }[]; nextCursor?: string };
      };
    expect((await page('limit=10000')).status).toBe(400);
    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const reply = await page(`limit=1000${cursor ? `&cursor=${cursor}` : ''}`);
      expect(reply.body.jobs.length).toBeLessThanOrEqual(1000);
      expect(JSON.stringify(reply.body).length).toBeLessThan(2.5 * MiB);
      for (const job of reply.body.jobs) seen.add(job.id);
      cursor = reply.body.nextCursor;
      pages++;
    } while (cursor);
    expect(seen.size).toBe(2_500);
    expect(pages).toBe(3);
  });
});

describe('hardening: a failed call changes nothing', () => {
  it('a provider state with a bad state leaves the job it names as it was', async () => {
    const t = apiTestEngine(kbase);
    const job = t.createJob({ state: 'run', id: 'kept' });
    expect(() => t.providerState('a job {jobId} in state {state}', { jobId: job.id, state: 'NOPE' })).toThrow(
      /state/,
    );
    expect(t.job('kept')?.state).toBe('run');
  });
});

describe('hardening: X-Jobmock-Session', () => {
  const service = createMockService({ apis: registry, clock: 'manual', seed: demoSeed(registry) });
  let server: RunningServer;
  beforeAll(async () => {
    server = await listen(service, { port: 0 });
  });
  afterAll(() => server.close());

  it.each(registry.map((api) => [api.id, api] as const))(
    '%s refuses a name that is not a session name in its own format, and opens no session',
    async (_id, api) => {
      for (const name of ['build #42', 'feature/foo', 'séance', 'x'.repeat(129)]) {
        const request = api.jobRequests.read('00000000');
        const init = await withDemoCredentials(api, `${server.url}/${api.id}`, request);
        // The raw header as sent (fetch would refuse a non-ASCII value): straight into the service.
        const reply = await service.handle({
          method: init.method,
          url: `/${api.id}${request.path}`,
          headers: { ...lowerCased(init.headers), host: new URL(server.url).host, 'x-jobmock-session': name },
          rawBody: init.body ?? '',
        });
        expect(reply.status).toBe(api.protocol === 'openrpc' ? 200 : 400);
        expect(JSON.stringify(reply.body)).toMatch(/X-Jobmock-Session must be/);
      }
      expect((await service.store.sessionNames()).filter((n) => n !== 'default')).toEqual([]);
    },
  );

  it('the admin API refuses it too', async () => {
    const reply = await service.handle({
      method: 'GET',
      url: '/__admin/clock',
      headers: { 'x-jobmock-session': 'build #42' },
      rawBody: '',
    });
    expect(reply).toMatchObject({ status: 400, body: { error: { code: 'BadRequest' } } });
  });
});

describe('hardening: who may open a session', () => {
  it('calls that fail auth open none; a call that authenticates does; the cap refuses a new one', async () => {
    const service = createMockService({ apis: registry, clock: 'manual', limits: { maxSessions: 3 } });
    for (let i = 0; i < 20; i++) {
      await service.handle({
        method: 'POST',
        url: '/kbase',
        headers: { 'x-jobmock-session': `unsigned-${i}` },
        rawBody: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'JobBrowserBFF.is_admin', params: {} }),
      });
    }
    expect(await service.store.sessionNames()).toEqual([]);
    const signed = (session: string) => kbaseCall(service, session);
    await signed('one');
    await signed('two');
    await signed('three');
    expect(await service.store.sessionNames()).toEqual(['one', 'two', 'three']);
    const refused = await signed('four');
    expect(JSON.stringify(refused.body)).toMatch(/Too many sessions/);
  });

  it('a reset keeps the session and its slot', async () => {
    const service = createMockService({ apis: registry, clock: 'manual', limits: { maxSessions: 1 } });
    const admin = (url: string, session: string) =>
      service.handle({ method: 'POST', url, headers: { 'x-jobmock-session': session }, rawBody: '' });
    expect((await admin('/__admin/reset', 'mine')).status).toBe(200);
    expect((await admin('/__admin/reset', 'mine')).status).toBe(200);
    expect(await service.store.sessionNames()).toEqual(['mine']);
    expect((await admin('/__admin/reset', 'theirs')).status).toBe(429);
  });

  it('a named session nobody uses is dropped after --session-idle; the default session never is', async () => {
    const service = createMockService({ apis: registry, clock: 'manual', limits: { sessionIdleMs: 50 } });
    try {
      for (const session of ['default', 'idle'])
        await service.handle({
          method: 'GET',
          url: '/__admin/clock',
          headers: { 'x-jobmock-session': session },
          rawBody: '',
        });
      expect((await service.store.sessionNames()).sort()).toEqual(['default', 'idle']);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await service.store.sessionNames()).toEqual(['default']);
    } finally {
      service.close();
    }
  });
});

describe("hardening: each API's own limit error", () => {
  const full = { limits: { maxJobs: 1 } };

  it('AWS Batch: SubmitJob in a full session is a 429 TooManyRequestsException', async () => {
    const t = apiTestEngine(awsBatch, full);
    const submit = async () => {
      const body = { jobName: 'n', jobQueue: 'demo-queue', jobDefinition: 'demo-definition:1' };
      const headers = await signBatchRequest('/aws-batch/v1/submitjob', body);
      return t.send('POST', '/aws-batch/v1/submitjob', { headers, body: JSON.stringify(body) });
    };
    expect((await submit()).status).toBe(200);
    const refused = await submit();
    expect(refused.status).toBe(429);
    expect(refused.headers['x-amzn-errortype']).toBe('TooManyRequestsException');
  });

  it('Itential: startJobWithOptions in a full session is a 429 {message}', async () => {
    const t = apiTestEngine(itential, full);
    const calls = jobCalls(itentialClient(t.fetch), await logIn(itentialClient(t.fetch), 'admin'));
    expect((await calls.start()).response.status).toBe(200);
    const refused = await calls.start();
    expect(refused.response.status).toBe(429);
    expect(refused.error).toEqual({ message: expect.stringMatching(/maximum of 1 jobs/) });
  });

  it('BigChange: createJob in a full session is a 429 problem+json', async () => {
    const t = apiTestEngine(bigchange, full);
    const client = bigChangeClient(t.fetch);
    const token = await demoToken(client);
    const create = () =>
      client.POST('/v1/jobs', {
        params: { header: { 'Customer-Id': CUSTOMER } },
        headers: bearer(token),
        body: { reference: 'R' },
      });
    expect((await create()).response.status).toBe(201);
    const refused = await create();
    expect(refused.response.status).toBe(429);
    expect(refused.response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('Fabric: creating an instance in a full session is a 429 TooManyRequests', async () => {
    const t = apiTestEngine(fabric, full);
    const calls = fabricCalls(fabricClient(t.fetch));
    expect((await calls.create(instancePath('00000000-0000-4000-8000-0000000000a1'))).response.status).toBe(
      202,
    );
    const refused = await calls.create(instancePath('00000000-0000-4000-8000-0000000000a2'));
    expect(refused.response.status).toBe(429);
    expect(refused.error).toMatchObject({ errorCode: 'TooManyRequests' });
  });
});

describe('hardening: request values', () => {
  it('query keys named after Object.prototype members are parameters like any other (a SigV4 signature holds)', async () => {
    const t = apiTestEngine(awsBatch);
    const query = { toString: 'x', constructor: 'y', hasOwnProperty: 'w', valueOf: 'v' };
    const body = { jobs: ['missing'] };
    const url = `/aws-batch/v1/describejobs?${new URLSearchParams(query)}`;
    const headers = await signBatchRequest(url, body);
    const reply = await t.send('POST', url, { headers, body: JSON.stringify(body) });
    expect(reply).toMatchObject({ status: 200, body: { jobs: [] } });
  });

  it('a query string parses into a map without a prototype: `__proto__` is a key like any other', () => {
    const { query } = splitUrl('/x?__proto__=z&toString=x');
    expect(Object.getPrototypeOf(query)).toBeNull();
    expect(Object.keys(query)).toEqual(['__proto__', 'toString']);
    expect(query.__proto__).toBe('z');
  });

  it('a numeric header is a decimal number: 0x10e1, " 4321" and 4.321e3 are refused', async () => {
    const t = apiTestEngine(bigchange);
    const client = bigChangeClient(t.fetch);
    const token = await demoToken(client);
    t.createJob({ state: 'new', id: '1' });
    const read = (customer: string) =>
      t.send('GET', '/bigchange/v1/jobs/1', { headers: { ...bearer(token), 'customer-id': customer } });
    expect((await read(String(CUSTOMER))).status).toBe(200);
    for (const customer of ['0x10e1', ' 4321', '4.321e3']) {
      const reply = await read(customer);
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ errors: { 'Customer-Id': ['must be a decimal number'] } });
    }
  });

  it('an OAuth form field given twice is refused (RFC 6749 §3.2)', async () => {
    const t = apiTestEngine(bigchange);
    const reply = await t.send('POST', '/bigchange/connect/token', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `${formBody({ grant_type: 'client_credentials', client_id: 'demo', client_secret: 'demo' })}&client_id=other`,
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({
      error: 'invalid_request',
      error_description: expect.stringMatching(/client_id/),
    });
  });
});

describe('hardening: Itential sessions end', () => {
  it('GET /logout ends the token; the cookie is cleared', async () => {
    const t = apiTestEngine(itential);
    const client = itentialClient(t.fetch);
    const token = await logIn(client, 'admin');
    const id = t.createJob({ state: 'running' }).id;
    expect((await jobCalls(client, token).get(id)).response.status).toBe(200);
    const out = await client.GET('/logout', { headers: { cookie: `token=${token}` } });
    expect(out.response.status).toBe(200);
    expect(out.response.headers.get('set-cookie')).toMatch(/^token=;/);
    expect((await jobCalls(client, token).get(id)).response.status).toBe(401);
  });

  it('a token expires an hour of virtual time after login; GET /myTtl tells what is left', async () => {
    const t = apiTestEngine(itential);
    const client = itentialClient(t.fetch);
    const token = await logIn(client, 'admin');
    const ttl = () => client.GET('/myTtl', { headers: { cookie: `token=${token}` } });
    expect((await ttl()).data).toBe(3600);
    t.advance(3_599_000);
    expect((await ttl()).data).toBe(1);
    t.advance(1_000);
    expect((await ttl()).response.status).toBe(401);
  });
});

describe('hardening: the admin token', () => {
  it('is compared whole: a prefix, a longer value or another value of the same length fail', () => {
    expect(sameSecret('Bearer s3cret', 'Bearer s3cret')).toBe(true);
    for (const given of ['Bearer s3cre', 'Bearer s3cret!', 'Bearer s3creT', '', 'Bearer'])
      expect(sameSecret(given, 'Bearer s3cret')).toBe(false);
  });
});

describe('hardening: admin writes take JSON only', () => {
  const service = createMockService({ apis: registry, clock: 'manual' });
  const post = (headers: Record<string, string>, rawBody: string) =>
    service.handle({ method: 'POST', url: '/__admin/faults', headers, rawBody });
  const fault = JSON.stringify({ api: 'kbase', status: 500 });

  it.each([
    ['no Content-Type', {}],
    ['text/plain (a cross-site form needs no preflight)', { 'content-type': 'text/plain' }],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }],
  ])('refuses a body sent with %s as 415, and injects nothing', async (_what, headers) => {
    expect(await post(headers, fault)).toMatchObject({
      status: 415,
      body: { error: { code: 'UnsupportedMediaType' } },
    });
    const faults = await service.handle({ method: 'GET', url: '/__admin/faults', headers: {}, rawBody: '' });
    expect(faults.body).toEqual({ faults: [] });
  });

  it('takes application/json, and a write without a body', async () => {
    expect((await post({ 'content-type': 'application/json' }, fault)).status).toBe(201);
    expect(
      (await service.handle({ method: 'POST', url: '/__admin/reset', headers: {}, rawBody: '' })).status,
    ).toBe(200);
  });
});
