import { createHash } from 'node:crypto';
import type { RedisClientType } from 'redis';
import { createClient } from 'redis';
import { fault } from '../core/fault';
import { withoutPassword } from './redis-url';
import type { StoreHealth } from './store';

/** How long one Redis call may take before the call that needed it gets the API's 503-style error. */
export const DEFAULT_REDIS_TIMEOUT_MS = 2_000;

export interface RedisConnectionOptions {
  /** `redis://[user:password@]host:port/db` (or `rediss://` for TLS). */
  readonly url: string;
  readonly timeoutMs?: number | undefined;
}

/**
 * One connection to Redis for the store: scripts run by their SHA (sent whole again after Redis restarts),
 * every call bounded by a timeout, and no queue while disconnected, so a call fails at once with an `Unavailable`
 * fault rather than waiting; it reconnects by itself. `health()` says whether Redis answers now.
 */
export class RedisConnection {
  readonly url: string;
  readonly timeoutMs: number;
  private client: RedisClientType;
  private readonly shas = new Map<string, string>();
  private failure: { error: string; since: string } | undefined;
  private everReady = false;
  /** Since when (ms) calls have found the client reconnecting, if they do. */
  private offlineSince: number | undefined;
  private closed = false;

  constructor(private readonly options: RedisConnectionOptions) {
    this.url = withoutPassword(options.url);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS;
    this.client = this.newClient();
  }

  private newClient(): RedisClientType {
    const client = createClient({
      url: this.options.url,
      disableOfflineQueue: true,
      // Calls pile up while Redis is frozen (each answered by its timeout); past this many, refused at once.
      commandsQueueMaxLength: 10_000,
      socket: {
        connectTimeout: this.timeoutMs,
        // Before the first connection a failure is final (jobmock serve stops with it); after it, retry for ever.
        reconnectStrategy: (retries, cause) => (this.everReady ? Math.min(50 * 2 ** retries, 1_000) : cause),
      },
    }) as RedisClientType;
    client.on('error', (error: Error) => this.failed(error));
    client.on('ready', () => {
      this.everReady = true;
      this.failure = undefined;
      this.offlineSince = undefined;
    });
    return client;
  }

  /**
   * A client that has been reconnecting for a long while (its handshake can stall on a Redis that is starting
   * up) is replaced by a new one, so service always resumes once Redis answers.
   */
  private renewIfStuck(): void {
    if (this.closed || !this.everReady || this.client.isReady) return;
    const now = Date.now();
    this.offlineSince ??= now;
    if (now - this.offlineSince < 3 * this.timeoutMs) return;
    const stuck = this.client;
    this.offlineSince = now;
    this.client = this.newClient();
    stuck.destroy();
    this.client.connect().catch((error: unknown) => this.failed(error));
  }

  /** Connects; rejects with a message naming the server when it cannot be reached. */
  async connect(): Promise<void> {
    try {
      await this.client.connect();
    } catch (error) {
      throw new Error(`cannot reach Redis at ${this.url}: ${describe(error)}`);
    }
  }

  health(): StoreHealth {
    return this.failure
      ? { kind: 'redis', ok: false, url: this.url, error: this.failure.error, since: this.failure.since }
      : { kind: 'redis', ok: true, url: this.url };
  }

  /**
   * Runs a script with these arguments. Any failure (down, too slow, an error reply) becomes an `Unavailable`
   * fault; `doing` says what was under way, for its message.
   */
  async run<T>(script: string, args: readonly string[], doing: string): Promise<T> {
    try {
      const sha = this.shaOf(script);
      let reply: unknown;
      try {
        reply = await this.send(['EVALSHA', sha, '0', ...args]);
      } catch (error) {
        if (!String((error as Error)?.message).startsWith('NOSCRIPT')) throw error;
        reply = await this.send(['EVAL', script, '0', ...args]);
      }
      this.failure = undefined;
      return reply as T;
    } catch (error) {
      this.failed(error);
      this.renewIfStuck();
      throw fault(
        'Unavailable',
        `The mock's store (Redis at ${this.url}) did not answer while ${doing}: ${describe(error)}`,
        { headers: { 'retry-after': '1' } },
      );
    }
  }

  /** Closes the connection (pending calls fail). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.client.isOpen) await this.client.close();
  }

  /**
   * Sends one command and waits at most `timeoutMs` for its reply (the client's own timeout ends once the
   * command is written). A reply that comes later is dropped: a script applies whole or not at all either way.
   */
  private send(args: string[]): Promise<unknown> {
    const sent = this.client.sendCommand(args);
    sent.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    return Promise.race([sent, late]).finally(() => clearTimeout(timer));
  }

  private shaOf(script: string): string {
    let sha = this.shas.get(script);
    if (!sha) this.shas.set(script, (sha = createHash('sha1').update(script).digest('hex')));
    return sha;
  }

  private failed(error: unknown): void {
    this.failure ??= { error: describe(error), since: new Date().toISOString() };
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const text = error.message || error.name;
    return typeof code === 'string' && !text.includes(code) ? `${code} ${text}` : text;
  }
  return String(error);
}
