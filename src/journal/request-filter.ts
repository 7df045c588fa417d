import type { CallRecord } from './call-record';
import { UNMATCHED } from './journal-entry';

/** Which journal entries to read (`GET /__admin/requests`, `interceptor.requests()`); every field narrows. */
export interface RequestFilter {
  readonly api?: string | undefined;
  /** operationId or JSON-RPC method; `unmatched` for calls that matched none. */
  readonly operation?: string | undefined;
  /** An HTTP status (`409`, or `'409'`) or a class of them (`'4xx'`). */
  readonly status?: number | string | undefined;
  /** Calls that named this job or moved it. */
  readonly jobId?: string | undefined;
  /** Calls received at or after this wall-clock time (epoch ms). */
  readonly since?: number | undefined;
  /** Calls after this `seq`. */
  readonly after?: number | undefined;
  /** Admin calls too (they are left out unless asked for). */
  readonly admin?: boolean | undefined;
  /** The most entries to return: the newest of those that match. */
  readonly limit?: number | undefined;
}

/** What a filter looks at: a CallRecord, or a JournalEntry (a store that keeps entries). */
export type FilteredCall = Pick<CallRecord, 'seq' | 'at' | 'status' | 'jobIds'> & {
  readonly admin?: boolean | undefined;
  readonly api?: string | undefined;
  readonly operation?: string | undefined;
};

/** Whether a call passes a filter (its `limit` aside). */
export function matchesFilter(record: FilteredCall, filter: RequestFilter): boolean {
  if (record.admin && filter.admin !== true) return false;
  if (filter.after !== undefined && record.seq <= filter.after) return false;
  if (filter.since !== undefined && record.at < filter.since) return false;
  if (filter.api !== undefined && record.api !== filter.api) return false;
  if (filter.operation !== undefined && (record.operation ?? UNMATCHED) !== filter.operation) return false;
  if (filter.status !== undefined && !statusMatches(record.status, filter.status)) return false;
  if (filter.jobId !== undefined && !record.jobIds.includes(filter.jobId)) return false;
  return true;
}

/** Whether a status is the one wanted (`409`, `'409'`) or in the class wanted (`'4xx'`). */
export function statusMatches(status: number, wanted: number | string): boolean {
  const text = String(wanted);
  if (/^[1-5]xx$/i.test(text)) return Math.floor(status / 100) === Number(text[0]);
  return status === Number(text);
}
