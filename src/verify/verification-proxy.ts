import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OutgoingRequest } from '../api';

export interface ProxyReply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface VerificationProxyOptions {
  /** Where requests go (the provider, or Prism in front of it). */
  readonly target: string;
  /** The provider itself: credentials are made for it. */
  readonly providerUrl: string;
  /** Headers added to every request (`--header`). */
  readonly headers: Readonly<Record<string, string>>;
  /** Credentials to add to a request (the API's demo credentials), if any. */
  readonly authorize?:
    ((request: OutgoingRequest) => Promise<Record<string, string>> | Record<string, string>) | undefined;
  /** Spec violations found in a reply; a reply with any is replaced by a 500 naming them. */
  readonly check?: ((reply: ProxyReply, request: OutgoingRequest) => string[]) | undefined;
}

export interface VerificationProxy {
  readonly url: string;
  /** Every spec violation found, by request line. */
  readonly violations: Map<string, string[]>;
  close(): Promise<void>;
}

/**
 * The proxy `jobmock verify` puts between Pact's verifier and the provider: it adds credentials and extra
 * headers (pacts hold no live credentials), passes the body through byte for byte, and, with a checker,
 * turns a reply that breaks the spec into a 500 that names the violations, so the interaction fails.
 */
export async function startVerificationProxy(options: VerificationProxyOptions): Promise<VerificationProxy> {
  const violations = new Map<string, string[]>();
  const server = createServer((req, res) => {
    forward(req, res, options, violations).catch((error: unknown) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(
        `jobmock verify: could not reach the provider: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    violations,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function forward(
  req: IncomingMessage,
  res: ServerResponse,
  options: VerificationProxyOptions,
  violations: Map<string, string[]>,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const path = req.url ?? '/';
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers))
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  Object.assign(headers, lower(options.headers));
  const outgoing: OutgoingRequest = {
    method: req.method ?? 'GET',
    baseUrl: options.providerUrl,
    path,
    headers,
    body,
  };
  Object.assign(headers, lower((await options.authorize?.(outgoing)) ?? {}));
  const target = new URL(options.target);
  headers.host = target.host;
  headers['content-length'] = String(Buffer.byteLength(body));
  const reply = await send(
    new URL(target.pathname.replace(/\/$/, '') + path, target),
    req.method ?? 'GET',
    headers,
    body,
  );
  const found = options.check?.(reply, outgoing) ?? [];
  if (found.length) {
    violations.set(`${req.method} ${path}`, found);
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(`The provider's reply breaks the spec:\n- ${found.join('\n- ')}`);
    return;
  }
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body);
}

function send(
  url: URL,
  method: string,
  headers: Record<string, string | undefined>,
  body: string,
): Promise<ProxyReply> {
  return new Promise((resolve, reject) => {
    const clean = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<
      string,
      string
    >;
    const call = httpRequest(url, { method, headers: clean }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const replyHeaders: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined && name !== 'transfer-encoding' && name !== 'connection') {
            replyHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
          }
        }
        resolve({
          status: res.statusCode ?? 502,
          headers: replyHeaders,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
      res.on('error', reject);
    });
    call.on('error', reject);
    call.end(body);
  });
}

function lower(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
