import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isAdminPath } from '../admin/admin-path';
import type { MockReply } from '../core/wire';
import type { Headers } from '../core/wire';
import { replyBodyText } from '../core/wire';
import type { MockService } from '../mock-service';
import { CorsPolicy } from './cors';
import { CrossSiteGuard } from './cross-site-guard';
import { writeNetworkFault } from './network-fault-writer';
import { closeIfUnread, inTurn } from './reply-backpressure';
import type { RequestBody } from './request-body';
import { declaresTooLarge, readBody } from './request-body';

export { MAX_BODY_BYTES, MAX_DISCARDED_BYTES } from './request-body';
/**
 * A request whose headers and body do not arrive within this time is cut off, and so is a reply the client does
 * not read within it (slow clients cannot hold the server).
 */
export const REQUEST_TIMEOUT_MS = 30_000;

export interface ListenOptions {
  readonly port?: number | undefined;
  readonly host?: string | undefined;
  /**
   * CORS for front ends (credentials included): `*` for any origin (reflected), or a comma-separated list of
   * origins; undefined for none. See CorsPolicy.
   */
  readonly corsOrigin?: string | undefined;
  /** Also send CORS headers on the admin API, and let those origins call it. */
  readonly corsAdmin?: boolean | undefined;
  /**
   * Host names answered besides localhost, IP addresses and the bound address (`.example.com`: it and its
   * subdomains; `*`: any). Other Host values get the API's own Forbidden error (DNS rebinding).
   */
  readonly allowHosts?: readonly string[] | undefined;
  /** Overrides REQUEST_TIMEOUT_MS (tests use a short one). */
  readonly requestTimeoutMs?: number | undefined;
}

export interface RunningServer {
  readonly server: Server;
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** The body of a request whose client waits for `100 Continue` that will not come: it was never sent. */
const WITHHELD: () => Promise<RequestBody> = () => Promise.resolve({ rawBody: '', tooLarge: true });

/**
 * Serves a MockService on node:http: refuses cross-site calls (CrossSiteGuard), reads the body up to
 * MAX_BODY_BYTES (a larger one gets the API's own 413 and the connection is closed), answers pipelined
 * requests one after another without buffering replies nobody reads, and writes each reply back.
 */
export function listen(service: MockService, options: ListenOptions = {}): Promise<RunningServer> {
  const timeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const boundHost = options.host ?? '127.0.0.1';
  const cors = options.corsOrigin === undefined ? undefined : new CorsPolicy(options.corsOrigin);
  const guard = new CrossSiteGuard({
    boundHost,
    allowHosts: options.allowHosts,
    adminOrigins: options.corsAdmin ? cors : undefined,
  });
  const answerWith =
    (body: typeof readBody) =>
    (req: IncomingMessage, res: ServerResponse): void => {
      serve(service, guard, cors, req, res, body, options).catch((error: unknown) => {
        // A client that went away (or was cut off by the request timeout) needs no answer and no log line.
        if (req.destroyed || res.destroyed) return;
        console.error('jobmock: failed to answer a request:', error);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"message":"internal error"}');
      });
    };
  const answer = answerWith(readBody);
  const refuseUnsent = answerWith(WITHHELD);
  const server = createServer(
    {
      requestTimeout: timeout,
      headersTimeout: timeout,
      // Timeouts are checked on this interval (node's default is 30 s), so it must be shorter than they are.
      connectionsCheckingInterval: Math.min(30_000, Math.max(50, Math.floor(timeout / 4))),
    },
    (req, res) => inTurn(req, res, answer),
  );
  // RFC 9110 §10.1.1: a body that is too large is refused before the client sends it, not after.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (declaresTooLarge(req)) return inTurn(req, res, refuseUnsent);
    res.writeContinue();
    inTurn(req, res, answer);
  });
  server.keepAliveTimeout = 65_000;
  // The 16 KiB header limit bounds how many headers fit; no count limit of its own keeps node lines alike
  // (node 22.23 and 24 answer 431 past 1,000 headers by default, node 20 drops those past 2,000).
  server.maxHeadersCount = 0;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, boundHost, () => {
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
  guard: CrossSiteGuard,
  corsPolicy: CorsPolicy | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  body: typeof readBody,
  options: ListenOptions,
): Promise<void> {
  const url = req.url ?? '/';
  const isAdmin = isAdminPath(url);
  const refusal = guard.refusal(req.headers, isAdmin);
  const cors = isAdmin && options.corsAdmin !== true ? undefined : corsPolicy;
  const { rawBody, tooLarge } = await body(req);
  const call = {
    method: req.method ?? 'GET',
    url,
    headers: req.headers as Headers,
    rawBody,
    bodyTooLarge: tooLarge,
    refusal,
  };
  let reply: MockReply;
  if (
    cors &&
    refusal === undefined &&
    req.method === 'OPTIONS' &&
    req.headers['access-control-request-method']
  ) {
    // An API that answers preflights itself (as KBase's service does) keeps its answer; the others get CORS's.
    const own = isAdmin ? undefined : await service.handle(call);
    reply = own?.headers['access-control-allow-origin'] !== undefined ? own : cors.preflight(req.headers);
  } else {
    reply = await service.handle(call);
    cors?.decorate(reply, req.headers);
  }
  // Part of a body too large to keep may still be on its way: the connection cannot carry another request.
  if (tooLarge) reply.headers.connection = 'close';
  const timeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  if (reply.network) {
    writeNetworkFault(res, reply, reply.network, req.method === 'HEAD', timeout);
    return;
  }
  write(res, reply, req.method === 'HEAD');
  closeIfUnread(res, timeout);
}

function write(res: ServerResponse, reply: MockReply, headOnly: boolean): void {
  const body = replyBodyText(reply);
  // Object.assign, not a spread: a spread then a new key costs a fresh hidden class per reply on node 20.
  const headers: Record<string, string | number> = Object.assign({}, reply.headers);
  if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
  res.writeHead(reply.status, headers);
  res.end(headOnly ? undefined : body);
}
