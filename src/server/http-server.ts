import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MockReply } from '../core/wire';
import type { Headers } from '../core/wire';
import { replyBodyText } from '../core/wire';
import type { MockService } from '../mock-service';

/** The largest request body read (1 MiB); larger bodies get the API's own 413. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** A request whose headers and body do not arrive within this time is cut off (slow clients cannot hold the server). */
export const REQUEST_TIMEOUT_MS = 30_000;

export interface ListenOptions {
  readonly port?: number | undefined;
  readonly host?: string | undefined;
  /** CORS for front-end development: the allowed origin (`*` for any), or undefined for none. */
  readonly corsOrigin?: string | undefined;
  /** Also send CORS headers on the admin API. */
  readonly corsAdmin?: boolean | undefined;
  /** Overrides REQUEST_TIMEOUT_MS (tests use a short one). */
  readonly requestTimeoutMs?: number | undefined;
}

export interface RunningServer {
  readonly server: Server;
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serves a MockService on node:http. Reads the body up to MAX_BODY_BYTES (then stops reading and lets the
 * API answer 413), turns the call into a plain record and writes the reply back.
 */
export function listen(service: MockService, options: ListenOptions = {}): Promise<RunningServer> {
  const timeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const server = createServer(
    {
      requestTimeout: timeout,
      headersTimeout: timeout,
      // Timeouts are checked on this interval (node's default is 30 s), so it must be shorter than they are.
      connectionsCheckingInterval: Math.min(30_000, Math.max(50, Math.floor(timeout / 4))),
    },
    (req, res) => {
      serve(service, req, res, options).catch((error: unknown) => {
        // A client that went away (or was cut off by the request timeout) needs no answer and no log line.
        if (req.destroyed || res.destroyed) return;
        console.error('jobmock: failed to answer a request:', error);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"message":"internal error"}');
      });
    },
  );
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, options.host ?? '127.0.0.1', () => {
      const { port, address } = server.address() as AddressInfo;
      const host = address.includes(':') ? `[${address}]` : address;
      resolve({
        server,
        port,
        url: `http://${host}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

async function serve(
  service: MockService,
  req: IncomingMessage,
  res: ServerResponse,
  options: ListenOptions,
): Promise<void> {
  const isAdmin = (req.url ?? '/').startsWith('/__admin');
  if (
    options.corsOrigin !== undefined &&
    (!isAdmin || options.corsAdmin) &&
    req.method === 'OPTIONS' &&
    req.headers['access-control-request-method']
  ) {
    const preflight: MockReply = { status: 204, headers: {} };
    addCors(preflight, req, options.corsOrigin);
    write(res, preflight, false);
    return;
  }
  const { rawBody, tooLarge } = await readBody(req);
  const headers = req.headers as Headers;
  const url = req.url ?? '/';
  const reply = await service.handle({
    method: req.method ?? 'GET',
    url,
    headers,
    rawBody,
    bodyTooLarge: tooLarge,
  });
  if (options.corsOrigin !== undefined && (!isAdmin || options.corsAdmin))
    addCors(reply, req, options.corsOrigin);
  write(res, reply, req.method === 'HEAD');
  if (tooLarge) res.on('finish', () => req.destroy());
}

function readBody(req: IncomingMessage): Promise<{ rawBody: string; tooLarge: boolean }> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    req.resume();
    return Promise.resolve({ rawBody: '', tooLarge: true });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
        req.pause();
        resolve({ rawBody: '', tooLarge: true });
        return;
      }
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolve({ rawBody: Buffer.concat(chunks).toString('utf8'), tooLarge }));
    req.on('error', reject);
  });
}

function write(res: ServerResponse, reply: MockReply, headOnly: boolean): void {
  const body = replyBodyText(reply);
  // Object.assign, not a spread: a spread then a new key costs a fresh hidden class per reply on node 20.
  const headers: Record<string, string | number> = Object.assign({}, reply.headers);
  if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
  res.writeHead(reply.status, headers);
  res.end(headOnly ? undefined : body);
}

function addCors(reply: MockReply, req: IncomingMessage, origin: string): void {
  reply.headers['access-control-allow-origin'] = origin === '*' ? '*' : origin;
  reply.headers['access-control-expose-headers'] = '*';
  if (req.method === 'OPTIONS') {
    reply.headers['access-control-allow-methods'] = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
    reply.headers['access-control-allow-headers'] = String(
      req.headers['access-control-request-headers'] ?? '*',
    );
  }
}
