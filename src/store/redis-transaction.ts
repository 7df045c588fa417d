import type { Clock, ClockMode, ClockSnapshot } from '../core/clock';
import { createClock, restoreClock, retimedClock } from '../core/clock';
import type { FaultState } from '../core/fault-state';
import { NO_FAULTS } from '../core/fault-state';
import type { Machine } from '../core/machine';
import type { Limits } from './budget';
import { JobTable } from './job-table';
import type { Seed } from './memory-session';
import { RedisDataEntries } from './redis-data-entries';
import { RedisJobSource } from './redis-job-source';
import type { RedisReads } from './redis-reads';
import { SessionData } from './session-data';
import type { Transaction } from './store';
import { UnitOfWork } from './unit-of-work';

/**
 * A session's own fields as Redis keeps them (one JSON value): the clock and fault injection, and any other
 * field a session gains, carried along as they are.
 */
export interface SessionFields {
  clock: ClockSnapshot;
  faults: FaultState;
  readonly [field: string]: unknown;
}

/** What a Redis transaction needs from its store. */
export interface RedisTransactionHost {
  readonly seed: Seed;
  /** How many jobs the seed holds, all APIs together. */
  readonly seedJobs: number;
  readonly limits: Limits;
  readonly clockMode: ClockMode;
  readonly speed: number;
}

/**
 * One run of a transaction on a Redis session: the work reads through RedisReads (a read of something not
 * loaded yet throws NeedsData, and the store runs the work again once it is loaded) and changes only this
 * run's copies; the store then commits what changed, checking that nothing it read has changed meanwhile.
 * Byte limits are checked by the commit (on what it writes), so `grow` counts nothing here, and API data is
 * written without being read first.
 */
export class RedisTransaction implements Transaction {
  readonly work = new UnitOfWork();
  kept = false;
  /** The session went back to the seed in this run: nothing Redis holds for it counts. */
  cleared = false;
  fields: SessionFields;
  private clock: Clock;
  private readonly sources = new Map<string, { table: JobTable<string, unknown>; jobs: RedisJobSource }>();
  private readonly bags = new Map<string, { data: SessionData; entries: RedisDataEntries }>();
  /** How many numbers this run took from each counter. */
  readonly counted = new Map<string, number>();

  constructor(
    readonly session: string,
    private readonly reads: RedisReads,
    private readonly host: RedisTransactionHost,
  ) {
    const stored = reads.session?.fields;
    this.fields = stored === undefined ? this.freshFields() : (JSON.parse(stored) as SessionFields);
    this.clock = this.clockOf(this.fields.clock);
  }

  get clockMode(): ClockMode {
    return this.clock.mode;
  }

  get clockSpeed(): number {
    return this.clock.snapshot().speed;
  }

  get transitions() {
    return this.work.transitions;
  }

  get jobsRead(): readonly string[] {
    return this.work.jobsRead;
  }

  now(): number {
    return this.clock.now();
  }

  advanceClock(ms: number): number {
    const now = this.clock.advance(ms);
    this.fields.clock = this.clock.snapshot();
    this.work.session = true;
    return now;
  }

  setClock(mode: ClockMode, speed?: number): void {
    this.clock = retimedClock(this.clock, mode, speed ?? this.clockSpeed, () => this.reads.time);
    this.fields.clock = this.clock.snapshot();
    this.work.session = true;
  }

  jobs<S extends string, D>(api: string, machine: Machine<S>): JobTable<S, D> {
    let source = this.sources.get(api);
    if (!source) {
      const seed = this.host.seed;
      const shift = seed.createdAt ? this.fields.clock.origin - seed.createdAt : 0;
      const jobs = new RedisJobSource(api, seed.jobs.get(api), shift, this.reads, this.cleared);
      const table = new JobTable<string, unknown>(
        {
          api,
          jobs,
          work: this.work,
          now: () => this.clock.now(),
          grow: () => undefined,
          capacity: { max: this.host.limits.maxJobs, count: () => this.jobCount() },
        },
        machine,
      );
      this.sources.set(api, (source = { table, jobs }));
    }
    return source.table as unknown as JobTable<S, D>;
  }

  data<V>(api: string): SessionData<V> {
    let bag = this.bags.get(api);
    if (!bag) {
      const seeded = this.host.seed.data.get(api);
      const entries = new RedisDataEntries(api, seeded, this.reads, this.cleared);
      const data = new SessionData({
        api,
        entries,
        work: this.work,
        grow: () => undefined,
        blindWrites: true,
      });
      this.bags.set(api, (bag = { data, entries }));
    }
    return bag.data as SessionData<V>;
  }

  nextNumber(counter: string, start = 1): number {
    const index = this.counted.get(counter) ?? 0;
    const init = this.host.seed.counters.get(counter) ?? start - 1;
    const next = this.reads.number(counter, index, init);
    this.counted.set(counter, index + 1);
    return next;
  }

  jobCount(): number {
    let count = this.host.seedJobs + (this.cleared ? 0 : (this.reads.session?.jobs ?? 0));
    for (const { jobs } of this.sources.values()) count += jobs.delta;
    return count;
  }

  faultState(): FaultState {
    return this.fields.faults;
  }

  setFaultState(state: FaultState): void {
    if (state === this.fields.faults) return;
    this.fields.faults = state;
    this.work.session = true;
  }

  reset(): void {
    this.fields = this.freshFields();
    this.clock = this.clockOf(this.fields.clock);
    this.sources.clear();
    this.bags.clear();
    this.cleared = true;
    this.work.reset = true;
  }

  keep(): void {
    this.kept = true;
  }

  /** The job source of an API this run used (for the commit). */
  jobSource(api: string): RedisJobSource | undefined {
    return this.sources.get(api)?.jobs;
  }

  dataEntries(api: string): RedisDataEntries | undefined {
    return this.bags.get(api)?.entries;
  }

  /** Every API whose jobs this run used, with its source. */
  jobSources(): IterableIterator<[string, { jobs: RedisJobSource }]> {
    return this.sources.entries();
  }

  private freshFields(): SessionFields {
    const time = this.reads.time;
    return {
      clock: createClock(this.host.clockMode, this.host.speed, () => time).snapshot(),
      faults: NO_FAULTS,
    };
  }

  private clockOf(snapshot: ClockSnapshot): Clock {
    const reads = this.reads;
    return restoreClock(snapshot, () => reads.time);
  }
}
