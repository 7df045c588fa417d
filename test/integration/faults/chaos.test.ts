import { fabric } from '../../../mocks/fabric';
import { registry } from '../../../mocks/index';
import { kbase } from '../../../mocks/kbase';
import type { MockReply } from '../../../src/core/wire';
import { VIOLATIONS_HEADER } from '../../../src/engine/violations';
import type { MockService } from '../../../src/mock-service';
import { createMockService } from '../../../src/mock-service';
import { adminCall } from '../../support/admin-call';
import { withDemoCredentials } from '../../support/demo-client';

const BASE = 'http://127.0.0.1:4010/fabric';

/** `count` reads of one Fabric job in a session, each as the client saw it: status, network fault, Retry-After. */
async function reads(service: MockService, session: string, count: number): Promise<string[]> {
  const created = await adminCall(service, 'POST', '/jobs', { api: 'fabric', state: 'InProgress' }, session);
  const request = fabric.jobRequests.read(String(created.body!.id));
  const { headers } = await withDemoCredentials(fabric, BASE, request);
  const seen: string[] = [];
  for (let i = 0; i < count; i++) {
    const reply = (await service.handle({
      method: request.method,
      url: '/fabric' + request.path,
      headers: { ...headers, host: '127.0.0.1:4010', 'x-jobmock-session': session },
      rawBody: '',
    })) as MockReply;
    expect(reply.headers[VIOLATIONS_HEADER]).toBeUndefined();
    seen.push([reply.status, reply.network?.kind ?? '', reply.headers['retry-after'] ?? ''].join(' '));
    // Past any throttle window, so each call is chaos's own draw.
    await adminCall(service, 'POST', '/clock', { advanceMs: 1_000 }, session);
  }
  return seen;
}

describe('seeded chaos', () => {
  let service: MockService;
  beforeAll(() => {
    service = createMockService({ apis: registry, strict: true, clock: 'manual' });
  });
  afterAll(() => service.close());

  const start = (session: string, body: Record<string, unknown>) =>
    adminCall(service, 'POST', '/chaos', body, session);

  it('reproduces the same sequence of faults over 1,000 calls from the same seed', async () => {
    const chaos = { seed: 20_261_123, rate: 0.3, apis: ['fabric'] };
    expect((await start('run-1', chaos)).body).toEqual({ chaos, from: 'session' });
    const first = await reads(service, 'run-1', 1_000);
    await start('run-2', chaos);
    expect(await reads(service, 'run-2', 1_000)).toEqual(first);
    await start('run-3', { ...chaos, seed: 1 });
    expect(await reads(service, 'run-3', 1_000)).not.toEqual(first);

    const faulty = first.filter((seen) => seen !== '200  ');
    expect(faulty.length).toBeGreaterThan(240);
    expect(faulty.length).toBeLessThan(360);
    // Only statuses the operation declares (strict mode checked each reply), throttling and network faults.
    const statuses = new Set(faulty.filter((seen) => seen.endsWith('  ')).map((seen) => seen.split(' ')[0]));
    expect(statuses).toEqual(new Set(['400', '401', '404', '500', '429']));
    const networkKinds = new Set(faulty.map((seen) => seen.split(' ')[1]).filter(Boolean));
    expect(networkKinds).toEqual(
      new Set([
        'reset-before-headers',
        'reset-after-headers',
        'empty-reply',
        'malformed-body',
        'truncated-body',
      ]),
    );
  }, 60_000);

  it('starting the same seed again in a session replays its faults', async () => {
    const chaos = { seed: 5, rate: 0.5, apis: ['fabric'] };
    await start('again', chaos);
    const first = await reads(service, 'again', 50);
    await start('again', chaos);
    expect(await reads(service, 'again', 50)).toEqual(first);
  });

  it('gives JSON-RPC methods declared error objects only (HTTP 200), never throttling', async () => {
    const t = createMockService({ apis: [kbase], strict: true, clock: 'manual' });
    await adminCall(t, 'POST', '/chaos', { seed: 3, rate: 1, kinds: ['error', 'throttle'] });
    for (let id = 1; id <= 50; id++) {
      const reply = (await t.handle({
        method: 'POST',
        url: '/kbase',
        headers: { authorization: 'user-token', 'content-type': 'application/json', host: '127.0.0.1' },
        rawBody: JSON.stringify({ jsonrpc: '2.0', id, method: 'JobBrowserBFF.is_admin', params: {} }),
      })) as MockReply;
      expect(reply.status).toBe(200);
      expect(reply.headers[VIOLATIONS_HEADER]).toBeUndefined();
      expect(reply.body).toMatchObject({ error: { code: expect.any(Number) } });
    }
    t.close();
  });

  it('refuses APIs it does not serve, unknown operations and kinds', async () => {
    expect((await start('bad', { seed: 1, rate: 0.1, apis: ['nope'] })).status).toBe(404);
    expect((await start('bad', { seed: 1, rate: 0.1, operations: ['Nope'] })).body).toMatchObject({
      error: { code: 'BadRequest', message: expect.stringContaining('"Nope"') },
    });
    expect((await start('bad', { seed: 1, rate: 2 })).status).toBe(400);
    expect((await start('bad', { seed: 1, rate: 0.1, kinds: ['fire'] })).status).toBe(400);
    expect((await adminCall(service, 'GET', '/chaos', undefined, 'bad')).body).toEqual({
      chaos: null,
      from: 'none',
    });
  });
});

describe("the server's chaos (serve --chaos)", () => {
  const chaos = { seed: 11, rate: 1, apis: ['fabric'], kinds: ['empty-reply' as const] };

  it('applies to every session until one stops it; a reset brings it back', async () => {
    const service = createMockService({ apis: registry, clock: 'manual', chaos });
    expect((await adminCall(service, 'GET', '/chaos', undefined, 'a')).body).toEqual({
      chaos,
      from: 'server',
    });
    expect((await reads(service, 'a', 3)).every((seen) => seen.includes('empty-reply'))).toBe(true);
    expect((await adminCall(service, 'DELETE', '/chaos', undefined, 'a')).status).toBe(204);
    expect((await adminCall(service, 'GET', '/chaos', undefined, 'a')).body).toEqual({
      chaos: null,
      from: 'none',
    });
    expect(await reads(service, 'a', 3)).toEqual(['200  ', '200  ', '200  ']);
    await adminCall(service, 'POST', '/reset', undefined, 'a');
    expect((await adminCall(service, 'GET', '/chaos', undefined, 'a')).body).toMatchObject({
      from: 'server',
    });
    service.close();
  });

  it('is checked like POST /__admin/chaos', () => {
    expect(() => createMockService({ apis: registry, chaos: { seed: 1, rate: 3 } })).toThrow(/chaos: .*rate/);
    expect(() =>
      createMockService({ apis: registry, chaos: { seed: 1, rate: 0.1, apis: ['nope'] } }),
    ).toThrow(/chaos: Unknown API "nope"/);
  });
});
