import type { JournalFs } from './journal-fs';
import { checkRecord, headerVersion, JOURNAL_VERSION } from './journal-format';
import { legacyRecords } from './legacy-state-file';
import type { StateRecord } from './state-record';

/** What reading a journal found. */
export interface JournalContents {
  /** Records applied. */
  readonly records: number;
  /** Where the last complete line ends: the journal goes on from here. */
  readonly end: number;
  /** Bytes after the last complete line (a write cut off by a crash), ignored. */
  readonly tornBytes: number;
  /** The file was a version 1 document (one JSON value), to be rewritten as a journal. */
  readonly legacy: boolean;
}

const CHUNK_BYTES = 1 << 20;

/**
 * Streams a journal file from the start, line by line (a line may be any length: no whole-file string), and
 * hands each record to `apply` in order. A last line without its newline is a write cut off by a crash and is
 * ignored; any other line that is not a record is an error naming the line. An empty file is an empty journal.
 */
export function readJournal(
  fs: JournalFs,
  fd: number,
  name: string,
  apply: (record: StateRecord) => void,
): JournalContents {
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let carry: Buffer[] = [];
  let position = 0;
  let end = 0;
  let lineNumber = 0;
  let records = 0;
  let legacy = false;
  const line = (text: string) => {
    lineNumber += 1;
    const where = `${name}:${lineNumber}`;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const reason = (error as Error).message;
      if (lineNumber === 1) throw new Error(`${name} is not a jobmock state file (${reason})`);
      throw new Error(`${where}: not a jobmock state record (${reason})`);
    }
    if (lineNumber === 1) {
      legacy = checkHeader(value, name, false);
      if (legacy) records += applyLegacy(value, name, apply);
      return;
    }
    if (legacy) throw new Error(`${where}: a version 1 state file has one line only`);
    let record: StateRecord;
    try {
      record = checkRecord(value);
    } catch (error) {
      throw new Error(`${where}: not a jobmock state record (${(error as Error).message})`);
    }
    try {
      apply(record);
    } catch (error) {
      throw new Error(`${where}: cannot restore this record (${(error as Error).message})`);
    }
    records += 1;
  };
  for (;;) {
    const read = fs.readSync(fd, chunk, 0, CHUNK_BYTES, position);
    if (read === 0) break;
    let start = 0;
    for (let nl = chunk.indexOf(10, 0); nl >= 0 && nl < read; nl = chunk.indexOf(10, start)) {
      const text = carry.length
        ? Buffer.concat([...carry, chunk.subarray(start, nl)]).toString('utf8')
        : chunk.toString('utf8', start, nl);
      carry = [];
      line(text);
      start = nl + 1;
      end = position + start;
    }
    if (start < read) carry.push(Buffer.from(chunk.subarray(start, read)));
    position += read;
  }
  const rest = Buffer.concat(carry);
  if (lineNumber === 0 && rest.length > 0) {
    // No complete first line: a version 1 document (written without a newline), or not a state file at all.
    let value: unknown;
    try {
      value = JSON.parse(rest.toString('utf8'));
    } catch (error) {
      throw new Error(`${name} is not a jobmock state file (${(error as Error).message})`);
    }
    checkHeader(value, name, true);
    return { records: applyLegacy(value, name, apply), end: position, tornBytes: 0, legacy: true };
  }
  return { records, end, tornBytes: rest.length, legacy };
}

/** True for a version 1 document; throws unless the value is a header of this version or a version 1 one. */
function checkHeader(value: unknown, name: string, wholeFile: boolean): boolean {
  const version = headerVersion(value);
  if (version === 1) return true;
  if (version === JOURNAL_VERSION) {
    if (wholeFile) throw new Error(`${name}: its header line is cut off`);
    return false;
  }
  if (version !== undefined && version > JOURNAL_VERSION)
    throw new Error(`${name} was written by a newer jobmock (state format version ${version})`);
  throw new Error(`${name} is not a jobmock state file (its first line is no jobmock-state header)`);
}

function applyLegacy(value: unknown, name: string, apply: (record: StateRecord) => void): number {
  let count = 0;
  try {
    for (const record of legacyRecords(value)) {
      apply(checkRecord(record));
      count += 1;
    }
  } catch (error) {
    throw new Error(`${name}: cannot read this version 1 state file (${(error as Error).message})`);
  }
  return count;
}
