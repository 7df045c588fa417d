import type { RedisReads } from './redis-reads';
import type { DataEntries } from './session-data';

/**
 * One API's data entries of one session inside one run of a Redis transaction: this run's changes over what
 * Redis holds (read through RedisReads). After a reset in the run (`cleared`), nothing Redis holds counts.
 */
export class RedisDataEntries implements DataEntries {
  private readonly own = new Map<string, unknown>();
  private readonly gone = new Set<string>();

  constructor(
    private readonly api: string,
    private readonly reads: RedisReads,
    private readonly cleared: boolean,
  ) {}

  get(key: string): unknown {
    if (this.own.has(key)) return this.own.get(key);
    if (this.gone.has(key)) return undefined;
    const stored = this.stored(key);
    if (stored === null) return undefined;
    const value: unknown = JSON.parse(stored);
    this.own.set(key, value);
    return value;
  }

  has(key: string): boolean {
    if (this.own.has(key)) return true;
    return !this.gone.has(key) && this.stored(key) !== null;
  }

  set(key: string, value: unknown): this {
    this.gone.delete(key);
    this.own.set(key, value);
    return this;
  }

  delete(key: string): boolean {
    const had = this.has(key);
    this.own.delete(key);
    this.gone.add(key);
    return had;
  }

  *entries(): IterableIterator<[string, unknown]> {
    if (!this.cleared) {
      for (const key of this.reads.dataTable(this.api).entries.keys()) {
        if (!this.gone.has(key)) yield [key, this.get(key)];
      }
    }
    for (const [key, value] of this.own) if (this.cleared || !this.heldHas(key)) yield [key, value];
  }

  /** What the commit writes for a key this run changed: its JSON, or '' to remove it. */
  write(key: string): string {
    return this.own.has(key) ? (JSON.stringify(this.own.get(key)) ?? 'null') : '';
  }

  private heldHas(key: string): boolean {
    return this.reads.dataTable(this.api).entries.has(key);
  }

  private stored(key: string): string | null {
    return this.cleared ? null : this.reads.dataValue(this.api, key);
  }
}
