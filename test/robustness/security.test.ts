import { request as httpRequest } from 'node:http';
import { registry } from '../../mocks/index';
import { createMockService } from '../../src/mock-service';
import { listen } from '../../src/server/http-server';
import { startServer } from '../support/server-harness';

function rawGet(port: number, path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, unknown>; text: string }>(
    (resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('security: binding', () => {
  it('listens on 127.0.0.1 when no host is given', async () => {
    const server = await listen(createMockService({ apis: registry, clock: 'manual' }), { port: 0 });
    try {
      expect(server.server.address()).toMatchObject({ address: '127.0.0.1' });
    } finally {
      await server.close();
    }
  });
});

describe('security: admin token', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer({ adminToken: 's3cret' });
  });
  afterAll(() => server.close());

  it.each([
    ['GET', '/jobs'],
    ['POST', '/reset'],
    ['GET', '/clock'],
    ['GET', '/faults'],
  ])('%s %s needs the token: 401 without it, or with a wrong one', async (method, path) => {
    for (const auth of [undefined, 'Bearer wrong', 's3cret', 'Basic czNjcmV0']) {
      const res = await fetch(`${server.url}/__admin${path}`, {
        method,
        headers: auth ? { authorization: auth } : {},
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({
        error: { code: expect.any(String), message: expect.stringMatching(/token/) },
      });
    }
    const ok = await fetch(`${server.url}/__admin${path}`, {
      method,
      headers: { authorization: 'Bearer s3cret' },
    });
    expect(ok.status).toBeLessThan(300);
  });

  it('GET /__admin/health stays open for liveness probes', async () => {
    expect((await fetch(`${server.url}/__admin/health`)).status).toBe(200);
  });
});

describe('security: CORS', () => {
  const api = registry[0]!;
  async function serverWith(corsAdmin: boolean) {
    return listen(createMockService({ apis: registry, clock: 'manual' }), {
      port: 0,
      host: '127.0.0.1',
      corsOrigin: 'http://localhost:3000',
      corsAdmin,
    });
  }
  const preflight = { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' };

  it('is sent for the APIs, and not for the admin API unless --cors-admin', async () => {
    const server = await serverWith(false);
    try {
      const onApi = await rawGet(server.port, `/${api.id}/anything`, { origin: 'http://localhost:3000' });
      expect(onApi.headers['access-control-allow-origin']).toBe('http://localhost:3000');
      const onAdmin = await rawGet(server.port, '/__admin/health', { origin: 'http://localhost:3000' });
      expect(onAdmin.headers['access-control-allow-origin']).toBeUndefined();
      const adminPreflight = await rawGet(server.port, '/__admin/jobs', preflight, 'OPTIONS');
      expect(adminPreflight.headers['access-control-allow-origin']).toBeUndefined();
      const apiPreflight = await rawGet(server.port, `/${api.id}/x`, preflight, 'OPTIONS');
      expect(apiPreflight.status).toBe(204);
      expect(apiPreflight.headers['access-control-allow-methods']).toContain('POST');
    } finally {
      await server.close();
    }
  });

  it('--cors-admin sends it for the admin API too', async () => {
    const server = await serverWith(true);
    try {
      const onAdmin = await rawGet(server.port, '/__admin/health', { origin: 'http://localhost:3000' });
      expect(onAdmin.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    } finally {
      await server.close();
    }
  });

  it('is off when not asked for', async () => {
    const server = await listen(createMockService({ apis: registry, clock: 'manual' }), { port: 0 });
    try {
      const res = await rawGet(server.port, `/${api.id}/x`, { origin: 'http://evil.example' });
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});

describe('security: no request reads files', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  const paths = (id: string) => [
    `/${id}/../../etc/passwd`,
    `/${id}/..%2f..%2f..%2fetc%2fpasswd`,
    `/${id}/%2e%2e/%2e%2e/etc/passwd`,
    `/${id}/file:///etc/passwd`,
    `/../../etc/passwd`,
    `/${id}/specs/${id}/openapi.yaml`,
    `/__admin/../../etc/passwd`,
    `/__admin/jobs/${id}/..%2f..%2f..%2fetc%2fpasswd`,
  ];
  it.each(registry.map((api) => [api.id] as const))(
    '%s: traversal paths get an API error, never file contents',
    async (id) => {
      for (const path of paths(id)) {
        for (const method of ['GET', 'POST']) {
          const res = await rawGet(server.port, path, { 'content-type': 'application/json' }, method);
          expect(res.text).not.toMatch(/root:.*:0:0:|openapi: 3/);
          expect(res.status === 200 ? /"error"/.test(res.text) : res.status >= 400 && res.status < 500).toBe(
            true,
          );
          expect(() => JSON.parse(res.text) as unknown).not.toThrow();
        }
      }
    },
  );
});
