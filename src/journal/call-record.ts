import type { Issue } from '../core/fault';
import type { FaultEffect } from '../core/fault-effect';
import type { Headers, Query } from '../core/wire';

/** A job's move that a call caused or saw (the unit of work's Transition, as the journal keeps it). */
export interface RecordedTransition {
  readonly api: string;
  readonly jobId: string;
  readonly from: string | undefined;
  readonly to: string;
  readonly cause: 'call' | 'timeline';
}

/** The most characters of a request or reply body the journal keeps. */
export const MAX_BODY_CHARS = 4096;

/**
 * One call as the engine hands it to the journal: cheap to build on the hot path, so it holds the request and
 * reply as they were (references, nothing copied or redacted) when they are small, and their redacted text cut
 * to MAX_BODY_CHARS when they are not (`requestCut`/`replyCut` set). `journalEntry()` makes the redacted, plain
 * entry the admin API shows; a store may keep records as they are and make entries when they are read (the
 * memory store), or make the entry first (a store that serializes).
 */
export interface CallRecord {
  /** The call's number in its session's journal: set by the store when it keeps the record. */
  seq: number;
  /** When the call arrived (wall clock, epoch ms). */
  readonly at: number;
  /** The session's virtual time when the call was admitted; the store sets it for calls that never were. */
  virtualAt: number | undefined;
  readonly session: string;
  /** The API called; undefined for a path no API is served at. */
  readonly api: string | undefined;
  /** operationId or JSON-RPC method; undefined when the call matched none. */
  readonly operation: string | undefined;
  /** An admin call. */
  readonly admin: boolean;
  /** The call's place in a JSON-RPC batch. */
  readonly call: { readonly index: number; readonly count: number } | undefined;
  readonly method: string;
  /** The path as sent (mount point included), without the query. */
  readonly path: string;
  readonly query: Query;
  readonly headers: Headers;
  /** The raw body, or its redacted text cut to MAX_BODY_CHARS when `requestCut` is set. */
  readonly requestBody: string;
  /** Set when `requestBody` is redacted text: how many characters were cut off. */
  readonly requestCut: number | undefined;
  readonly status: number;
  readonly replyHeaders: Readonly<Record<string, string>>;
  /** The reply's body as the reply held it (a JSON value or text), or its redacted text when `replyCut` is set. */
  readonly replyBody: unknown;
  readonly replyCut: number | undefined;
  readonly durationMs: number;
  /** The error the call ended with. */
  readonly error: { readonly kind: string; readonly message: string } | undefined;
  /** Request validation's findings. */
  readonly findings: readonly Issue[] | undefined;
  /** Strict mode's violations of the reply. */
  readonly violations: readonly string[] | undefined;
  /** What fault injection did to the call (where the fault came from and its effects). */
  readonly fault: FaultEffect | undefined;
  readonly transitions: readonly RecordedTransition[];
  /** The jobs the call looked up or moved. */
  readonly jobIds: readonly string[];
  readonly hints: readonly string[] | undefined;
  /** About how many bytes the record holds (what the session's byte budget is charged). */
  readonly bytes: number;
}

/** The fixed cost of a record besides its strings (fields, arrays, the ring buffer's slot). */
const RECORD_OVERHEAD = 320;

/**
 * Completes a record the engine made with the bodies as they were (and `seq`, `bytes` and the cuts as
 * placeholders, so the object keeps one shape): bodies are kept by reference when they are small, and cut to
 * MAX_BODY_CHARS when they are large (redacted first, by `cut`), so a record never holds much more than
 * 2 × MAX_BODY_CHARS of them; `bytes` is what it holds. Returns the same object.
 */
export function callRecord(
  input: CallRecord,
  cut: (body: unknown, headers: Headers | Readonly<Record<string, string>>) => string,
): CallRecord {
  const record = input as Writable<CallRecord>;
  if (input.requestBody.length > MAX_BODY_CHARS) {
    const text = cut(input.requestBody, input.headers);
    record.requestBody = copied(text.slice(0, MAX_BODY_CHARS));
    record.requestCut = Math.max(0, text.length - MAX_BODY_CHARS);
  }
  const replySize = jsonSize(input.replyBody, MAX_BODY_CHARS + 1);
  if (replySize > MAX_BODY_CHARS) {
    const text = cut(input.replyBody, input.replyHeaders);
    record.replyBody = copied(text.slice(0, MAX_BODY_CHARS));
    record.replyCut = Math.max(0, text.length - MAX_BODY_CHARS);
  }
  let bytes =
    RECORD_OVERHEAD + input.path.length + record.requestBody.length + Math.min(replySize, MAX_BODY_CHARS);
  for (const name in input.headers) bytes += name.length + (input.headers[name]?.length ?? 0);
  for (const name in input.query) bytes += name.length + String(input.query[name]).length;
  record.bytes = bytes;
  return record;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * About how many characters `value` takes as JSON, counted up to `limit` (a larger value stops the count there):
 * the size of a small reply without writing it out.
 */
export function jsonSize(value: unknown, limit: number): number {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length && size < limit) {
    const next = stack.pop();
    if (next === undefined || next === null) size += 4;
    else if (typeof next === 'string') size += next.length + 2;
    else if (typeof next !== 'object') size += 8;
    else if (Array.isArray(next)) {
      size += 2 + next.length;
      for (const item of next) stack.push(item);
    } else {
      size += 2;
      for (const key in next as Record<string, unknown>) {
        size += key.length + 4;
        stack.push((next as Record<string, unknown>)[key]);
      }
    }
  }
  return value === undefined ? 0 : size;
}

/** A string that holds no reference to the larger one it was cut from (V8 keeps slices as views of it). */
function copied(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}
