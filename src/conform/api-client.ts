import type { ClientRequest, OutgoingRequest } from '../api';
import type { Protocol, ReplyReview, SentRequest } from '../engine/protocol';
import type { Authorizer } from '../verify/client-credentials';
import type { HttpReply, TlsOptions } from '../verify/http-client';
import { send } from '../verify/http-client';
import type { RequestGate } from './request-gate';

/** Which credentials a request carries: valid ones, none, or ones of the right shape that nobody issued. */
export type CredentialUse = 'valid' | 'none' | 'unknown';

/** One request to an API and its reply, as the spec sees it. */
export interface Exchange {
  readonly sent: SentRequest;
  readonly reply: HttpReply;
  readonly review: ReplyReview;
  /** The reply's body parsed as JSON (undefined when empty or not JSON). */
  readonly body: unknown;
  /** `POST /v1/canceljob {"jobId":"…"}`: the request without its headers (so without credentials). */
  readonly requestLine: string;
  /** `400 application/json {"message":"…"}`, cut short. */
  readonly replyExcerpt: string;
  /** Replies that asked to be retried (429, 503) before this one, reviewed too. */
  readonly retried: readonly Exchange[];
}

export interface ApiClientOptions {
  /** Where the API is mounted. */
  readonly baseUrl: string;
  readonly protocol: Protocol;
  readonly tls?: TlsOptions | undefined;
  /** Headers every request gets (`-H`, the jobmock session). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Puts valid credentials on a request. */
  readonly valid?: Authorizer | undefined;
  /** Puts credentials nobody issued on a request. */
  readonly unknown?: Authorizer | undefined;
  /** Paces the requests (a provider's); none for jobmock's own model. */
  readonly gate?: RequestGate | undefined;
  /** How long one request may take at most. */
  readonly requestTimeoutMs?: number | undefined;
}

const EXCERPT = 300;
/** Statuses that ask the client to come back later; retried while the run allows. */
const RETRY_STATUSES = new Set([429, 503]);

/**
 * A client of one API at one base URL, over http or https: sends a client request with the credentials asked
 * for and reviews each reply against the spec (the protocol's `reviewReply`). Replies of 429 or 503 are retried
 * after their `Retry-After` (or a second), while the gate allows.
 */
export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  async send(
    request: ClientRequest,
    credentials: CredentialUse = 'valid',
    extraHeaders: Readonly<Record<string, string>> = {},
  ): Promise<Exchange> {
    const retried: Exchange[] = [];
    for (;;) {
      const exchange = await this.sendOnce(request, credentials, extraHeaders, retried);
      if (!RETRY_STATUSES.has(exchange.reply.status) || !this.options.gate) return exchange;
      retried.push(exchange);
      if (exchange.reply.headers['retry-after'] === undefined) await this.options.gate.pause(1_000);
    }
  }

  private async sendOnce(
    request: ClientRequest,
    credentials: CredentialUse,
    extraHeaders: Readonly<Record<string, string>>,
    retried: readonly Exchange[],
  ): Promise<Exchange> {
    const body = request.body === undefined ? '' : JSON.stringify(request.body);
    const headers: Record<string, string | undefined> = body ? { 'content-type': 'application/json' } : {};
    for (const [name, value] of Object.entries({
      ...request.headers,
      ...this.options.headers,
      ...extraHeaders,
    }))
      headers[name.toLowerCase()] = value;
    let path = request.path;
    const authorize =
      credentials === 'valid'
        ? this.options.valid
        : credentials === 'unknown'
          ? this.options.unknown
          : undefined;
    if (authorize) {
      const outgoing: OutgoingRequest = {
        method: request.method,
        baseUrl: this.options.baseUrl,
        path,
        headers,
        body,
      };
      const auth = await authorize(outgoing);
      for (const [name, value] of Object.entries(auth.headers)) headers[name.toLowerCase()] = value;
      path = auth.path ?? path;
    }
    const url = new URL(this.options.baseUrl.replace(/\/$/, '') + path);
    const call = () =>
      send(url, { method: request.method, headers, body, timeoutMs: this.timeoutMs() }, this.options.tls);
    const reply = this.options.gate
      ? await this.options.gate.run(call, (r) => r.headers['retry-after'])
      : await call();
    const sent: SentRequest = { method: request.method, target: path, headers, body };
    return {
      sent,
      reply,
      review: this.options.protocol.reviewReply(sent, reply),
      body: parseJson(reply.body),
      requestLine: `${request.method} ${request.path}${body ? ` ${cut(body)}` : ''}`,
      replyExcerpt: excerpt(reply),
      retried,
    };
  }

  private timeoutMs(): number {
    const most = this.options.requestTimeoutMs ?? 30_000;
    return this.options.gate ? Math.max(1, Math.min(most, this.options.gate.remainingMs())) : most;
  }
}

/** `400 application/json {"message":"…"}`, the body cut short. */
function excerpt(reply: HttpReply): string {
  const type = reply.headers['content-type'];
  return [String(reply.status), type, reply.body ? cut(reply.body) : undefined].filter(Boolean).join(' ');
}

function cut(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > EXCERPT ? `${line.slice(0, EXCERPT)}…` : line;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
