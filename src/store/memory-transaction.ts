import type { Clock, ClockMode } from '../core/clock';
import { retimedClock } from '../core/clock';
import type { FaultState } from '../core/fault-state';
import type { Machine } from '../core/machine';
import type { ByteBudget, Limits } from './budget';
import { JobTable } from './job-table';
import type { MemorySession } from './memory-session';
import { SessionData } from './session-data';
import type { Transaction } from './store';
import { UnitOfWork } from './unit-of-work';

/** What a memory transaction needs from its store. */
export interface MemoryTransactionHost {
  readonly budget: ByteBudget;
  readonly limits: Limits;
  /** A session as new: fresh clock, the current seed, nothing else. */
  freshSession(name: string): MemorySession;
}

/**
 * A transaction on one in-memory session: changes apply to the session at once (a call sees its own writes)
 * and are recorded in a unit of work, which undoes them when the work throws.
 */
export class MemoryTransaction implements Transaction {
  readonly work = new UnitOfWork();
  kept = false;
  private readonly tables = new Map<string, JobTable<string, unknown>>();
  private readonly bags = new Map<string, SessionData>();

  constructor(
    readonly state: MemorySession,
    private readonly host: MemoryTransactionHost,
  ) {}

  get session(): string {
    return this.state.name;
  }

  get clockMode(): Clock['mode'] {
    return this.state.clock.mode;
  }

  get clockSpeed(): number {
    return this.state.clock.snapshot().speed;
  }

  get transitions() {
    return this.work.transitions;
  }

  now(): number {
    return this.state.clock.now();
  }

  advanceClock(ms: number): number {
    const clock = this.state.clock;
    const now = clock.advance(ms);
    this.sessionChanged(() => clock.advance(-ms));
    return now;
  }

  jobs<S extends string, D>(api: string, machine: Machine<S>): JobTable<S, D> {
    let table = this.tables.get(api);
    if (!table) {
      const session = this.state;
      table = new JobTable<string, unknown>(
        {
          api,
          jobs: session.jobs(api),
          work: this.work,
          now: () => session.clock.now(),
          grow: (bytes) => this.grow(bytes),
          capacity: { max: this.host.limits.maxJobs, count: () => session.jobCount() },
        },
        machine,
      );
      this.tables.set(api, table);
    }
    return table as unknown as JobTable<S, D>;
  }

  data<V>(api: string): SessionData<V> {
    let bag = this.bags.get(api);
    if (!bag) {
      const session = this.state;
      bag = new SessionData({
        api,
        entries: session.data(api),
        work: this.work,
        grow: (bytes) => this.grow(bytes),
      });
      this.bags.set(api, bag);
    }
    return bag as SessionData<V>;
  }

  nextNumber(counter: string, start = 1): number {
    const { counters } = this.state;
    const before = counters.get(counter);
    const next = (before ?? start - 1) + 1;
    counters.set(counter, next);
    // Not undone: a number handed out is never handed out again, which is what ids need.
    this.work.session = true;
    return next;
  }

  jobCount(): number {
    return this.state.jobCount();
  }

  faultState(): FaultState {
    return this.state.faultState;
  }

  setFaultState(state: FaultState): void {
    const session = this.state;
    const before = session.faultState;
    if (state === before) return;
    session.faultState = state;
    this.sessionChanged(() => (session.faultState = before));
  }

  reset(): void {
    const session = this.state;
    // The journal empties first (what it held leaves the session's bytes), and stays empty if this rolls back.
    session.journal.clear();
    const fresh = this.host.freshSession(session.name);
    const before = {
      clock: session.clock,
      faultState: session.faultState,
      counters: session.counters,
      jobsByApi: session.jobsByApi,
      dataByApi: session.dataByApi,
      seed: session.seed,
      bytes: session.bytes,
    };
    this.host.budget.grow(session, -session.bytes);
    Object.assign(session, {
      clock: fresh.clock,
      faultState: fresh.faultState,
      counters: fresh.counters,
      jobsByApi: fresh.jobsByApi,
      dataByApi: fresh.dataByApi,
      seed: fresh.seed,
    });
    this.tables.clear();
    this.bags.clear();
    this.work.reset = true;
    this.work.onUndo(() => {
      Object.assign(session, before, { bytes: 0 });
      this.host.budget.force(session, before.bytes);
    });
  }

  keep(): void {
    this.kept = true;
  }

  get jobsRead(): readonly string[] {
    return this.work.jobsRead;
  }

  setClock(mode: ClockMode, speed?: number): void {
    const session = this.state;
    const before = session.clock;
    session.clock = retimedClock(before, mode, speed ?? before.snapshot().speed);
    this.sessionChanged(() => (session.clock = before));
  }

  /** Counts bytes the session grows by; the session's request journal makes room for jobs and data if need be. */
  private grow(bytes: number): void {
    const session = this.state;
    try {
      this.host.budget.grow(session, bytes);
    } catch (error) {
      if (session.journal.release(bytes) === 0) throw error;
      this.host.budget.grow(session, bytes);
    }
  }

  private sessionChanged(undo: () => void): void {
    this.work.session = true;
    this.work.onUndo(undo);
  }
}
