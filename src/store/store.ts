import type { ClockMode } from '../core/clock';
import type { FaultState } from '../core/fault-state';
import type { Machine } from '../core/machine';
import type { CallRecord } from '../journal/call-record';
import type { JournalEntry } from '../journal/journal-entry';
import type { RequestFilter } from '../journal/request-filter';
import type { StateRecord } from '../persistence/state-record';
import type { JobTable } from './job-table';
import type { SessionData } from './session-data';
import type { Transition } from './unit-of-work';

/** How a transaction treats a session name that has no session yet. */
export type SessionCreation =
  /** Create it (admin calls: the admin API is trusted). */
  | 'create'
  /** Run on a new session that is kept only if the call authenticated or succeeded (`keep()`): API calls. */
  | 'provisional';

/** What one call (or one admin action) sees of a session, all of it in one transaction. */
export interface Transaction {
  readonly session: string;
  /** The session's virtual time (epoch ms). */
  now(): number;
  readonly clockMode: ClockMode;
  /** How fast the session's virtual time runs in the `real` mode. */
  readonly clockSpeed: number;
  /** Moves the session's virtual time forward; returns the new time. */
  advanceClock(ms: number): number;
  /** Freezes the session's virtual time where it is (`manual`) or lets it run (`real`, at `speed`, or as before). */
  setClock(mode: ClockMode, speed?: number): void;
  /** One API's jobs in this session. */
  jobs<S extends string, D>(api: string, machine: Machine<S>): JobTable<S, D>;
  /** One API's own data in this session (tokens and the like). */
  data<V>(api: string): SessionData<V>;
  /** The next number of a named counter of the session (ids that APIs number themselves). */
  nextNumber(counter: string, start?: number): number;
  /** How many jobs the session holds, all APIs together. */
  jobCount(): number;
  /**
   * The session's fault injection: injected faults, chaos, the seeded generator's state, throttle windows (a
   * plain value, never changed in place; NO_FAULTS for a session without any).
   */
  faultState(): FaultState;
  /** Replaces the session's fault state (undone when the transaction fails, persisted with the session). */
  setFaultState(state: FaultState): void;
  /** Puts the session back to the seed data, with a fresh clock and no faults; it keeps its slot. */
  reset(): void;
  /** The call authenticated (or succeeded): a provisional session becomes a real one. */
  keep(): void;
  /** Job moves this transaction made or saw. */
  readonly transitions: readonly Transition[];
  /** Ids of the jobs this transaction looked up (found or not), for the request journal. */
  readonly jobsRead: readonly string[];
}

/** One session, as the admin API lists it. */
export interface SessionSummary {
  readonly name: string;
  /** How many jobs it holds, all APIs together. */
  readonly jobs: number;
  /** About how many bytes its own jobs and data take (the seed's are the store's). */
  readonly bytes: number;
}

/** What the store has in it, for health and the admin API. */
export interface StoreStats {
  readonly sessions: number;
  readonly bytes: number;
  readonly maxBytes: number;
}

/** Whether the store can serve calls now, for `GET /__admin/health`. */
export interface StoreHealth {
  /** `memory`: this process's own; `redis`: shared by every replica on that server. */
  readonly kind: 'memory' | 'redis';
  /** False while the store does not answer: calls get the API's own 503-style error meanwhile. */
  readonly ok: boolean;
  /** Where it is (a Redis URL without its password). */
  readonly url?: string | undefined;
  /** Why it does not answer. */
  readonly error?: string | undefined;
  /** Since when (ISO time). */
  readonly since?: string | undefined;
}

/**
 * Sessions, their jobs, clocks, faults and per-API data, behind transactions: every call runs its work in one
 * transaction on its session, which commits as a whole or, when the work throws, leaves the store as it was.
 * `work` is synchronous and touches nothing outside the transaction, so a store may run it again (a shared
 * store retries on a conflict). The in-memory store answers everything at once; a shared one (Redis) with
 * promises, which reject with an `Unavailable` fault while it cannot be reached.
 */
export interface Store {
  transact<T>(session: string, work: (tx: Transaction) => T, creation: SessionCreation): T | Promise<T>;
  /**
   * Builds the seed: `build` runs on a template session (manual clock, no limits), whose jobs and counters every
   * session then starts from.
   */
  setSeed(build: (tx: Transaction) => void): void;
  /** The names of the sessions there are. */
  sessionNames(): string[] | Promise<string[]>;
  /** Every session with its size, in the order they were made. */
  sessions(): SessionSummary[] | Promise<SessionSummary[]>;
  /** Forgets a session and frees its slot (nothing happens when there is none). */
  dropSession(name: string): void | Promise<void>;
  /** Drops every session (they start again from the seed when next used). */
  dropAll(): void | Promise<void>;
  /** What the store holds; a shared store that cannot be reached gives the last figures it had. */
  stats(): StoreStats | Promise<StoreStats>;
  health(): StoreHealth;
  /** Called with the records of every transaction that changed something, before its reply goes out. */
  onCommit: ((records: readonly StateRecord[]) => void) | undefined;
  /** Every record of the current state (persistence compacts from it). */
  records(): Iterable<StateRecord>;
  /** Applies a record read back from persistence (at start). */
  restore(record: StateRecord): void;
  /**
   * Keeps a call in its session's request journal (numbering it: `seq`; dating it in virtual time when
   * `virtualAt` is unset), the oldest call giving way past the journal's size or the session's byte budget. The
   * journal is not state: it is neither persisted nor rolled back, and a reset empties it. A call to a session that
   * does not exist is not kept (an unauthenticated call makes no session), except in the default session, which
   * is made for it.
   */
  appendRequest(session: string, record: CallRecord): void | Promise<void>;
  /** A session's journal entries that pass the filter, oldest first, redacted (`journalEntry`). */
  requests(session: string, filter: RequestFilter): JournalEntry[] | Promise<JournalEntry[]>;
  /** Empties a session's request journal. */
  clearRequests(session: string): void | Promise<void>;
  /** Stops timers (and closes connections). */
  close(): void | Promise<void>;
}
