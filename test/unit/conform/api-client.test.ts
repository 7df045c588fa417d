import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiClient } from '../../../src/conform/api-client';
import { RequestGate } from '../../../src/conform/request-gate';
import type { Protocol } from '../../../src/engine/protocol';

/** A protocol that finds a 429 without a JSON body wrong, and everything else right. */
const protocol = {
  reviewReply: (_sent: unknown, reply: { status: number; body: string }) => ({
    operation: 'op',
    outcome: `HTTP ${reply.status}`,
    failed: reply.status >= 400,
    violations: reply.status === 429 && reply.body === '' ? ['status 429 declares a body'] : [],
  }),
} as unknown as Protocol;

/** A server that answers the first `busy` requests 429 (Retry-After: 1), then 200, and records what it got. */
async function throttling(busy: number) {
  const seen: { headers: Record<string, unknown>; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ headers: req.headers, body });
      if (seen.length <= busy) res.writeHead(429, { 'retry-after': '1' }).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => server.close(),
  };
}

describe('ApiClient', () => {
  it('retries a 429 after its Retry-After, and the check sees both replies', async () => {
    const server = await throttling(1);
    try {
      const gate = new RequestGate({ maxRequests: 5, timeoutMs: 10_000, concurrency: 1 });
      const client = new ApiClient({
        baseUrl: server.url,
        protocol,
        gate,
        valid: async () => ({ headers: { authorization: 'Bearer valid' } }),
      });
      const exchange = await client.send({ method: 'POST', path: '/jobs', body: { name: 'n' } });
      expect(exchange.review.outcome).toBe('HTTP 200');
      expect(exchange.body).toEqual({ ok: true });
      expect(exchange.retried.map((r) => r.review.violations)).toEqual([['status 429 declares a body']]);
      expect(gate.requests).toBe(2);
      expect(exchange.requestLine).toBe('POST /jobs {"name":"n"}');
      expect(server.seen.map((r) => r.headers.authorization)).toEqual(['Bearer valid', 'Bearer valid']);
    } finally {
      server.close();
    }
  });

  it('sends no credentials when told, and unknown ones when told', async () => {
    const server = await throttling(0);
    try {
      const client = new ApiClient({
        baseUrl: server.url,
        protocol,
        valid: async () => ({ headers: { authorization: 'Bearer valid' } }),
        unknown: async () => ({ headers: { authorization: 'Bearer nobody' } }),
        headers: { 'X-Gateway-Key': 'k' },
      });
      await client.send({ method: 'GET', path: '/a' }, 'none');
      await client.send({ method: 'GET', path: '/a' }, 'unknown');
      expect(server.seen.map((r) => [r.headers.authorization, r.headers['x-gateway-key']])).toEqual([
        [undefined, 'k'],
        ['Bearer nobody', 'k'],
      ]);
    } finally {
      server.close();
    }
  });
});
