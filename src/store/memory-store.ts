import type { ClockMode } from '../core/clock';
import { createClock, restoreClock } from '../core/clock';
import { fault } from '../core/fault';
import type { FaultState } from '../core/fault-state';
import { NO_FAULTS } from '../core/fault-state';
import type { StoredJob } from '../core/job';
import type { CallRecord } from '../journal/call-record';
import type { JournalEntry } from '../journal/journal-entry';
import { journalEntry } from '../journal/journal-entry';
import type { RequestFilter } from '../journal/request-filter';
import type { JobRecord, StateRecord } from '../persistence/state-record';
import type { Limits } from './budget';
import { ByteBudget, DEFAULT_LIMITS, jobBytes, sizeOf } from './budget';
import { buildSeed } from './build-seed';
import type { Seed } from './memory-session';
import { EMPTY_SEED, MemorySession } from './memory-session';
import { MemoryTransaction } from './memory-transaction';
import type { SessionCreation, SessionSummary, Store, StoreHealth, StoreStats, Transaction } from './store';

export interface MemoryStoreOptions {
  readonly clock?: ClockMode | undefined;
  /** How fast virtual time runs in the `real` clock. */
  readonly speed?: number | undefined;
  readonly limits?: Partial<Limits> | undefined;
}

/** The session that is used when a call names none; it never expires. */
export const DEFAULT_SESSION = 'default';

const MEMORY_HEALTH: StoreHealth = { kind: 'memory', ok: true };

/**
 * The in-memory store (the default): every session in this process, a shared seed, byte budgets per session
 * and in total, and idle sessions dropped after a while. Transactions run synchronously, so each is atomic.
 *
 * @example const store = new MemoryStore({ clock: 'manual' }); store.transact('default', (tx) => tx.now(), 'create');
 */
export class MemoryStore implements Store {
  onCommit: ((records: readonly StateRecord[]) => void) | undefined;
  readonly limits: Limits;
  readonly budget: ByteBudget;
  private readonly bySession = new Map<string, MemorySession>();
  private seed: Seed = EMPTY_SEED;
  private seedBytes = 0;
  private readonly clockMode: ClockMode;
  private readonly speed: number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(options: MemoryStoreOptions = {}) {
    this.clockMode = options.clock ?? 'real';
    this.speed = options.speed ?? 1;
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.budget = new ByteBudget(this.limits);
    this.sweeper = setInterval(() => this.dropIdle(), Math.min(this.limits.sessionIdleMs, 60_000));
    this.sweeper.unref?.();
  }

  transact<T>(name: string, work: (tx: Transaction) => T, creation: SessionCreation): T {
    let session = this.bySession.get(name);
    const isNew = session === undefined;
    if (!session) {
      if (this.bySession.size >= this.limits.maxSessions) this.dropIdle();
      if (this.bySession.size >= this.limits.maxSessions) {
        throw fault(
          'LimitExceeded',
          `Too many sessions (at most ${this.limits.maxSessions}); reset or reuse one, or wait for idle ones to expire`,
        );
      }
      session = this.freshSession(name);
    }
    session.lastUsed = Date.now();
    const tx = new MemoryTransaction(session, this);
    let result: T;
    try {
      result = work(tx);
    } catch (error) {
      tx.work.rollback();
      if (isNew) this.budget.release(session);
      throw error;
    }
    if (isNew) {
      if (creation === 'provisional' && !tx.kept) {
        this.budget.release(session);
        return result;
      }
      this.bySession.set(name, session);
    }
    if (this.onCommit && (isNew || tx.work.changed)) this.onCommit(this.changeRecords(tx, isNew));
    return result;
  }

  /**
   * Builds the seed: `build` runs on a template session (manual clock, no limits), whose jobs and counters every
   * session then starts from. Existing sessions keep the seed they started with until they are reset.
   */
  setSeed(build: (tx: Transaction) => void): void {
    const built = buildSeed(build, this.limits);
    this.budget.force({ bytes: 0 }, built.bytes - this.seedBytes);
    this.seedBytes = built.bytes;
    this.seed = built.seed;
  }

  /** A session as new: a fresh clock, the current seed, nothing else (not registered). */
  freshSession(name: string): MemorySession {
    return new MemorySession(name, createClock(this.clockMode, this.speed), this.seed, {
      capacity: this.limits.journalEntries,
      budget: this.budget,
    });
  }

  sessionNames(): string[] {
    return [...this.bySession.keys()];
  }

  sessions(): SessionSummary[] {
    return [...this.bySession.values()].map((s) => ({ name: s.name, jobs: s.jobCount(), bytes: s.bytes }));
  }

  dropSession(name: string): void {
    this.drop(name);
  }

  dropAll(): void {
    for (const name of [...this.bySession.keys()]) this.drop(name);
  }

  stats(): StoreStats {
    return { sessions: this.bySession.size, bytes: this.budget.total, maxBytes: this.limits.maxTotalBytes };
  }

  health(): StoreHealth {
    return MEMORY_HEALTH;
  }

  *records(): Iterable<StateRecord> {
    for (const session of this.bySession.values()) yield* sessionRecords(session);
  }

  restore(record: StateRecord): void {
    if (record.t === 'session-gone') {
      this.drop(record.session, false);
      return;
    }
    let session = this.bySession.get(record.session);
    if (!session) {
      session = this.freshSession(record.session);
      this.bySession.set(record.session, session);
    }
    switch (record.t) {
      case 'session':
        session.clock = restoreClock(record.clock);
        session.faultState = faultStateOf(record);
        session.counters = new Map(Object.entries(record.counters));
        return;
      case 'job': {
        const job = storedJob(record.job);
        session.jobs(record.api).set(job);
        this.budget.force(session, jobBytes(job));
        return;
      }
      case 'job-gone':
        session.jobs(record.api).delete(record.id);
        return;
      case 'data':
        session.data(record.api).set(record.key, record.value);
        this.budget.force(session, record.key.length + sizeOf(record.value));
        return;
      case 'data-gone':
        session.data(record.api).delete(record.key);
        return;
    }
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  appendRequest(name: string, record: CallRecord): void {
    const session =
      this.bySession.get(name) ?? (name === DEFAULT_SESSION ? this.madeSession(name) : undefined);
    if (!session) return;
    record.virtualAt ??= session.clock.now();
    session.journal.append(record);
  }

  /** Entries are made (and redacted) as they are read: a call that nobody reads costs no redaction. */
  requests(name: string, filter: RequestFilter): JournalEntry[] {
    return this.bySession.get(name)?.journal.read(filter).map(journalEntry) ?? [];
  }

  clearRequests(name: string): void {
    this.bySession.get(name)?.journal.clear();
  }

  /** A session made as an admin call would make it, or undefined when no more may be made. */
  private madeSession(name: string): MemorySession | undefined {
    try {
      this.transact(name, () => undefined, 'create');
    } catch {
      return undefined;
    }
    return this.bySession.get(name);
  }

  private drop(name: string, record = true): void {
    const session = this.bySession.get(name);
    if (!session) return;
    this.bySession.delete(name);
    this.budget.release(session);
    if (record) this.onCommit?.([{ t: 'session-gone', session: name }]);
  }

  /** Drops the named sessions that no call used for `sessionIdleMs`. */
  private dropIdle(): void {
    const oldest = Date.now() - this.limits.sessionIdleMs;
    for (const [name, session] of this.bySession) {
      if (name !== DEFAULT_SESSION && session.lastUsed < oldest) this.drop(name);
    }
  }

  /** The records of what a committed transaction changed. */
  private changeRecords(tx: MemoryTransaction, isNew: boolean): StateRecord[] {
    const { work, state: session } = tx;
    const name = session.name;
    const records: StateRecord[] = [];
    if (work.reset) records.push({ t: 'session-gone', session: name });
    if (isNew || work.reset || work.session) records.push(sessionRecord(session));
    for (const [api, ids] of work.jobs) {
      const jobs = session.jobs(api);
      for (const id of ids) {
        const job = jobs.has(id) && !jobs.isSeed(id) ? jobs.get(id) : undefined;
        records.push(
          job
            ? { t: 'job', session: name, api, job: jobRecord(job) }
            : { t: 'job-gone', session: name, api, id },
        );
      }
    }
    for (const [api, keys] of work.data) {
      const data = session.data(api);
      for (const key of keys) {
        records.push(
          data.has(key)
            ? { t: 'data', session: name, api, key, value: data.get(key) }
            : { t: 'data-gone', session: name, api, key },
        );
      }
    }
    return records;
  }
}

function sessionRecord(session: MemorySession): StateRecord {
  const { faults, chaos, random, throttled } = session.faultState;
  return {
    t: 'session',
    session: session.name,
    clock: session.clock.snapshot(),
    // The fault state is never changed in place, so the record may share it.
    faults,
    ...(chaos === undefined ? {} : { chaos }),
    ...(random === undefined ? {} : { random }),
    ...(throttled === undefined ? {} : { throttled }),
    counters: Object.fromEntries(session.counters),
  };
}

/** A session record's fault state (records written before chaos and throttling have only `faults`). */
function faultStateOf(record: Extract<StateRecord, { t: 'session' }>): FaultState {
  const { faults, chaos, random, throttled } = record;
  if (!faults.length && chaos === undefined && random === undefined && throttled === undefined)
    return NO_FAULTS;
  return {
    faults,
    ...(chaos === undefined ? {} : { chaos }),
    ...(random === undefined ? {} : { random }),
    ...(throttled === undefined ? {} : { throttled }),
  };
}

function* sessionRecords(session: MemorySession): Iterable<StateRecord> {
  const name = session.name;
  yield sessionRecord(session);
  for (const [api, jobs] of session.jobsByApi) {
    const { own, removed } = jobs.changes();
    for (const job of own) yield { t: 'job', session: name, api, job: jobRecord(job) };
    for (const id of removed) yield { t: 'job-gone', session: name, api, id };
  }
  for (const [api, data] of session.dataByApi) {
    for (const [key, value] of data) yield { t: 'data', session: name, api, key, value };
    // A session starts with the seed's data: what it removed of it is a removal to keep.
    for (const key of session.seed.data.get(api)?.keys() ?? [])
      if (!data.has(key)) yield { t: 'data-gone', session: name, api, key };
  }
}

/** A job as persistence keeps it. */
export function jobRecord(job: StoredJob): JobRecord {
  return {
    id: job.id,
    state: job.state,
    held: job.held,
    ...(job.owner === undefined ? {} : { owner: job.owner }),
    history: job.history,
    data: job.data,
  };
}

/** A job read back from persistence. */
export function storedJob(record: JobRecord): StoredJob {
  return {
    id: record.id,
    state: record.state,
    held: record.held,
    owner: record.owner,
    history: [...record.history],
    data: record.data as Record<string, unknown>,
  };
}
