/** What the work of a transaction needs that it has not loaded yet: one record, a whole table, or a number. */
export type LoadRequest =
  | { readonly kind: 'j'; readonly api: string; readonly key: string }
  | { readonly kind: 't'; readonly api: string }
  | { readonly kind: 'd'; readonly api: string; readonly key: string }
  | { readonly kind: 'D'; readonly api: string }
  | { readonly kind: 'c'; readonly key: string; readonly init: number };

/**
 * Thrown by a transaction's work when it needs a counter's next number, which cannot be guessed: the store takes
 * it and runs the work again (work is synchronous and has no effect outside the transaction). Never seen
 * outside the store.
 */
export class NeedsData {
  constructor(readonly request: LoadRequest) {}
}

/** The value a job record of a seed job the session deleted has in Redis. */
export const TOMBSTONE = '-';

/** A record as read, with its version (`0`: never written). `value` is null when there is none. */
export interface Versioned {
  readonly value: string | null;
  readonly version: string;
}

/** The session's hash as read: its fields (JSON) and counts, none when the session does not exist. */
export interface LoadedSession {
  readonly exists: boolean;
  readonly fields: string | undefined;
  readonly version: string;
  /** Jobs beyond the seed's, all APIs and per API. */
  readonly jobs: number;
  readonly counts: ReadonlyMap<string, number>;
  readonly bytes: number;
}

/** One API's own jobs of the session, all of them: id → JSON (or TOMBSTONE), and their creation order. */
export interface LoadedTable {
  readonly version: string;
  readonly own: ReadonlyMap<string, string>;
  readonly order: readonly string[];
}

export interface LoadedDataTable {
  readonly version: string;
  readonly entries: ReadonlyMap<string, string>;
}

/** The version fields of the records, as the scripts name them. */
export const versionField = {
  session: 's',
  job: (api: string, id: string) => `j\0${api}\0${id}`,
  table: (api: string) => `t\0${api}`,
  data: (api: string, key: string) => `d\0${api}\0${key}`,
  dataTable: (api: string) => `D\0${api}`,
};

/**
 * Everything one transaction has read from Redis so far, each record with the version it had: the work runs
 * against it, and the commit checks that every version still holds. A read of a record not loaded yet answers
 * as if there were none and is noted in `misses`: the run goes on (so that one run finds every record it needs,
 * such as all the jobs a call names), and the store loads them and runs the work again.
 */
export class RedisReads {
  /** Redis time (ms) at the last load: the wall clock of the session's virtual clock. */
  time = 0;
  session: LoadedSession | undefined;
  readonly jobs = new Map<string, Versioned>();
  readonly tables = new Map<string, LoadedTable>();
  readonly data = new Map<string, Versioned>();
  readonly dataTables = new Map<string, LoadedDataTable>();
  /** Numbers handed out to this transaction, by counter (a rerun uses the same ones). */
  readonly numbers = new Map<string, number[]>();
  /** What this run read without its being loaded, by kind and key. */
  private readonly missed = new Map<string, LoadRequest>();

  /** The job's JSON, TOMBSTONE, or null when the session has no record of it. */
  job(api: string, id: string): string | null {
    const table = this.tables.get(api);
    if (table) return table.own.get(id) ?? null;
    const read = this.jobs.get(jobKey(api, id));
    if (!read) return this.miss({ kind: 'j', api, key: id }, null);
    return read.value;
  }

  table(api: string): LoadedTable {
    return this.tables.get(api) ?? this.miss({ kind: 't', api }, NO_TABLE);
  }

  dataValue(api: string, key: string): string | null {
    const table = this.dataTables.get(api);
    if (table) return table.entries.get(key) ?? null;
    const read = this.data.get(jobKey(api, key));
    if (!read) return this.miss({ kind: 'd', api, key }, null);
    return read.value;
  }

  dataTable(api: string): LoadedDataTable {
    return this.dataTables.get(api) ?? this.miss({ kind: 'D', api }, NO_DATA);
  }

  /** What the last run read that was not loaded (and forgets it, for the next run). */
  takeMisses(): LoadRequest[] {
    const misses = [...this.missed.values()];
    this.missed.clear();
    return misses;
  }

  /** The `index`-th number this transaction takes from a counter. */
  number(counter: string, index: number, init: number): number {
    const taken = this.numbers.get(counter);
    if (taken && index < taken.length) return taken[index]!;
    throw new NeedsData({ kind: 'c', key: counter, init });
  }

  /** Every record read but the session's, as (version field, version) pairs. */
  *versions(): IterableIterator<[string, string]> {
    for (const [key, read] of this.jobs) yield [versionField.job(...splitKey(key)), read.version];
    for (const [api, table] of this.tables) yield [versionField.table(api), table.version];
    for (const [key, read] of this.data) yield [versionField.data(...splitKey(key)), read.version];
    for (const [api, table] of this.dataTables) yield [versionField.dataTable(api), table.version];
  }

  /** Forgets records that changed since they were read (they are read again when needed). */
  forget(fields: readonly string[]): void {
    for (const field of fields) {
      const [kind, api, key] = field.split('\0') as [string, string, string | undefined];
      if (kind === 's') this.session = undefined;
      else if (kind === 'j') this.jobs.delete(jobKey(api, key!));
      else if (kind === 't') this.tables.delete(api);
      else if (kind === 'd') this.data.delete(jobKey(api, key!));
      else this.dataTables.delete(api);
    }
  }

  private miss<T>(request: LoadRequest, answer: T): T {
    const key = `${request.kind}\0${'api' in request ? request.api : ''}\0${'key' in request ? request.key : ''}`;
    this.missed.set(key, request);
    return answer;
  }

  /** Stores what a load brought. */
  add(request: LoadRequest, result: unknown): void {
    switch (request.kind) {
      case 'j': {
        const [value, version] = result as [string | null, string];
        this.jobs.set(jobKey(request.api, request.key), { value, version });
        return;
      }
      case 't': {
        const [version, flat, order] = result as [string, string[], string[]];
        this.tables.set(request.api, { version, own: pairs(flat), order });
        return;
      }
      case 'd': {
        const [value, version] = result as [string | null, string];
        this.data.set(jobKey(request.api, request.key), { value, version });
        return;
      }
      case 'D': {
        const [version, flat] = result as [string, string[]];
        this.dataTables.set(request.api, { version, entries: pairs(flat) });
        return;
      }
      case 'c': {
        const taken = this.numbers.get(request.key) ?? [];
        taken.push(Number(result));
        this.numbers.set(request.key, taken);
      }
    }
  }
}

const NO_TABLE: LoadedTable = { version: '0', own: new Map(), order: [] };
const NO_DATA: LoadedDataTable = { version: '0', entries: new Map() };

/** The session hash as the load script returns it (flat field, value list). */
export function loadedSession(flat: readonly string[], version: string): LoadedSession {
  const hash = pairs(flat);
  const counts = new Map<string, number>();
  for (const [field, value] of hash) if (field.startsWith('n:')) counts.set(field.slice(2), Number(value));
  return {
    exists: flat.length > 0,
    fields: hash.get('fields'),
    version,
    jobs: Number(hash.get('jobs') ?? 0),
    counts,
    bytes: Number(hash.get('bytes') ?? 0),
  };
}

function jobKey(api: string, id: string): string {
  return `${api}\0${id}`;
}

function splitKey(key: string): [string, string] {
  const at = key.indexOf('\0');
  return [key.slice(0, at), key.slice(at + 1)];
}

function pairs(flat: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < flat.length; i += 2) map.set(flat[i]!, flat[i + 1]!);
  return map;
}
