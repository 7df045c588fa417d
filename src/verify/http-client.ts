import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** How `jobmock verify` trusts an https provider: extra CA certificates (`--ca`), or none at all (`--insecure`). */
export interface TlsOptions {
  /** PEM certificates trusted besides the system's (a staging CA, a self-signed certificate). */
  readonly ca?: string | undefined;
  /** Accept any certificate (never in production pipelines). */
  readonly insecure?: boolean | undefined;
}

export interface HttpReply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface HttpCall {
  readonly method: string;
  readonly headers?: Readonly<Record<string, string | undefined>> | undefined;
  readonly body?: string | undefined;
  /** Give up when no complete answer came within this time. */
  readonly timeoutMs?: number | undefined;
}

/** Headers that describe one hop, not the message: never copied from a reply. */
const HOP_HEADERS = new Set(['transfer-encoding', 'connection', 'keep-alive']);

/**
 * One HTTP exchange over http or https (the URL's scheme decides), with the TLS options for https. Rejects on
 * a network error or when the answer does not come within `timeoutMs`, with a message naming the URL.
 *
 * @example await send(new URL('https://staging.example.com/v1/jobs/1'), { method: 'GET' }, { ca })
 */
export function send(url: URL, call: HttpCall, tls: TlsOptions = {}): Promise<HttpReply> {
  const headers = Object.fromEntries(
    Object.entries(call.headers ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => reject(new Error(`${call.method} ${url.href}: ${error.message}`));
    const onReply = (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', fail);
      res.on('end', () => {
        const replyHeaders: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined && !HOP_HEADERS.has(name))
            replyHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        resolve({
          status: res.statusCode ?? 502,
          headers: replyHeaders,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    };
    const options = { method: call.method, headers };
    const outgoing =
      url.protocol === 'https:'
        ? httpsRequest(url, { ...options, ca: tls.ca, rejectUnauthorized: tls.insecure !== true }, onReply)
        : httpRequest(url, options, onReply);
    if (call.timeoutMs !== undefined) {
      outgoing.setTimeout(call.timeoutMs, () =>
        outgoing.destroy(new Error(`no answer within ${call.timeoutMs} ms`)),
      );
    }
    outgoing.on('error', fail);
    outgoing.end(call.body);
  });
}
