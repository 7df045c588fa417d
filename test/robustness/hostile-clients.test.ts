import type { Socket } from 'node:net';
import { registry } from '../../mocks/index';
import { createMockService } from '../../src/mock-service';
import type { MockServiceOptions } from '../../src/mock-service';
import { listen, MAX_BODY_BYTES, MAX_DISCARDED_BYTES } from '../../src/server/http-server';
import { firstResponse, rawConnection, until, untilSteady } from './support/raw-connection';

const HOST = 'Host: 127.0.0.1\r\n';

/** A server on port 0 with its MockService, whose `handle` calls are counted. */
async function serverFor(options: Partial<MockServiceOptions> = {}, requestTimeoutMs?: number) {
  const service = createMockService({ apis: registry, clock: 'manual', ...options });
  const handled = jest.spyOn(service, 'handle');
  const server = await listen(service, { port: 0, host: '127.0.0.1', requestTimeoutMs });
  return { ...server, handled: () => handled.mock.calls.length };
}

/** One chunk of a chunked body (RFC 9112 §7.1). */
const chunk = (data: string) => `${data.length.toString(16)}\r\n${data}\r\n`;

describe('hostile clients: replies nobody reads', () => {
  // 2,000 jobs make every GET /__admin/jobs page (1,000 jobs) about 0.45 MB, so a few of them fill the kernel's buffers.
  const jobs = { seed: [{ api: 'aws-batch', state: 'RUNNING', count: 2000 }] };
  const listJobs = `GET /__admin/jobs?limit=1000 HTTP/1.1\r\n${HOST}\r\n`;
  const PIPELINED = 100;

  it('pipelined requests on a connection that does not read are answered only as the client takes the replies', async () => {
    const server = await serverFor(jobs);
    try {
      const client = await rawConnection(server.port, { read: false });
      client.socket.write(listJobs.repeat(PIPELINED));
      const answered = await untilSteady(server.handled);
      // The replies being held are what the kernel buffers (a few MiB) plus the one being written; before, every
      // request was answered into memory at once (300 of them took the process to 4.3 GB).
      expect(answered).toBeLessThan(PIPELINED / 4);
      // Other clients are served meanwhile.
      expect((await fetch(`${server.url}/__admin/health`)).status).toBe(200);

      // Once the client reads, every request is answered, in order.
      let seen = 0;
      let tail = '';
      const allRead = new Promise<void>((resolve) => {
        client.socket.on('data', (data: Buffer) => {
          const text = tail + data.toString('latin1');
          seen += text.split('HTTP/1.1 200 OK\r\n').length - 1;
          tail = text.slice(-20);
          if (seen === PIPELINED) resolve();
        });
      });
      client.socket.resume();
      await allRead;
      expect(seen).toBe(PIPELINED);
      client.socket.destroy();
    } finally {
      await server.close();
    }
    // 100 replies of 0.45 MB each: seconds of writing on a loaded machine.
  }, 30_000);

  it('a connection that keeps sending requests is not read while its replies wait', async () => {
    // Replies of about 5 KB: node:http pauses a socket itself only once a reply over 16 KiB is stuck.
    const server = await serverFor(jobs);
    try {
      let parsed = 0;
      server.server.on('request', () => parsed++);
      const client = await rawConnection(server.port, { read: false });
      const requests = 100_000;
      const batch = `GET /__admin/jobs?limit=10 HTTP/1.1\r\n${HOST}\r\n`.repeat(500);
      let sent = 0;
      const send = () => {
        while (sent < requests) {
          sent += 500;
          if (!client.socket.write(batch)) return void client.socket.once('drain', send);
        }
      };
      send();
      const read = await untilSteady(() => parsed);
      // A server that kept reading would parse every request sent, each waiting in memory for its turn.
      expect(read).toBeLessThan(requests / 4);
      expect(read).toBeLessThan(server.handled() + 5_000);
      client.socket.destroy();
    } finally {
      await server.close();
    }
  });

  it('a reply the client does not read within the request timeout loses its connection', async () => {
    const server = await serverFor(jobs, 300);
    try {
      const closed = new Promise<void>((resolve) =>
        server.server.once('connection', (socket: Socket) => socket.once('close', () => resolve())),
      );
      const client = await rawConnection(server.port, { read: false });
      client.socket.write(listJobs.repeat(PIPELINED));
      // The client never reads, so only the server's side of the connection can tell that it was closed.
      await closed;
      expect(server.handled()).toBeLessThan(PIPELINED / 4);
      expect((await fetch(`${server.url}/__admin/health`)).status).toBe(200);
      client.socket.destroy();
    } finally {
      await server.close();
    }
  });

  it('a client that resets mid-reply leaves no error behind, and the server keeps serving', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => {});
    const server = await serverFor(jobs);
    try {
      const client = await rawConnection(server.port);
      client.socket.write(listJobs);
      await until(() => client.received().length > 0);
      client.socket.resetAndDestroy();
      await client.closed;
      expect((await fetch(`${server.url}/__admin/jobs?limit=1`)).status).toBe(200);
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
      await server.close();
    }
  });
});

describe('hostile clients: bodies over the limit', () => {
  const cancel = 'POST /aws-batch/v1/canceljob HTTP/1.1\r\n' + HOST + 'Content-Type: application/json\r\n';

  /** Checks the AWS 413 and that the connection was closed cleanly after it. */
  function expectClean413(outcome: { received: string; endedCleanly: boolean; error: string | undefined }) {
    const reply = firstResponse(outcome.received);
    expect(reply).toBeDefined();
    expect(reply!.status).toBe(413);
    expect(reply!.headers['x-amzn-errortype']).toBe('ClientException');
    expect(JSON.parse(reply!.body)).toMatchObject({ message: expect.stringMatching(/1 MiB/) });
    expect(reply!.headers.connection).toBe('close');
    expect(outcome.error).toBeUndefined();
    expect(outcome.endedCleanly).toBe(true);
  }

  it('a chunked body past 1 MiB gets a complete 413 with Connection: close, and a clean close', async () => {
    const server = await serverFor();
    try {
      const client = await rawConnection(server.port);
      client.socket.write(cancel + 'Transfer-Encoding: chunked\r\n\r\n');
      const piece = chunk('a'.repeat(64 * 1024));
      for (let sent = 0; sent < 1.5 * MAX_BODY_BYTES; sent += 64 * 1024) client.socket.write(piece);
      client.socket.write('0\r\n\r\n');
      expectClean413(await client.closed);
      expect((await fetch(`${server.url}/__admin/health`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('a declared Content-Length over 1 MiB gets the same', async () => {
    const server = await serverFor();
    try {
      const client = await rawConnection(server.port);
      const size = 1.5 * MAX_BODY_BYTES;
      client.socket.write(`${cancel}Content-Length: ${size}\r\n\r\n`);
      client.socket.write('a'.repeat(size));
      expectClean413(await client.closed);
    } finally {
      await server.close();
    }
  });

  it('a client that waits for 100 Continue with an oversized Content-Length gets the 413 instead, and sends nothing', async () => {
    const server = await serverFor();
    try {
      const client = await rawConnection(server.port);
      client.socket.write(`${cancel}Content-Length: ${100 * MAX_BODY_BYTES}\r\nExpect: 100-continue\r\n\r\n`);
      const outcome = await client.closed;
      expect(outcome.received).toMatch(/^HTTP\/1\.1 413 /);
      expectClean413(outcome);
      expect(server.handled()).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('a body of exactly 1 MiB is read; one byte more is not', async () => {
    const server = await serverFor();
    try {
      const body = (size: number) => {
        const prefix = '{"jobId":"x","reason":"';
        return prefix + 'r'.repeat(size - prefix.length - 2) + '"}';
      };
      const post = (rawBody: string) =>
        fetch(`${server.url}/aws-batch/v1/canceljob`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: rawBody,
        });
      expect((await post(body(MAX_BODY_BYTES))).status).not.toBe(413);
      expect((await post(body(MAX_BODY_BYTES + 1))).status).toBe(413);
    } finally {
      await server.close();
    }
  });

  it('a body that never ends is dropped for at most MAX_DISCARDED_BYTES, then the connection is closed', async () => {
    const server = await serverFor();
    try {
      const client = await rawConnection(server.port);
      client.socket.write(cancel + 'Transfer-Encoding: chunked\r\n\r\n');
      const piece = chunk('a'.repeat(64 * 1024));
      let sent = 0;
      const send = () => {
        while (!client.socket.destroyed && sent < 4 * MAX_DISCARDED_BYTES) {
          sent += 64 * 1024;
          if (!client.socket.write(piece)) return void client.socket.once('drain', send);
        }
      };
      client.socket.on('error', () => {});
      send();
      const outcome = await client.closed;
      expect(sent).toBeLessThan(4 * MAX_DISCARDED_BYTES);
      // The 413 was sent; whether it arrives before the reset depends on the client's stack.
      expect(outcome.received).toMatch(/^(HTTP\/1\.1 413 |$)/);
      expect((await fetch(`${server.url}/__admin/health`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('hostile clients: headers', () => {
  it('headers over 16 KiB get 431 and a close; many small headers are served; the server keeps serving', async () => {
    const server = await serverFor();
    try {
      const big = await rawConnection(server.port);
      big.socket.write(`GET /__admin/health HTTP/1.1\r\n${HOST}X-Pad: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect((await big.closed).received).toMatch(/^HTTP\/1\.1 431 /);
      const many = await rawConnection(server.port);
      many.socket.end(`GET /__admin/health HTTP/1.1\r\n${HOST}${'x-a: 1\r\n'.repeat(2000)}\r\n`);
      expect(firstResponse((await many.closed).received)?.status).toBe(200);
      expect(server.handled()).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('a connection that sends nothing is closed at the request timeout', async () => {
    const server = await serverFor({}, 300);
    try {
      const idle = await rawConnection(server.port);
      const outcome = await idle.closed;
      expect(outcome.received).toMatch(/^(HTTP\/1\.1 408 |$)/);
      expect(server.handled()).toBe(0);
    } finally {
      await server.close();
    }
  });
});
