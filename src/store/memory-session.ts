import type { Clock } from '../core/clock';
import type { FaultState } from '../core/fault-state';
import { NO_FAULTS } from '../core/fault-state';
import type { StoredJob } from '../core/job';
import type { ByteBudget } from './budget';
import { RequestJournal } from './request-journal';
import { SessionJobs } from './session-jobs';

/** The jobs every session starts with: built once, shared by all sessions until they touch a job. */
export interface Seed {
  /** Jobs by API id, then by job id. */
  readonly jobs: ReadonlyMap<string, ReadonlyMap<string, StoredJob>>;
  readonly counters: ReadonlyMap<string, number>;
  /** Each API's session data (SessionData entries) by key, as the seed's jobs left it: a session starts with a copy. */
  readonly data: ReadonlyMap<string, ReadonlyMap<string, unknown>>;
  /** The virtual time the seed jobs were made at; a session made later sees them shifted to its own start. */
  readonly createdAt: number;
}

export const EMPTY_SEED: Seed = { jobs: new Map(), counters: new Map(), data: new Map(), createdAt: 0 };

/** One isolated world in memory: its jobs and data per API, its clock, fault injection and id counters. */
export class MemorySession {
  faultState: FaultState = NO_FAULTS;
  counters: Map<string, number>;
  jobsByApi = new Map<string, SessionJobs>();
  dataByApi = new Map<string, Map<string, unknown>>();
  /** What the session's own jobs and data take (the seed's are counted once, for the store). */
  bytes = 0;
  /** When a call last used it (wall clock). */
  lastUsed = Date.now();
  /** The calls it received (not state: neither persisted nor rolled back), counted in `bytes`. */
  readonly journal: RequestJournal;

  constructor(
    readonly name: string,
    public clock: Clock,
    public seed: Seed,
    journal: { readonly capacity: number; readonly budget: ByteBudget } | undefined = undefined,
  ) {
    this.counters = new Map(seed.counters);
    this.journal = new RequestJournal(journal?.capacity ?? 0, {
      grow: (bytes) => journal?.budget.grow(this, bytes),
      shrink: (bytes) => journal?.budget.force(this, -bytes),
    });
  }

  jobs(api: string): SessionJobs {
    let jobs = this.jobsByApi.get(api);
    if (!jobs) {
      const shift = this.seed.createdAt ? this.clock.snapshot().origin - this.seed.createdAt : 0;
      jobs = new SessionJobs(this.seed.jobs.get(api), shift);
      this.jobsByApi.set(api, jobs);
    }
    return jobs;
  }

  data(api: string): Map<string, unknown> {
    let data = this.dataByApi.get(api);
    if (!data) this.dataByApi.set(api, (data = new Map(this.seed.data.get(api))));
    return data;
  }

  jobCount(): number {
    let count = 0;
    for (const [api, seeded] of this.seed.jobs) if (!this.jobsByApi.has(api)) count += seeded.size;
    for (const jobs of this.jobsByApi.values()) count += jobs.size;
    return count;
  }
}
