import { createHash } from 'node:crypto';
import type { ClockMode } from '../core/clock';
import { fault } from '../core/fault';
import type { CallRecord } from '../journal/call-record';
import type { JournalEntry } from '../journal/journal-entry';
import { journalEntry } from '../journal/journal-entry';
import type { RequestFilter } from '../journal/request-filter';
import { matchesFilter } from '../journal/request-filter';
import type { StateRecord } from '../persistence/state-record';
import type { Limits } from './budget';
import { DEFAULT_LIMITS } from './budget';
import { buildSeed } from './build-seed';
import type { Seed } from './memory-session';
import { EMPTY_SEED } from './memory-session';
import { DEFAULT_SESSION } from './memory-store';
import { commitArgs } from './redis-commit';
import type { RedisConnectionOptions } from './redis-connection';
import { RedisConnection } from './redis-connection';
import type { LoadedSession, LoadRequest } from './redis-reads';
import { loadedSession, NeedsData, RedisReads } from './redis-reads';
import {
  COMMIT_SCRIPT,
  DROP_SCRIPT,
  JOURNAL_APPEND_SCRIPT,
  JOURNAL_CLEAR_SCRIPT,
  JOURNAL_READ_SCRIPT,
  LIST_SCRIPT,
  LOAD_SCRIPT,
  SEED_SCRIPT,
  STATS_SCRIPT,
} from './redis-scripts';
import type { RedisTransactionHost } from './redis-transaction';
import { RedisTransaction } from './redis-transaction';
import type { SessionCreation, SessionSummary, Store, StoreHealth, StoreStats, Transaction } from './store';

export interface RedisStoreOptions extends RedisConnectionOptions {
  /** Put in front of every key, so that several jobmock deployments (or test runs) can share one database. */
  readonly prefix?: string | undefined;
  readonly clock?: ClockMode | undefined;
  readonly speed?: number | undefined;
  readonly limits?: Partial<Limits> | undefined;
}

/**
 * The most times one transaction may go back to Redis for records it has not read (between two conflicts):
 * work that makes up a new key to read on every run (a random one) would otherwise never finish.
 */
const MAX_LOAD_ROUNDS = 100;

/** How many times a transaction runs again after conflicting changes before it gives up (a 503-style error). */
const MAX_CONFLICTS = 100;

/** How many sessions' last reads a replica keeps as guesses. */
const MAX_GUESSES = 1_000;

/**
 * The most one session's request journal holds in Redis (entries are redacted JSON, bodies cut at 4 KiB):
 * it is outside `--max-bytes`, which counts jobs and data.
 */
const REDIS_JOURNAL_BYTES = 8 * 2 ** 20;

/** How many journal entries one read from Redis takes. */
const JOURNAL_PAGE = 200;

/** The prefix of every key unless told otherwise. */
export const DEFAULT_REDIS_PREFIX = 'jobmock:';

/**
 * Sessions in Redis, shared by every replica that names the same server, database and prefix: one set of
 * sessions, jobs, clocks, faults and API data, whichever replica a call reaches.
 *
 * A transaction runs its work against what it has read (RedisReads); what the run needed and had not loaded
 * is loaded then (LOAD_SCRIPT, which also checks that what was read before is unchanged) and the work runs
 * again. A run that changed something is committed by COMMIT_SCRIPT, which applies it only if every
 * record the run read still has the version it read: otherwise the changed records are read again and the
 * work runs again. Every step is one atomic script, so a change is applied whole or not at all, and moves
 * along a job's timeline are no writes (they follow from its history and the session's clock), so every
 * replica sees the same job. Redis's own time is the wall clock of `real` clocks. The seed is built in each
 * replica's memory (the same flags give the same seed; `ready()` checks its fingerprint against the others').
 * See docs/decisions/017-redis-store.md.
 *
 * @example const store = new RedisStore({ url: 'redis://127.0.0.1:6379/0' }); await store.ready();
 */
export class RedisStore implements Store {
  /** Not called: Redis is where the changes are kept (`--state-file` is for the in-memory store). */
  onCommit: ((records: readonly StateRecord[]) => void) | undefined;
  readonly limits: Limits;
  readonly prefix: string;
  private readonly connection: RedisConnection;
  private readonly host: RedisTransactionHost & { seed: Seed; seedJobs: number };
  private seedBytes = 0;
  private seedFingerprint = fingerprintOf(EMPTY_SEED);
  private lastStats: StoreStats;
  /** Each session as this replica last read it: a guess to find what a transaction will need (guessNeeds). */
  private readonly lastRead = new Map<string, { session: LoadedSession; time: number }>();
  private readonly connected: Promise<void>;
  /** Whether the default session is known to be there, for its journal (see appendRequest). */
  private defaultSessionMade = false;
  private defaultAppends: Promise<void> = Promise.resolve();
  /** How many of the default session's calls wait in defaultAppends. */
  private defaultQueue = 0;
  /** The journal appends under way. */
  private readonly appending = new Set<Promise<void>>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(options: RedisStoreOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.prefix = options.prefix ?? DEFAULT_REDIS_PREFIX;
    this.connection = new RedisConnection(options);
    this.host = {
      seed: EMPTY_SEED,
      seedJobs: 0,
      limits: this.limits,
      clockMode: options.clock ?? 'real',
      speed: options.speed ?? 1,
    };
    this.lastStats = { sessions: 0, bytes: 0, maxBytes: this.limits.maxTotalBytes };
    this.connected = this.connection.connect();
    // A failed connection is reported by ready() and by every call; it must not go unhandled meanwhile.
    this.connected.catch(() => undefined);
    this.sweeper = setInterval(() => void this.dropIdle().catch(() => undefined), sweepEvery(this.limits));
    this.sweeper.unref?.();
  }

  /**
   * Resolves once Redis answers and holds the same seed as this replica (the first replica records its
   * fingerprint); rejects with the reason otherwise.
   */
  async ready(): Promise<void> {
    await this.connected;
    const held = await this.script<string>(SEED_SCRIPT, '', [this.seedFingerprint], 'checking the seed');
    if (held !== this.seedFingerprint) {
      throw new Error(
        `Redis at ${this.connection.url} (prefix "${this.prefix}") holds sessions of another seed: every replica sharing it needs the same --seed/--demo flags (use another database or prefix, or empty it)`,
      );
    }
  }

  async transact<T>(name: string, work: (tx: Transaction) => T, creation: SessionCreation): Promise<T> {
    const reads = new RedisReads();
    let requests = this.guessNeeds(name, work, reads);
    for (let conflicts = 0, rounds = 0; ;) {
      if (!reads.session || requests.length) {
        if (++rounds > MAX_LOAD_ROUNDS)
          throw new Error(`a run on session ${name} went back to Redis more than ${MAX_LOAD_ROUNDS} times`);
        await this.load(name, reads, requests);
      }
      const tx = new RedisTransaction(name, reads, this.host);
      let result: T;
      try {
        result = work(tx);
      } catch (error) {
        requests = reads.takeMisses();
        if (error instanceof NeedsData) requests.push(error.request);
        if (requests.length) continue;
        throw error;
      }
      requests = reads.takeMisses();
      if (requests.length) continue;
      const create = !reads.session!.exists;
      if (create && creation === 'provisional' && !tx.kept) return result;
      const args = commitArgs(tx, reads, this.commitLimits(), create);
      if (!args) return result;
      const outcome = await this.script<[string, string[] | string | number]>(
        COMMIT_SCRIPT,
        name,
        args,
        'committing a change',
      );
      if (outcome[0] === 'ok') return result;
      if (outcome[0] === 'limit') {
        if (outcome[1] === 'sessions' && (await this.dropIdle()) > 0) continue;
        throw limitFault(String(outcome[1]), this.limits);
      }
      reads.forget(outcome[1] as string[]);
      rounds = 0;
      if (++conflicts >= MAX_CONFLICTS) {
        throw fault(
          'Unavailable',
          `The mock's store (Redis at ${this.connection.url}) is too busy: this change met ${conflicts} conflicting changes of the same session; nothing was changed`,
          { headers: { 'retry-after': '1' } },
        );
      }
      if (conflicts > 3) await pause(Math.random() * Math.min(2 ** conflicts, 50));
    }
  }

  /** Builds the seed in this process's memory; `ready()` checks that the other replicas have the same one. */
  setSeed(build: (tx: Transaction) => void): void {
    const built = buildSeed(build, this.limits);
    this.host.seed = built.seed;
    let jobs = 0;
    for (const table of built.seed.jobs.values()) jobs += table.size;
    this.host.seedJobs = jobs;
    this.seedBytes = built.bytes;
    this.seedFingerprint = fingerprintOf(built.seed);
  }

  async sessionNames(): Promise<string[]> {
    return (await this.sessions()).map((s) => s.name);
  }

  async sessions(): Promise<SessionSummary[]> {
    const rows = await this.script<[string, number, number][]>(LIST_SCRIPT, '', [], 'listing sessions');
    return rows.map(([name, jobs, bytes]) => ({ name, jobs: this.host.seedJobs + jobs, bytes }));
  }

  async dropSession(name: string): Promise<void> {
    await this.script(DROP_SCRIPT, '', ['one', name], 'dropping a session');
  }

  async dropAll(): Promise<void> {
    await this.script(DROP_SCRIPT, '', ['all', ''], 'dropping every session');
  }

  /** What Redis holds; the last figures read while it does not answer (health() says so). */
  async stats(): Promise<StoreStats> {
    try {
      const [sessions, bytes] = await this.script<[number, number]>(STATS_SCRIPT, '', [], 'reading its size');
      this.lastStats = { sessions, bytes: this.seedBytes + bytes, maxBytes: this.limits.maxTotalBytes };
    } catch {
      // health() reports the failure; the figures stay the last ones read.
    }
    return this.lastStats;
  }

  /**
   * Keeps a call in its session's journal, in Redis, as the entry the admin API shows (redacted now: Redis
   * holds no credential); the default session is made for it if need be, as in memory. The session's virtual
   * time is not read for it: a call that never reached a session's transaction has no `virtualAt`.
   */
  appendRequest(session: string, record: CallRecord): Promise<void> {
    const entry: Partial<JournalEntry> = journalEntry(record);
    delete entry.seq;
    const args = [String(this.limits.journalEntries), String(REDIS_JOURNAL_BYTES), JSON.stringify(entry)];
    const append = () => this.script<number>(JOURNAL_APPEND_SCRIPT, session, args, 'keeping a call');
    let appended: Promise<void>;
    if (session !== DEFAULT_SESSION) appended = append().then(() => undefined);
    else if (this.defaultSessionMade && this.defaultQueue === 0) {
      appended = append().then((seq) => {
        if (seq === 0) this.defaultSessionMade = false; // dropped meanwhile: the next call makes it again
      });
    } else {
      // Until the default session is made, its calls wait their turn: the journal keeps them in order.
      this.defaultQueue++;
      appended = this.defaultAppends
        .then(async () => {
          let seq = await append();
          if (seq === 0) {
            await this.transact(session, () => undefined, 'create');
            seq = await append();
          }
          this.defaultSessionMade = seq !== 0;
        })
        .finally(() => this.defaultQueue--);
      this.defaultAppends = appended.catch(() => undefined);
    }
    // A journal read on this replica waits for the calls this replica is still keeping.
    const pending = appended.catch(() => undefined);
    this.appending.add(pending);
    void pending.then(() => this.appending.delete(pending));
    return appended;
  }

  /**
   * Reads the journal a page at a time, newest first, until the filter's `limit` or `after` is reached: a poll
   * for the calls after the last one seen reads one page, not the whole journal. Calls kept meanwhile push the
   * list along; an entry read twice is skipped by its seq.
   */
  async requests(session: string, filter: RequestFilter): Promise<JournalEntry[]> {
    await Promise.all(this.appending);
    const limit = filter.limit ?? Infinity;
    const found: JournalEntry[] = [];
    let oldestSeen = Infinity;
    for (let start = 0; found.length < limit; start += JOURNAL_PAGE) {
      const args = [String(start), String(start + JOURNAL_PAGE - 1)];
      const rows = await this.script<string[]>(JOURNAL_READ_SCRIPT, session, args, 'reading the journal');
      for (const row of rows) {
        const space = row.indexOf(' ');
        const seq = Number(row.slice(0, space));
        if (seq >= oldestSeen) continue;
        oldestSeen = seq;
        if (filter.after !== undefined && seq <= filter.after) return found.reverse();
        const entry = { seq, ...(JSON.parse(row.slice(space + 1)) as Omit<JournalEntry, 'seq'>) };
        if (matchesFilter(entry, filter) && found.push(entry) >= limit) break;
      }
      if (rows.length < JOURNAL_PAGE) break;
    }
    return found.reverse();
  }

  async clearRequests(session: string): Promise<void> {
    await this.script(JOURNAL_CLEAR_SCRIPT, session, [], 'clearing the journal');
  }

  health(): StoreHealth {
    return this.connection.health();
  }

  records(): Iterable<StateRecord> {
    throw new Error('The Redis store keeps its sessions in Redis; --state-file is for the in-memory store');
  }

  restore(): void {
    throw new Error('The Redis store keeps its sessions in Redis; --state-file is for the in-memory store');
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.connected.catch(() => undefined);
    await this.connection.close();
  }

  /** Drops the named sessions no call used for `sessionIdleMs` (Redis time); returns how many. */
  private async dropIdle(): Promise<number> {
    const idle = String(this.limits.sessionIdleMs);
    const dropped = await this.script<string[]>(DROP_SCRIPT, '', ['idle', idle], 'dropping idle sessions');
    return dropped.length;
  }

  /**
   * What the work will need besides the session, found by running it once on the session as this replica last
   * read it (nothing of that run is kept): loaded together with the session, it saves a round trip.
   */
  private guessNeeds<T>(name: string, work: (tx: Transaction) => T, reads: RedisReads): LoadRequest[] {
    const guess = this.lastRead.get(name);
    if (!guess) return [];
    reads.session = guess.session;
    reads.time = guess.time;
    const requests: LoadRequest[] = [];
    try {
      work(new RedisTransaction(name, reads, this.host));
    } catch (error) {
      if (error instanceof NeedsData) requests.push(error.request);
    }
    reads.session = undefined;
    return [...reads.takeMisses(), ...requests];
  }

  private async load(name: string, reads: RedisReads, requests: readonly LoadRequest[]): Promise<void> {
    const args: string[] = [];
    for (const [field, version] of reads.versions()) args.push(field, version);
    args.unshift(String(args.length / 2));
    args.push(String(requests.length));
    for (const r of requests) {
      args.push(
        r.kind,
        'api' in r ? r.api : '',
        'key' in r ? r.key : '',
        r.kind === 'c' ? String(r.init) : '',
      );
    }
    const [time, session, version, stale, results] = await this.script<
      [number, string[], string, string[], unknown[]]
    >(LOAD_SCRIPT, name, args, 'reading the session');
    reads.time = Number(time);
    reads.forget(stale);
    reads.session = loadedSession(session, version);
    if (this.lastRead.size >= MAX_GUESSES) this.lastRead.delete(this.lastRead.keys().next().value!);
    this.lastRead.set(name, { session: reads.session, time: reads.time });
    requests.forEach((request, i) => reads.add(request, results[i]));
  }

  private commitLimits() {
    return {
      maxSessions: this.limits.maxSessions,
      maxJobs: this.limits.maxJobs - this.host.seedJobs,
      maxSessionBytes: this.limits.maxSessionBytes,
      maxTotalBytes: this.limits.maxTotalBytes - this.seedBytes,
    };
  }

  /** Runs a script once the first connection is made (every call may come before it is, listing sessions too). */
  private async script<T>(
    script: string,
    session: string,
    args: readonly string[],
    doing: string,
  ): Promise<T> {
    await this.connected.catch((error: unknown) => {
      throw fault('Unavailable', `The mock's store is not available: ${(error as Error).message}`);
    });
    return this.connection.run<T>(script, [this.prefix, session, ...args], doing);
  }
}

/** The fault of a limit the commit found reached (the same words as the in-memory store's). */
function limitFault(which: string, limits: Limits) {
  const mib = (bytes: number) => `${Math.round((bytes / 2 ** 20) * 10) / 10} MiB`;
  const message =
    which === 'sessions'
      ? `Too many sessions (at most ${limits.maxSessions}); reset or reuse one, or wait for idle ones to expire`
      : which === 'jobs'
        ? `This session holds the maximum of ${limits.maxJobs} jobs; reset it or raise --max-jobs`
        : which === 'session-bytes'
          ? `This session would hold more than ${mib(limits.maxSessionBytes)} of jobs and data; reset it or raise --max-session-bytes`
          : `The mock would hold more than ${mib(limits.maxTotalBytes)} of jobs and data; reset sessions or raise --max-bytes`;
  return fault('LimitExceeded', message);
}

/**
 * What identifies a seed across replicas: each API's size, its first jobs (times relative to the seed's
 * making), the counters and the keys of its API data. Cheap for a seed of millions.
 */
function fingerprintOf(seed: Seed): string {
  const hash = createHash('sha256');
  for (const [api, jobs] of seed.jobs) {
    hash.update(`${api}\0${jobs.size}\0`);
    let i = 0;
    for (const job of jobs.values()) {
      if (i++ >= 50) break;
      const history = job.history.map((h) => ({ ...h, at: h.at - seed.createdAt }));
      hash.update(JSON.stringify({ ...job, history }));
    }
  }
  hash.update(JSON.stringify([...seed.counters]));
  // The data's keys: its values hold the times each replica made them at.
  for (const [api, data] of seed.data) hash.update(JSON.stringify([api, [...data.keys()]]));
  return hash.digest('hex').slice(0, 32);
}

function sweepEvery(limits: Limits): number {
  return Math.min(limits.sessionIdleMs, 60_000);
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
