import type { RedisReads } from './redis-reads';
import { TOMBSTONE } from './redis-reads';
import type { DataEntries } from './session-data';

/**
 * One API's data entries of one session inside one run of a Redis transaction: this run's changes over what
 * Redis holds (read through RedisReads) over the seed's (which every replica holds in memory; a seed entry
 * the session deleted is a TOMBSTONE in Redis). After a reset in the run (`cleared`), nothing Redis holds
 * counts.
 */
export class RedisDataEntries implements DataEntries {
  private readonly own = new Map<string, unknown>();
  private readonly gone = new Set<string>();

  constructor(
    private readonly api: string,
    private readonly seeded: ReadonlyMap<string, unknown> | undefined,
    private readonly reads: RedisReads,
    private readonly cleared: boolean,
  ) {}

  get(key: string): unknown {
    if (this.own.has(key)) return this.own.get(key);
    if (this.gone.has(key)) return undefined;
    const stored = this.stored(key);
    if (stored === TOMBSTONE) return undefined;
    // Copied, as a session copies the seed's data: a change in place must not reach the seed.
    const value: unknown = stored === null ? structuredClone(this.seeded?.get(key)) : JSON.parse(stored);
    if (value === undefined) return undefined;
    this.own.set(key, value);
    return value;
  }

  has(key: string): boolean {
    if (this.own.has(key)) return true;
    if (this.gone.has(key)) return false;
    const stored = this.stored(key);
    return stored === null ? (this.seeded?.has(key) ?? false) : stored !== TOMBSTONE;
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
    const listed = new Set<string>();
    for (const key of this.seeded?.keys() ?? []) {
      listed.add(key);
      if (this.has(key)) yield [key, this.get(key)];
    }
    if (!this.cleared) {
      for (const key of this.reads.dataTable(this.api).entries.keys()) {
        if (listed.has(key)) continue;
        listed.add(key);
        if (this.has(key)) yield [key, this.get(key)];
      }
    }
    for (const [key, value] of this.own) if (!listed.has(key)) yield [key, value];
  }

  /** What the commit writes for a key this run changed: its JSON, TOMBSTONE over a seed entry, or '' to remove it. */
  write(key: string): string {
    if (this.own.has(key)) return JSON.stringify(this.own.get(key)) ?? 'null';
    return this.seeded?.has(key) ? TOMBSTONE : '';
  }

  private stored(key: string): string | null {
    return this.cleared ? null : this.reads.dataValue(this.api, key);
  }
}
