import { request } from 'node:http';
import { registry } from '../../mocks/index';
import { createMockService } from '../../src/mock-service';
import type { ListenOptions } from '../../src/server/http-server';
import { listen } from '../../src/server/http-server';
import { CrossSiteGuard } from '../../src/server/cross-site-guard';
import { fault } from '../../src/core/fault';
import { ensureBuilt, startCli, stopCli } from '../support/built-cli';
import { firstResponse, rawConnection } from './support/raw-connection';

/** A call with headers fetch will not let us set (Host, Origin), answered as status, headers and text. */
function call(port: number, path: string, headers: Record<string, string>, method = 'GET', body?: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; text: string }>(
    (resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      });
      req.on('error', reject);
      req.end(body);
    },
  );
}

async function serverWith(options: Partial<ListenOptions> = {}) {
  const service = createMockService({ apis: registry, clock: 'manual' });
  const server = await listen(service, { port: 0, host: '127.0.0.1', ...options });
  return { ...server, service };
}

describe('cross-site guard: which Host values are answered', () => {
  const guard = (allowHosts?: string[], boundHost = '127.0.0.1') =>
    new CrossSiteGuard({ boundHost, allowHosts });
  const allowed = (g: CrossSiteGuard, host: string) => g.refusal({ host }, false) === undefined;

  it.each([
    'localhost',
    'localhost:4010',
    'LOCALHOST:4010',
    'localhost.:4010',
    'app.localhost:4010',
    '127.0.0.1',
    '127.0.0.1:4010',
    '[::1]:4010',
    '[::1]',
    '10.0.0.7:80',
    '[2001:db8::1]:4010',
  ])('%s is answered by default', (host) => {
    expect(allowed(guard(), host)).toBe(true);
  });

  it.each([
    'evil.example',
    'evil.example:4010',
    'localhost.evil.example',
    '127.0.0.1.nip.io:4010',
    'notlocalhost',
    '[::1',
    '[::1]x',
    'localhost:40a',
    'evil.example@localhost',
    '',
    '[evil.example]',
  ])('%j is refused by default', (host) => {
    expect(allowed(guard(), host)).toBe(false);
  });

  it('the bound address and --allow-host names are answered; a leading dot takes the subdomains; * takes all', () => {
    expect(allowed(guard([], 'mock.internal'), 'mock.internal:4010')).toBe(true);
    const named = guard(['mock.test', '.corp.example']);
    for (const host of ['mock.test', 'MOCK.test:1', 'corp.example', 'a.b.corp.example:4010'])
      expect(allowed(named, host)).toBe(true);
    for (const host of ['a.mock.test', 'notcorp.example', 'corp.example.evil'])
      expect(allowed(named, host)).toBe(false);
    expect(allowed(guard(['*']), 'anything.example')).toBe(true);
  });

  it('a call without Host (HTTP/1.0) passes: browsers always send one', () => {
    expect(guard().refusal({}, true)).toBeUndefined();
  });
});

describe('cross-site guard over HTTP: DNS rebinding', () => {
  let server: Awaited<ReturnType<typeof serverWith>>;
  beforeAll(async () => {
    server = await serverWith();
  });
  afterAll(() => server.close());
  const rebound = { host: 'evil.example:4010' };

  it("an API call with a foreign Host gets the API's own Forbidden error, and opens no session", async () => {
    for (const api of registry) {
      const reply = await call(
        server.port,
        `/${api.id}/anything`,
        { ...rebound, 'content-type': 'application/json', 'x-jobmock-session': `rebound-${api.id}` },
        'POST',
        '{}',
      );
      expect(reply.text).toContain('Host \\"evil.example:4010\\" is not allowed');
      if (api.protocol === 'openrpc') {
        expect(reply.status).toBe(403);
        expect(JSON.parse(reply.text)).toMatchObject({
          jsonrpc: '2.0',
          id: null,
          error: { code: expect.any(Number), message: expect.any(String) },
        });
      } else {
        // The status, content type and body shape the API gives any Forbidden fault.
        const own = api.errorReply(fault('Forbidden', 'x'), {
          operation: undefined,
          request: { method: 'POST', base: '', path: '/', query: {}, headers: {}, rawBody: '' },
          profile: 'documented',
        });
        expect(reply.status).toBe(own.status);
        expect(reply.headers['content-type']).toBe(own.headers['content-type']);
        expect(Object.keys(JSON.parse(reply.text) as object).sort()).toEqual(
          Object.keys(own.body as object).sort(),
        );
      }
    }
    // The sessions the calls named were not opened (a page could otherwise fill the session cap).
    const names = await server.service.store.sessionNames();
    expect(names.filter((name) => name.startsWith('rebound-'))).toEqual([]);
  });

  it('an admin call with a foreign Host gets the admin 403 and does not reset anything', async () => {
    const api = registry[0]!;
    const job = JSON.stringify({ api: api.id, state: api.machine.states[0], id: 'kept' });
    const json = { 'content-type': 'application/json' };
    expect((await call(server.port, '/__admin/jobs', json, 'POST', job)).status).toBe(201);
    const reply = await call(server.port, '/__admin/reset', rebound, 'POST');
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.text)).toEqual({
      error: { code: 'Forbidden', message: expect.stringMatching(/--allow-host evil\.example/) },
    });
    expect((await call(server.port, `/__admin/jobs/${api.id}/kept`, {})).status).toBe(200);
  });

  it('localhost, 127.0.0.1 and an HTTP/1.0 call without Host are served', async () => {
    for (const host of ['localhost:4010', `127.0.0.1:${server.port}`])
      expect((await call(server.port, '/__admin/health', { host })).status).toBe(200);
    const old = await rawConnection(server.port);
    old.socket.write('GET /__admin/health HTTP/1.0\r\n\r\n');
    expect(firstResponse((await old.closed).received)?.status).toBe(200);
  });
});

describe('cross-site guard over HTTP: foreign origins on the admin API', () => {
  const page = { origin: 'http://evil.example' };

  it('a foreign Origin cannot reset, fault or read the admin API; calls without Origin can', async () => {
    const server = await serverWith();
    try {
      for (const [method, path] of [
        ['POST', '/__admin/reset'],
        ['POST', '/__admin/faults'],
        ['GET', '/__admin/jobs'],
      ] as const) {
        const reply = await call(server.port, path, page, method, method === 'GET' ? undefined : '{}');
        expect(reply.status).toBe(403);
        expect(JSON.parse(reply.text)).toEqual({
          error: {
            code: 'Forbidden',
            message: expect.stringMatching(/--cors http:\/\/evil\.example --cors-admin/),
          },
        });
      }
      expect((await call(server.port, '/__admin/reset', {}, 'POST')).status).toBe(200);
      for (const origin of ['null', 'http://localhost:3000'])
        expect((await call(server.port, '/__admin/reset', { origin }, 'POST')).status).toBe(403);
    } finally {
      await server.close();
    }
  });

  it("the mock's own origin is served; API paths take any Origin (CORS decides what the page may read)", async () => {
    const server = await serverWith();
    try {
      const own = { origin: `http://127.0.0.1:${server.port}` };
      expect((await call(server.port, '/__admin/reset', own, 'POST')).status).toBe(200);
      const api = await call(server.port, `/${registry[0]!.id}/anything`, page);
      expect(api.status).not.toBe(403);
    } finally {
      await server.close();
    }
  });

  it('--cors <origin> --cors-admin lets that origin (or any, with *) call the admin API; --cors alone does not', async () => {
    const cases: [Partial<ListenOptions>, string, number][] = [
      [{ corsOrigin: 'http://localhost:3000', corsAdmin: true }, 'http://localhost:3000', 200],
      [{ corsOrigin: 'http://localhost:3000', corsAdmin: true }, 'http://evil.example', 403],
      [{ corsOrigin: '*', corsAdmin: true }, 'http://evil.example', 200],
      [{ corsOrigin: 'http://localhost:3000' }, 'http://localhost:3000', 403],
    ];
    for (const [options, origin, status] of cases) {
      const server = await serverWith(options);
      try {
        expect((await call(server.port, '/__admin/reset', { origin }, 'POST')).status).toBe(status);
      } finally {
        await server.close();
      }
    }
  });
});

describe('jobmock serve --allow-host', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('answers the names it is given, still refuses others, and says which in the banner', async () => {
    const cli = await startCli(['--allow-host', 'mock.test,.corp.example']);
    try {
      const port = Number(new URL(cli.url).port);
      expect((await call(port, '/__admin/health', { host: 'mock.test:4010' })).status).toBe(200);
      expect((await call(port, '/__admin/health', { host: 'api.corp.example' })).status).toBe(200);
      expect((await call(port, '/__admin/health', { host: 'evil.example' })).status).toBe(403);
      expect(cli.stdout()).toMatch(
        /Host names answered\s+localhost, IP addresses, mock\.test, \.corp\.example/,
      );
    } finally {
      await stopCli(cli);
    }
  });
});
