import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OutgoingRequest } from '../api';
import type { Authorizer } from './client-credentials';
import type { HttpReply, TlsOptions } from './http-client';
import { send } from './http-client';
import { INTERACTION_HEADER } from './pact-interactions';

export type ProxyReply = HttpReply;

export interface VerificationProxyOptions {
  /** Where requests go (the provider, or Prism in front of it). */
  readonly target: string;
  /** The provider itself: credentials are made for it. */
  readonly providerUrl: string;
  readonly tls?: TlsOptions | undefined;
  /** Headers every request gets (the jobmock session). */
  readonly always?: Readonly<Record<string, string>> | undefined;
  /**
   * Headers added to each request (`--header`); on an interaction that sends deliberate credentials, a header
   * the pact's request has keeps its value.
   */
  readonly headers: Readonly<Record<string, string>>;
  /** Puts credentials on the requests of interactions that carry the consumer's valid ones. */
  readonly authorize?: Authorizer | undefined;
  /** Whether interaction `index` sends its credentials on purpose as recorded (they are left alone). */
  readonly deliberate: (index: number) => boolean;
  /** Spec violations found in a reply; a reply with any is replaced by a 500 naming them. */
  readonly check?: ((reply: ProxyReply, request: OutgoingRequest) => string[]) | undefined;
}

export interface VerificationProxy {
  readonly url: string;
  /** Every spec violation found, by interaction index. */
  readonly violations: ReadonlyMap<number, readonly string[]>;
  close(): Promise<void>;
}

/**
 * The proxy `jobmock verify` puts between Pact's verifier and the provider (http or https): it learns the
 * interaction from INTERACTION_HEADER (and drops it), puts credentials on the requests that carry valid ones
 * in the pact, passes the body through byte for byte, and, with a checker, turns a reply that breaks the spec
 * into a 500 that names the violations, so the interaction fails.
 */
export async function startVerificationProxy(options: VerificationProxyOptions): Promise<VerificationProxy> {
  const violations = new Map<number, string[]>();
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
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function forward(
  req: IncomingMessage,
  res: ServerResponse,
  options: VerificationProxyOptions,
  violations: Map<number, string[]>,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers))
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  const index = Number(headers[INTERACTION_HEADER]);
  delete headers[INTERACTION_HEADER];
  const deliberate = options.deliberate(index);
  for (const [name, value] of Object.entries(options.headers)) {
    const key = name.toLowerCase();
    if (!deliberate || headers[key] === undefined) headers[key] = value;
  }
  Object.assign(headers, lower(options.always ?? {}));
  let path = req.url ?? '/';
  if (options.authorize && !deliberate) {
    const auth = await options.authorize({
      method: req.method ?? 'GET',
      baseUrl: options.providerUrl,
      path,
      headers,
      body,
    });
    Object.assign(headers, lower(auth.headers));
    path = auth.path ?? path;
  }
  const target = new URL(options.target);
  headers.host = target.host;
  headers['content-length'] = String(Buffer.byteLength(body));
  const url = new URL(target.pathname.replace(/\/$/, '') + path, target);
  const reply = await send(url, { method: req.method ?? 'GET', headers, body }, options.tls);
  const outgoing: OutgoingRequest = {
    method: req.method ?? 'GET',
    baseUrl: options.providerUrl,
    path,
    headers,
    body,
  };
  const found = options.check?.(reply, outgoing) ?? [];
  if (found.length) {
    violations.set(index, found);
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(`The provider's reply breaks the spec:\n- ${found.join('\n- ')}`);
    return;
  }
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body);
}

function lower<V>(headers: Readonly<Record<string, V>>): Record<string, V> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
