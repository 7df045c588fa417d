import type { HistoryEntry, StoredJob } from '../core/job';
import type { JobSource } from './job-source';

/**
 * One API's jobs in one session, layered over the shared seed: the seed's jobs are the session's until it
 * touches one, which then gets its own copy (history shifted to the session's clock; `data` is shared, since
 * jobs change only by replacing it). A new session costs nothing however large the seed is.
 *
 * @example const jobs = new SessionJobs(seed.jobs('aws-batch'), session.clock.now() - seed.createdAt);
 */
export class SessionJobs implements JobSource {
  private readonly own = new Map<string, StoredJob>();
  /** Seed ids this session deleted. */
  private readonly removed = new Set<string>();
  /** Seed ids with an own copy. */
  private adopted = 0;

  constructor(
    private readonly seed: ReadonlyMap<string, StoredJob> | undefined,
    /** How much later than the seed this session's clock started (added to seed times). */
    private readonly shift: number,
  ) {}

  /** The session's own copy of the job (made on first access for a seed job), or undefined. */
  get(id: string): StoredJob | undefined {
    const own = this.own.get(id);
    if (own) return own;
    const seeded = this.seeded(id);
    if (!seeded) return undefined;
    const copy = this.copyOf(seeded);
    this.own.set(id, copy);
    this.adopted++;
    return copy;
  }

  /** Whether a job of that id exists in the session. */
  has(id: string): boolean {
    return this.own.has(id) || this.seeded(id) !== undefined;
  }

  /** Whether the job is still the seed's (the session has not touched it). */
  isSeed(id: string): boolean {
    return !this.own.has(id) && this.seeded(id) !== undefined;
  }

  /** Whether the seed has a job of that id (touched or not). */
  inSeed(id: string): boolean {
    return this.seed?.has(id) ?? false;
  }

  /** Stores a job (new, or replacing the one of that id). */
  set(job: StoredJob): void {
    if (!this.own.has(job.id) && this.seed?.has(job.id)) {
      this.removed.delete(job.id);
      this.adopted++;
    }
    this.own.set(job.id, job);
  }

  /** Removes a job; returns it (the seed's copy when the session never touched it), or undefined. */
  delete(id: string): StoredJob | undefined {
    const own = this.own.get(id);
    const seeded = own ? undefined : this.seeded(id);
    if (own) this.own.delete(id);
    if (this.seed?.has(id) && !this.removed.has(id)) {
      if (own) this.adopted--;
      this.removed.add(id);
    }
    return own ?? (seeded && this.copyOf(seeded));
  }

  /**
   * Every job, in creation order (the seed's first): the session's own, and a fresh copy of each untouched seed
   * job that is not kept (so a scan of a million seed jobs grows nothing).
   */
  *values(): IterableIterator<StoredJob> {
    if (this.seed) {
      for (const [id, job] of this.seed) {
        const own = this.own.get(id);
        if (own) yield own;
        else if (!this.removed.has(id)) yield this.copyOf(job);
      }
    }
    for (const [id, job] of this.own) if (!this.seed?.has(id)) yield job;
  }

  get size(): number {
    return this.own.size - this.adopted + (this.seed ? this.seed.size - this.removed.size : 0);
  }

  /** The session's own jobs and the seed ids it deleted: what makes it differ from the seed. */
  changes(): { readonly own: Iterable<StoredJob>; readonly removed: Iterable<string> } {
    return { own: this.own.values(), removed: this.removed };
  }

  private seeded(id: string): StoredJob | undefined {
    return this.removed.has(id) ? undefined : this.seed?.get(id);
  }

  private copyOf(job: StoredJob): StoredJob {
    return shiftedCopy(job, this.shift);
  }
}

/** A session's own copy of a seed job: its history `shift` ms later (the data is shared: it is replaced whole). */
export function shiftedCopy(job: StoredJob, shift: number): StoredJob {
  const history: HistoryEntry[] = shift
    ? job.history.map((h) =>
        h.note === undefined ? { state: h.state, at: h.at + shift } : { ...h, at: h.at + shift },
      )
    : job.history.slice();
  return { id: job.id, state: job.state, held: job.held, owner: job.owner, history, data: job.data };
}
