import { connect } from 'node:net';
import fc from 'fast-check';
import { registry } from '../../mocks/index';
import { createMockService } from '../../src/mock-service';
import { listen, MAX_BODY_BYTES } from '../../src/server/http-server';
import { MAX_JSON_DEPTH } from '../../src/core/body';
import { nestedArrays } from './support/nasty-values';
import type { TrafficCase } from './support/traffic';
import { ApiTraffic, isSuccess } from './support/traffic';
import { compiledSpec } from '../conformance/spec-of';

const apis = registry.map((api) => [api.id, api] as const);

describe('limits: body size', () => {
  let server: Awaited<ReturnType<typeof listen>>;
  const service = createMockService({ apis: registry, clock: 'manual' });
  beforeAll(async () => {
    server = await listen(service, { port: 0, host: '127.0.0.1' });
  });
  afterAll(() => server.close());

  it.each(apis)(
    "%s: a body over 1 MiB gets 413 in the API's own format, and the server keeps serving",
    async (id, api) => {
      const spec = compiledSpec(api);
      const op = spec.protocol === 'openapi' ? spec.document.operations.find((o) => o.body) : undefined;
      const path = op ? op.template.replace(/\{[^}]+\}/g, 'x') : '/';
      const res = await fetch(`${server.url}/${id}${path}`, {
        method: op?.method ?? 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ padding: 'p'.repeat(MAX_BODY_BYTES) }),
      });
      const text = await res.text();
      const headers: Record<string, string> = {};
      res.headers.forEach((v, k) => (headers[k] = v));
      if (spec.protocol === 'openapi') {
        expect(res.status).toBe(413);
        expect(spec.document.checkReply(op!, { status: 413, headers, body: JSON.parse(text) })).toEqual([]);
      } else {
        expect(res.status).toBe(413);
        expect(JSON.parse(text)).toMatchObject({
          jsonrpc: '2.0',
          id: null,
          error: { code: -32600, message: expect.any(String) },
        });
      }
      expect((await fetch(`${server.url}/__admin/health`)).status).toBe(200);
    },
  );
});

describe.each(apis)('limits: JSON depth, %s', (_id, api) => {
  it(`a body nested deeper than ${MAX_JSON_DEPTH} levels is refused with the API's own 400, before validation`, async () => {
    const traffic = new ApiTraffic(api);
    // A valid call that the API accepts as it is (valid cases may still name another customer, say).
    let valid: TrafficCase | undefined;
    for (const c of fc.sample(
      traffic.validCases().filter((c) => c.body !== undefined && !c.inject),
      { numRuns: 50, seed: 3 },
    )) {
      const { call, reply } = await traffic.run(c);
      if (isSuccess(api, reply, call)) {
        valid = c;
        break;
      }
    }
    const deep = await traffic.run({
      ...valid!,
      mutations: [{ at: 'body-replace', value: nestedArrays(MAX_JSON_DEPTH + 5) }],
    });
    expect(deep.problems).toEqual([]);
    expect(JSON.stringify(deep.reply.body)).toContain(`deeper than ${MAX_JSON_DEPTH}`);
    if (api.protocol === 'openapi') expect(deep.reply.status).toBe(400);
    const shallow = await traffic.run({
      ...valid!,
      mutations: [{ at: 'body-replace', value: nestedArrays(MAX_JSON_DEPTH - 4) }],
    });
    expect(shallow.problems).toEqual([]);
    expect(JSON.stringify(shallow.reply.body)).not.toContain('deeper than');
  });
});

describe('limits: request timeout', () => {
  it('a client that never finishes its body is cut off, and others are served meanwhile', async () => {
    const service = createMockService({ apis: registry, clock: 'manual' });
    const server = await listen(service, { port: 0, host: '127.0.0.1', requestTimeoutMs: 500 });
    try {
      const started = Date.now();
      const slow = connect(server.port, '127.0.0.1');
      const closed = new Promise<string>((resolve) => {
        let got = '';
        slow.on('data', (d: Buffer) => (got += d.toString()));
        slow.on('close', () => resolve(got));
      });
      slow.write(
        `POST /__admin/jobs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"api":`,
      );
      // The slow client holds its connection; 50 others are answered at once.
      const others = await Promise.all(
        Array.from({ length: 50 }, () => fetch(`${server.url}/__admin/health`)),
      );
      expect(others.every((r) => r.status === 200)).toBe(true);
      expect(Date.now() - started).toBeLessThan(500);
      const answer = await closed;
      expect(Date.now() - started).toBeGreaterThanOrEqual(450);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(answer).toMatch(/^HTTP\/1.1 408|^$/);
    } finally {
      await server.close();
    }
  });
});

describe('limits: jobs per session', () => {
  it('the job cap gives a clear LimitExceeded error and creates nothing more', async () => {
    const api = registry[0]!;
    const service = createMockService({ apis: registry, clock: 'manual', limits: { maxJobs: 3 } });
    const create = (id: string) =>
      service.handle({
        method: 'POST',
        url: '/__admin/jobs',
        headers: { 'content-type': 'application/json' },
        rawBody: JSON.stringify({ api: api.id, state: api.machine.states[0], id }),
      });
    for (const id of ['a', 'b', 'c']) expect((await create(id)).status).toBe(201);
    const full = await create('d');
    expect(full.status).toBe(429);
    expect(full.body).toMatchObject({
      error: { code: 'LimitExceeded', message: expect.stringMatching(/maximum of 3 jobs/) },
    });
    // Another session is not affected: one client cannot fill the server for the others.
    const other = await service.handle({
      method: 'POST',
      url: '/__admin/jobs',
      headers: { 'content-type': 'application/json', 'x-jobmock-session': 'other' },
      rawBody: JSON.stringify({ api: api.id, state: api.machine.states[0], id: 'a' }),
    });
    expect(other.status).toBe(201);
  });
});
