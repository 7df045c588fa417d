import type { StoredJob } from '../core/job';

/**
 * Where a JobTable finds one API's jobs of one session: the in-memory store's SessionJobs, or a shared store's
 * view of them inside one transaction. Seed jobs are the session's until it touches one.
 */
export interface JobSource {
  /** The session's own copy of the job (made on first access for a seed job), or undefined. */
  get(id: string): StoredJob | undefined;
  /** Whether a job of that id exists in the session. */
  has(id: string): boolean;
  /** Whether the job is still the seed's (the session has not touched it). */
  isSeed(id: string): boolean;
  /** Whether the seed has a job of that id (touched or not). */
  inSeed(id: string): boolean;
  /** Stores a job (new, or replacing the one of that id). */
  set(job: StoredJob): void;
  /** Removes a job; returns it, or undefined when there was none. */
  delete(id: string): StoredJob | undefined;
  /** Every job, in creation order (the seed's first). */
  values(): IterableIterator<StoredJob>;
  readonly size: number;
}
