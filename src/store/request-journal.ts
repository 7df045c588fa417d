import type { CallRecord } from '../journal/call-record';
import type { RequestFilter } from '../journal/request-filter';
import { matchesFilter } from '../journal/request-filter';

/** How a journal charges its session for what it keeps. */
export interface JournalAccount {
  /** Counts bytes the session grows by; throws LimitExceeded, changing nothing, past the budget. */
  grow(bytes: number): void;
  /** Gives bytes back. */
  shrink(bytes: number): void;
}

/**
 * One session's request journal: a ring buffer of the last `capacity` calls, numbered from 1. What it keeps
 * counts in the session's byte budget; when the budget is full the oldest calls make room (and a call that
 * cannot fit even then is not kept), and the session's jobs may claim the journal's room too (`release`).
 */
export class RequestJournal {
  private readonly slots: (CallRecord | undefined)[] = [];
  /** Where the oldest record is. */
  private head = 0;
  private count = 0;
  private nextSeq = 1;
  /** What the records take, in all. */
  bytes = 0;

  constructor(
    private readonly capacity: number,
    private readonly account: JournalAccount,
  ) {}

  get size(): number {
    return this.count;
  }

  /** Keeps a record (numbering it), the oldest giving way when the journal or the budget is full. */
  append(record: CallRecord): void {
    if (this.capacity <= 0) return;
    if (this.count === this.capacity) this.dropOldest();
    for (;;) {
      try {
        this.account.grow(record.bytes);
        break;
      } catch {
        // Over the budget (LimitExceeded): the oldest calls make room, or this one is not kept.
        if (this.count === 0) return;
        this.dropOldest();
      }
    }
    record.seq = this.nextSeq++;
    const at = (this.head + this.count) % this.capacity;
    if (at === this.slots.length) this.slots.push(record);
    else this.slots[at] = record;
    this.count++;
    this.bytes += record.bytes;
  }

  /** The records that pass the filter, oldest first: the newest `filter.limit` of them. */
  read(filter: RequestFilter): CallRecord[] {
    const limit = filter.limit ?? Infinity;
    const found: CallRecord[] = [];
    for (let i = this.count - 1; i >= 0 && found.length < limit; i--) {
      const record = this.slots[(this.head + i) % this.capacity]!;
      if (filter.after !== undefined && record.seq <= filter.after) break;
      if (matchesFilter(record, filter)) found.push(record);
    }
    return found.reverse();
  }

  /** Forgets every record (the numbering goes on). */
  clear(): void {
    while (this.count) this.dropOldest();
  }

  /** Frees at least `bytes` (oldest records first) for the session's jobs; returns how many it freed. */
  release(bytes: number): number {
    let freed = 0;
    while (freed < bytes && this.count) freed += this.dropOldest();
    return freed;
  }

  private dropOldest(): number {
    const record = this.slots[this.head]!;
    this.slots[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.count--;
    this.bytes -= record.bytes;
    this.account.shrink(record.bytes);
    return record.bytes;
  }
}
