import { request as httpRequest } from 'node:http';
import { registry } from '../../mocks/index';
import type { MockService } from '../../src/mock-service';
import { createMockService } from '../../src/mock-service';
import { PREFLIGHT_MAX_AGE_SECONDS } from '../../src/server/cors';
import type { ListenOptions, RunningServer } from '../../src/server/http-server';
import { listen } from '../../src/server/http-server';
import { withDemoCredentials } from '../support/demo-client';

const PAGE = 'http://localhost:5173';
type Reply = { status: number; headers: Record<string, string | string[] | undefined>; text: string };

function send(port: number, path: string, headers: Record<string, string>, method = 'GET', body?: string) {
  return new Promise<Reply>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function withServer(options: Partial<ListenOptions>, work: (server: RunningServer) => Promise<void>) {
  const server = await listen(createMockService({ apis: registry, clock: 'manual' }), {
    port: 0,
    host: '127.0.0.1',
    ...options,
  });
  try {
    await work(server);
  } finally {
    await server.close();
  }
}

/** The names in a comma-separated header value, lower case. */
const names = (value: unknown) =>
  String(value ?? '')
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter(Boolean);

describe('CORS for front ends: --cors and --cors-admin', () => {
  it.each([
    ['* (any origin, as bare --cors)', '*', PAGE],
    ['a list', `http://127.0.0.1:5173, ${PAGE}`, PAGE],
  ])(
    '%s: the Origin is reflected with credentials, Vary: Origin and an explicit expose list',
    async (_, corsOrigin, origin) => {
      await withServer({ corsOrigin }, async (server) => {
        const reply = await send(server.port, '/aws-batch/v1/describejobs', { origin }, 'POST', '{}');
        expect(reply.status).toBe(403); // unsigned: AWS's own error, readable by the page
        expect(reply.headers['access-control-allow-origin']).toBe(origin);
        expect(reply.headers['access-control-allow-credentials']).toBe('true');
        expect(names(reply.headers.vary)).toContain('origin');
        const exposed = names(reply.headers['access-control-expose-headers']);
        expect(exposed).not.toContain('*');
        expect(exposed).toEqual(
          expect.arrayContaining([
            'x-amzn-requestid',
            'x-amzn-errortype',
            'www-authenticate',
            'location',
            'retry-after',
          ]),
        );
        expect(exposed).toEqual(expect.arrayContaining(['x-jobmock-session', 'x-jobmock-violations']));
        expect(exposed).not.toContain('set-cookie');
      });
    },
  );

  it('an Origin not on the list gets no CORS headers (the browser keeps the reply from the page), only Vary', async () => {
    await withServer({ corsOrigin: PAGE }, async (server) => {
      for (const origin of ['http://evil.example', 'http://localhost:5174', 'https://localhost:5173']) {
        const reply = await send(
          server.port,
          '/aws-batch/v1/describejobs',
          { origin, 'content-type': 'application/json' },
          'POST',
          '{}',
        );
        expect(reply.headers['access-control-allow-origin']).toBeUndefined();
        expect(reply.headers['access-control-allow-credentials']).toBeUndefined();
        expect(names(reply.headers.vary)).toContain('origin');
        const preflight = await send(
          server.port,
          '/aws-batch/v1/describejobs',
          { origin, 'access-control-request-method': 'POST' },
          'OPTIONS',
        );
        expect(preflight.status).toBe(204);
        expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      }
      const noOrigin = await send(server.port, '/aws-batch/v1/describejobs', {}, 'POST', '{}');
      expect(noOrigin.headers['access-control-allow-origin']).toBeUndefined();
      expect(names(noOrigin.headers.vary)).toContain('origin');
    });
  });

  // KBase's service answers CORS itself (see the next tests); the others get jobmock's.
  it.each(registry.filter((api) => api.id !== 'kbase').map((api) => [api.id, api] as const))(
    'the preflight of %s’s own cancel request (its credentials and headers) is allowed, with Max-Age',
    async (_id, api) => {
      await withServer({ corsOrigin: PAGE }, async (server) => {
        const base = `${server.url}/${api.id}`;
        const cancel = api.jobRequests.cancel('00000000-0000-4000-8000-000000000001');
        const { method, headers } = await withDemoCredentials(api, base, cancel);
        const asked = [...Object.keys(headers), 'x-jobmock-session'].filter((n) => n !== 'cookie').join(',');
        const path = new URL(base + cancel.path).pathname;
        const preflight = await send(
          server.port,
          path,
          { origin: PAGE, 'access-control-request-method': method, 'access-control-request-headers': asked },
          'OPTIONS',
        );
        expect(preflight.status).toBe(204);
        expect(preflight.headers['access-control-allow-origin']).toBe(PAGE);
        expect(preflight.headers['access-control-allow-credentials']).toBe('true');
        expect(names(preflight.headers['access-control-allow-methods'])).toContain(method.toLowerCase());
        expect(names(preflight.headers['access-control-allow-headers'])).toEqual(
          expect.arrayContaining(names(asked)),
        );
        expect(preflight.headers['access-control-max-age']).toBe(String(PREFLIGHT_MAX_AGE_SECONDS));
        expect(names(preflight.headers.vary)).toEqual(
          expect.arrayContaining([
            'origin',
            'access-control-request-method',
            'access-control-request-headers',
          ]),
        );
      });
    },
  );

  it('a session cookie set for another origin is SameSite=None; Secure; Partitioned (else browsers drop it); same-origin is left alone', async () => {
    await withServer({ corsOrigin: PAGE }, async (server) => {
      const login = (origin: string) =>
        send(
          server.port,
          '/itential/login',
          { origin, 'content-type': 'application/json' },
          'POST',
          JSON.stringify({ user: { username: 'admin', password: 'admin' } }),
        );
      const cross = String((await login(PAGE)).headers['set-cookie']);
      expect(cross).toMatch(/^token=[^;]+;.*HttpOnly/);
      expect(cross).toMatch(/; SameSite=None; Secure; Partitioned$/);
      const same = String((await login(`http://127.0.0.1:${server.port}`)).headers['set-cookie']);
      expect(same).not.toMatch(/SameSite/);
    });
  });

  it('the admin API: no CORS and a 403 for other origins unless --cors-admin; then the listed origins only', async () => {
    await withServer({ corsOrigin: PAGE }, async (server) => {
      const list = await send(server.port, '/__admin/jobs?api=kbase', { origin: PAGE });
      expect(list.status).toBe(403);
      expect(list.text).toContain('--cors-admin');
      expect(list.headers['access-control-allow-origin']).toBeUndefined();
    });
    await withServer({ corsOrigin: `${PAGE},http://127.0.0.1:5173`, corsAdmin: true }, async (server) => {
      const list = await send(server.port, '/__admin/jobs?api=kbase', { origin: PAGE });
      expect(list.status).toBe(200);
      expect(list.headers['access-control-allow-origin']).toBe(PAGE);
      expect(list.headers['access-control-allow-credentials']).toBe('true');
      const preflight = await send(
        server.port,
        '/__admin/jobs',
        {
          origin: PAGE,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
        'OPTIONS',
      );
      expect(preflight.headers['access-control-allow-origin']).toBe(PAGE);
      expect(
        (await send(server.port, '/__admin/reset', { origin: 'http://evil.example' }, 'POST')).status,
      ).toBe(403);
    });
  });

  it('KBase answers CORS as its SDK server does: any origin, the headers a preflight asks for, no credentials', async () => {
    await withServer({ corsOrigin: PAGE }, async (server) => {
      const asked = 'authorization,content-type,x-jobmock-session';
      for (const origin of [PAGE, 'http://evil.example']) {
        const preflight = await send(
          server.port,
          '/kbase',
          { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': asked },
          'OPTIONS',
        );
        expect(preflight.status).toBe(200);
        expect(preflight.headers['access-control-allow-origin']).toBe('*');
        expect(preflight.headers['access-control-allow-headers']).toBe(asked);
        expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
      }
      const reply = await send(
        server.port,
        '/kbase',
        { origin: PAGE, 'content-type': 'application/json' },
        'POST',
        '{}',
      );
      expect(reply.headers['access-control-allow-origin']).toBe('*');
      expect(names(reply.headers.vary)).toContain('origin');
    });
  });

  it('an API that answers CORS itself keeps its own headers and its own preflight answer', async () => {
    const own = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'authorization' };
    const service = {
      handle: () => ({ status: 200, headers: { ...own, 'content-type': 'application/json' }, body: {} }),
    } as unknown as MockService;
    const server = await listen(service, { port: 0, host: '127.0.0.1', corsOrigin: PAGE });
    try {
      const reply = await send(server.port, '/kbase', { origin: PAGE }, 'POST', '{}');
      expect(reply.headers['access-control-allow-origin']).toBe('*');
      expect(reply.headers['access-control-allow-credentials']).toBeUndefined();
      const preflight = await send(
        server.port,
        '/kbase',
        { origin: PAGE, 'access-control-request-method': 'POST' },
        'OPTIONS',
      );
      expect(preflight.status).toBe(200);
      expect(preflight.headers['access-control-allow-origin']).toBe('*');
      expect(preflight.headers['access-control-allow-headers']).toBe('authorization');
    } finally {
      await server.close();
    }
  });
});
