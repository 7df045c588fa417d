import { fault } from '../core/fault';
import type { HistoryEntry, StoredJob } from '../core/job';

/** What a session, and the whole store, may hold. */
export interface Limits {
  /** The most jobs one session may hold (all APIs together). */
  readonly maxJobs: number;
  /** The most bytes one session's jobs and data may take (as JSON, a measure close to what they cost). */
  readonly maxSessionBytes: number;
  /** The most bytes every session together (and the shared seed) may take. */
  readonly maxTotalBytes: number;
  /** The most sessions kept at once. */
  readonly maxSessions: number;
  /** A named session that no call used for this long (wall-clock ms) is dropped; the default session never is. */
  readonly sessionIdleMs: number;
  /** The most calls each session's request journal keeps (the oldest go first). */
  readonly journalEntries: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxJobs: 2_000_000,
  maxSessionBytes: 256 * 2 ** 20,
  maxTotalBytes: 1024 * 2 ** 20,
  maxSessions: 1_000,
  sessionIdleMs: 60 * 60_000,
  journalEntries: 10_000,
};

/** The fixed cost of a job record besides its data and history (ids, state, fields, map entry). */
const JOB_OVERHEAD = 96;
const ENTRY_OVERHEAD = 40;

/** About how many bytes a value takes: the length of its JSON. */
export function sizeOf(value: unknown): number {
  if (value === undefined) return 0;
  return JSON.stringify(value)?.length ?? 0;
}

export function entryBytes(entry: HistoryEntry): number {
  return ENTRY_OVERHEAD + entry.state.length + (entry.note?.length ?? 0);
}

/** About how many bytes a job takes in the store. */
export function jobBytes(job: StoredJob, options: { data: boolean } = { data: true }): number {
  let bytes = JOB_OVERHEAD + job.id.length + (job.owner?.length ?? 0);
  for (const entry of job.history) bytes += entryBytes(entry);
  return options.data ? bytes + sizeOf(job.data) : bytes;
}

/** Byte counts of one session and of the whole store, checked before anything grows. */
export class ByteBudget {
  total = 0;

  constructor(private readonly limits: Pick<Limits, 'maxSessionBytes' | 'maxTotalBytes'>) {}

  /** Adds `bytes` to a session's count (and the total); throws LimitExceeded, changing nothing, past a limit. */
  grow(account: { bytes: number }, bytes: number): void {
    if (bytes > 0) {
      if (account.bytes + bytes > this.limits.maxSessionBytes)
        throw fault(
          'LimitExceeded',
          `This session would hold more than ${mebibytes(this.limits.maxSessionBytes)} of jobs and data; reset it or raise --max-session-bytes`,
        );
      if (this.total + bytes > this.limits.maxTotalBytes)
        throw fault(
          'LimitExceeded',
          `The mock would hold more than ${mebibytes(this.limits.maxTotalBytes)} of jobs and data; reset sessions or raise --max-bytes`,
        );
    }
    account.bytes += bytes;
    this.total += bytes;
  }

  /** Adds bytes without checking the limits (what was there already: undo, restore from a state file). */
  force(account: { bytes: number }, bytes: number): void {
    account.bytes += bytes;
    this.total += bytes;
  }

  /** Gives back what a dropped session held. */
  release(account: { bytes: number }): void {
    this.total -= account.bytes;
    account.bytes = 0;
  }
}

function mebibytes(bytes: number): string {
  return `${Math.round((bytes / 2 ** 20) * 10) / 10} MiB`;
}
