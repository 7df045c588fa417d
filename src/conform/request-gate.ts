/** Why a run stopped sending: its request budget (`--max-requests`) or its time (`--timeout`) ran out. */
export class RunLimit extends Error {
  override readonly name = 'RunLimit';
  constructor(readonly limit: 'requests' | 'time') {
    super(limit === 'requests' ? 'the --max-requests budget is spent' : 'the --timeout has passed');
  }
}

export interface GateOptions {
  /** The most requests the run may send. */
  readonly maxRequests: number;
  /** How long the run may take, in ms, from now. */
  readonly timeoutMs: number;
  /** How many requests may be in flight at once. */
  readonly concurrency: number;
}

/**
 * Paces the requests of one run to a provider: at most `concurrency` in flight, at most `maxRequests` in all,
 * none after the deadline, and none before a time a reply's `Retry-After` asked for (RFC 9110 §10.2.3).
 */
export class RequestGate {
  private sent = 0;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly deadline: number;
  private notBefore = 0;

  constructor(private readonly options: GateOptions) {
    this.deadline = Date.now() + options.timeoutMs;
  }

  /** How many requests went out. */
  get requests(): number {
    return this.sent;
  }

  /** Milliseconds left before the deadline. */
  remainingMs(): number {
    return Math.max(0, this.deadline - Date.now());
  }

  /**
   * Runs one request when a slot is free and no `Retry-After` holds it back. Throws RunLimit when the budget is
   * spent or the deadline would pass first. `retryAfterOf` reads the reply's wait, if it asks for one.
   */
  async run<T>(send: () => Promise<T>, retryAfterOf: (reply: T) => string | undefined): Promise<T> {
    if (this.sent >= this.options.maxRequests) throw new RunLimit('requests');
    await this.slot();
    try {
      const wait = this.notBefore - Date.now();
      if (Date.now() + Math.max(0, wait) >= this.deadline) throw new RunLimit('time');
      if (wait > 0) await sleep(wait);
      if (this.sent >= this.options.maxRequests) throw new RunLimit('requests');
      this.sent++;
      const reply = await send();
      const delay = retryAfterMs(retryAfterOf(reply));
      if (delay !== undefined) this.notBefore = Math.max(this.notBefore, Date.now() + delay);
      return reply;
    } finally {
      this.release();
    }
  }

  /** Waits `ms` (a poll interval), or until the deadline if that comes first. */
  pause(ms: number): Promise<void> {
    return sleep(Math.min(ms, this.remainingMs()));
  }

  private async slot(): Promise<void> {
    if (this.inFlight < this.options.concurrency) {
      this.inFlight++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inFlight--;
  }
}

/** A `Retry-After` value in ms: delay-seconds or an HTTP-date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
