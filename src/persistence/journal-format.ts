import type { StateRecord } from './state-record';

/** The journal's format name and version; the first line of every journal file. */
export const JOURNAL_FORMAT = 'jobmock-state';
export const JOURNAL_VERSION = 2;
export const JOURNAL_HEADER = `${JSON.stringify({ format: JOURNAL_FORMAT, version: JOURNAL_VERSION })}\n`;

/** One record as one journal line (JSON escapes every newline inside strings, so a line is a record). */
export function encodeRecord(record: StateRecord): string {
  return JSON.stringify(record) + '\n';
}

/**
 * Journal lines gathered into buffers of about `chunkBytes`, so that no single string grows past V8's limit
 * however many records there are.
 */
export class LineBuffer {
  private parts: string[] = [];
  private length = 0;

  constructor(private readonly chunkBytes = 1 << 20) {}

  add(record: StateRecord): void {
    const line = encodeRecord(record);
    this.parts.push(line);
    this.length += line.length;
  }

  /** A chunk's worth is waiting. */
  get full(): boolean {
    return this.length >= this.chunkBytes;
  }

  /** The lines added since the last take, as one buffer (undefined when there are none). */
  take(): Buffer | undefined {
    if (this.parts.length === 0) return undefined;
    const buffer = Buffer.from(this.parts.join(''));
    this.parts = [];
    this.length = 0;
    return buffer;
  }
}

/** Records as buffers of journal lines, about a MiB each. */
export function encodeRecords(records: Iterable<StateRecord>): Buffer[] {
  const lines = new LineBuffer();
  const chunks: Buffer[] = [];
  for (const record of records) {
    lines.add(record);
    if (lines.full) chunks.push(lines.take()!);
  }
  const last = lines.take();
  if (last) chunks.push(last);
  return chunks;
}

/** What a header line says: this format at a version, or something else. */
export function headerVersion(value: unknown): number | undefined {
  const header = value as { format?: unknown; version?: unknown } | null;
  if (typeof header !== 'object' || header === null || header.format !== JOURNAL_FORMAT) return undefined;
  return typeof header.version === 'number' ? header.version : undefined;
}

/** The record a parsed journal line holds; throws with the reason when it is not one. */
export function checkRecord(value: unknown): StateRecord {
  const r = value as Record<string, unknown> | null;
  if (typeof r !== 'object' || r === null || Array.isArray(r)) throw new Error('not an object');
  if (typeof r.session !== 'string') throw new Error('no session name');
  const strings = (...keys: string[]) => {
    for (const key of keys) if (typeof r[key] !== 'string') throw new Error(`${String(r.t)}: no ${key}`);
  };
  switch (r.t) {
    case 'session': {
      const clock = r.clock as Record<string, unknown> | null;
      if (
        typeof clock !== 'object' ||
        clock === null ||
        (clock.mode !== 'real' && clock.mode !== 'manual') ||
        typeof clock.speed !== 'number' ||
        typeof clock.origin !== 'number' ||
        typeof clock.offset !== 'number'
      )
        throw new Error('session: bad clock');
      if (!Array.isArray(r.faults)) throw new Error('session: faults is not a list');
      if (r.chaos !== undefined && typeof r.chaos !== 'object') throw new Error('session: bad chaos');
      if (r.random !== undefined && !Number.isInteger(r.random)) throw new Error('session: bad random');
      if (r.throttled !== undefined && !Array.isArray(r.throttled))
        throw new Error('session: throttled is not a list');
      if (typeof r.counters !== 'object' || r.counters === null) throw new Error('session: bad counters');
      break;
    }
    case 'job': {
      strings('api');
      const job = r.job as Record<string, unknown> | null;
      if (
        typeof job !== 'object' ||
        job === null ||
        typeof job.id !== 'string' ||
        typeof job.state !== 'string' ||
        typeof job.held !== 'boolean' ||
        !Array.isArray(job.history)
      )
        throw new Error('job: bad job');
      break;
    }
    case 'job-gone':
      strings('api', 'id');
      break;
    case 'data':
      strings('api', 'key');
      if (!('value' in r)) throw new Error('data: no value');
      break;
    case 'data-gone':
      strings('api', 'key');
      break;
    case 'session-gone':
      break;
    default:
      throw new Error(`unknown record kind ${JSON.stringify(r.t)}`);
  }
  return r as unknown as StateRecord;
}
