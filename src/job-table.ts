import { fault } from './core/fault';
import type { Job } from './core/job';
import { moveJob, progressJob } from './core/job';
import type { Machine } from './core/machine';

/**
 * One API's jobs in one session, as handlers see them: look-ups are O(1), and a job read through the
 * table has first been moved along its timeline to the current virtual time.
 */
export class JobTable<S extends string = string, D = Record<string, unknown>> {
  constructor(
    private readonly jobs: Map<string, Job>,
    readonly machine: Machine<S>,
    private readonly now: () => number,
    /** The most jobs a session may hold across all APIs, and how many it holds now. */
    private readonly capacity: { readonly max: number; count(): number },
  ) {}

  get(id: string): Job<S, D> | undefined {
    const job = this.jobs.get(id) as Job<S, D> | undefined;
    if (job) progressJob(this.machine, job, this.now());
    return job;
  }

  has(id: string): boolean {
    return this.jobs.has(id);
  }

  /** Every job, each moved to the current time. */
  *all(): IterableIterator<Job<S, D>> {
    const now = this.now();
    for (const job of this.jobs.values() as IterableIterator<Job<S, D>>) {
      progressJob(this.machine, job, now);
      yield job;
    }
  }

  get size(): number {
    return this.jobs.size;
  }

  /** Stores a new job. Throws LimitExceeded when the session is full. */
  add(job: Job<S, D>): Job<S, D> {
    if (!this.jobs.has(job.id) && this.capacity.count() >= this.capacity.max) {
      throw fault(
        'LimitExceeded',
        `This session holds the maximum of ${this.capacity.max} jobs; reset it or raise --max-jobs`,
      );
    }
    this.jobs.set(job.id, job as Job);
    return job;
  }

  delete(id: string): boolean {
    return this.jobs.delete(id);
  }

  /** Moves a job to `to` now, recording it in its history. */
  move(job: Job<S, D>, to: S, note?: string): void {
    moveJob(this.machine, job, to, this.now(), note);
  }
}
