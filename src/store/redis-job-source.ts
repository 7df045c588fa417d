import type { StoredJob } from '../core/job';
import type { JobRecord } from '../persistence/state-record';
import type { JobSource } from './job-source';
import { jobRecord, storedJob } from './memory-store';
import type { LoadedTable, RedisReads } from './redis-reads';
import { TOMBSTONE } from './redis-reads';
import { shiftedCopy } from './session-jobs';

/** What a commit does with one changed job: store it (keeping its place, or last), mark a seed job deleted, or remove it. */
export type JobWrite =
  { readonly how: 'nx' | 'new'; readonly json: string } | { readonly how: 'tomb' | 'del'; readonly json: '' };

const CLEARED: LoadedTable = { version: '0', own: new Map(), order: [] };

/**
 * One API's jobs of one session inside one run of a Redis transaction, layered like SessionJobs: this run's
 * changes over what Redis holds (read through RedisReads, which notes what is missing) over the shared seed.
 * After a reset in the run (`cleared`), nothing Redis holds counts.
 */
export class RedisJobSource implements JobSource {
  /** Jobs this run has materialised or changed. */
  private readonly own = new Map<string, StoredJob>();
  /** Ids this run deleted. */
  private readonly gone = new Set<string>();
  /** Ids this run stored anew: they take the last place in creation order. */
  private readonly fresh = new Set<string>();
  /** How many jobs this run added (less those it deleted). */
  delta = 0;

  constructor(
    private readonly api: string,
    private readonly seed: ReadonlyMap<string, StoredJob> | undefined,
    private readonly shift: number,
    private readonly reads: RedisReads,
    private readonly cleared: boolean,
  ) {}

  get(id: string): StoredJob | undefined {
    const own = this.own.get(id);
    if (own) return own;
    if (this.gone.has(id)) return undefined;
    const stored = this.stored(id);
    if (stored === TOMBSTONE) return undefined;
    let job: StoredJob;
    if (stored !== null) job = storedJob(JSON.parse(stored) as JobRecord);
    else {
      const seeded = this.seed?.get(id);
      if (!seeded) return undefined;
      job = shiftedCopy(seeded, this.shift);
    }
    this.own.set(id, job);
    return job;
  }

  has(id: string): boolean {
    if (this.own.has(id)) return true;
    if (this.gone.has(id)) return false;
    const stored = this.stored(id);
    return stored === null ? (this.seed?.has(id) ?? false) : stored !== TOMBSTONE;
  }

  isSeed(id: string): boolean {
    return !this.own.has(id) && !this.gone.has(id) && this.stored(id) === null && this.inSeed(id);
  }

  inSeed(id: string): boolean {
    return this.seed?.has(id) ?? false;
  }

  set(job: StoredJob): void {
    const existed = this.has(job.id);
    if (!existed) {
      this.delta++;
      this.fresh.add(job.id);
    }
    this.gone.delete(job.id);
    this.own.set(job.id, job);
  }

  delete(id: string): StoredJob | undefined {
    const old = this.get(id);
    if (!old) return undefined;
    this.own.delete(id);
    this.fresh.delete(id);
    this.gone.add(id);
    this.delta--;
    return old;
  }

  *values(): IterableIterator<StoredJob> {
    const table = this.cleared ? CLEARED : this.reads.table(this.api);
    if (this.seed) {
      for (const [id, seeded] of this.seed) {
        const own = this.own.get(id);
        if (own) yield own;
        else if (this.gone.has(id)) continue;
        else {
          const stored = table.own.get(id);
          if (stored === undefined) yield shiftedCopy(seeded, this.shift);
          else if (stored !== TOMBSTONE) yield this.get(id)!;
        }
      }
    }
    for (const id of table.order) {
      if (this.inSeed(id) || this.gone.has(id) || this.fresh.has(id)) continue;
      const job = this.get(id);
      if (job) yield job;
    }
    for (const [id, job] of this.own) if (this.fresh.has(id) && !this.inSeed(id)) yield job;
  }

  get size(): number {
    const held = this.cleared ? 0 : (this.reads.session?.counts.get(this.api) ?? 0);
    return (this.seed?.size ?? 0) + held + this.delta;
  }

  /** What the commit writes for a job this run changed (undefined: nothing, it is as Redis has it). */
  write(id: string): JobWrite | undefined {
    const job = this.own.get(id);
    if (job) return { how: this.fresh.has(id) ? 'new' : 'nx', json: JSON.stringify(jobRecord(job)) };
    if (!this.gone.has(id)) return undefined;
    return { how: this.inSeed(id) ? 'tomb' : 'del', json: '' };
  }

  private stored(id: string): string | null {
    return this.cleared ? null : this.reads.job(this.api, id);
  }
}
