import { constants } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { JournalFs } from './journal-fs';
import { describeError, nodeJournalFs, writeAll } from './journal-fs';
import { encodeRecords, LineBuffer } from './journal-format';
import { lockJournal } from './journal-lock';
import type { JournalPath } from './journal-path';
import { journalProblem, resolveJournalPath, startError } from './journal-path';
import type { JournalContents } from './journal-reader';
import { readJournal } from './journal-reader';
import { removeLeftovers, SnapshotFile } from './snapshot-file';
import type { PersistentState, StateRecord } from './state-record';

export interface StateJournalOptions {
  /** How often written records are fsync'd (default 100 ms): what a power loss may take. */
  readonly fsyncIntervalMs?: number | undefined;
  /** How long after a failed write the journal tries again (default 1 s). */
  readonly retryIntervalMs?: number | undefined;
  /** Compact when the journal is this many times the size of the last snapshot (default 2)... */
  readonly compactRatio?: number | undefined;
  /** ...and at least this big (default 16 MiB). */
  readonly compactMinBytes?: number | undefined;
  /** The longest a compaction step holds the event loop (default 8 ms)... */
  readonly compactStepMs?: number | undefined;
  /** ...and the most records it writes in one step (default 10,000). */
  readonly compactStepRecords?: number | undefined;
  /** The most bytes of failed writes kept for a retry; past it the whole state is rewritten (default 64 MiB). */
  readonly backlogMaxBytes?: number | undefined;
  /** Where problems are reported, one line per distinct error (default console.error). */
  readonly log?: ((line: string) => void) | undefined;
  /** The file system (tests inject failures). */
  readonly fs?: JournalFs | undefined;
}

/** Whether the journal is keeping up: `ok` is false while changes wait in memory for a write that works. */
export interface JournalHealth {
  readonly ok: boolean;
  /** The resolved path written to. */
  readonly path: string;
  /** Changes acknowledged but not yet written (while `ok` is false). */
  readonly pending: number;
  /** The last write error, and since when writes fail. */
  readonly error?: string | undefined;
  readonly since?: string | undefined;
  /** The last compaction error (the journal keeps growing meanwhile; nothing is lost). */
  readonly compactionError?: string | undefined;
}

/** What one compaction did. */
export interface CompactionResult {
  /** Records of the state written. */
  readonly records: number;
  /** Records appended while it ran, replayed after them. */
  readonly replayed: number;
  /** Size of the new journal. */
  readonly bytes: number;
  /** Event-loop turns it was spread over, and the longest it held the loop. */
  readonly steps: number;
  readonly maxStepMs: number;
}

interface Compaction {
  readonly file: SnapshotFile;
  /** Lines appended since it started, to replay into the new file, and how many records they hold. */
  tail: Buffer[];
  tailBytes: number;
  replayed: number;
  done?: Promise<CompactionResult | undefined>;
}

/** A tail this small is written in the step that switches files. */
const FINAL_TAIL_BYTES = 256 * 1024;

/**
 * Opens the journal of `--state-file <path>`: resolves the path once (the real path of an existing file or
 * symlink, else the real directory), takes `<path>.lock`, and opens an existing file for reading and
 * appending. Throws an Error naming the path and the problem (missing directory, not writable, a directory,
 * in use by another process).
 *
 * @example
 * const journal = openStateJournal('jobmock-state.jsonl');
 * journal.load(engine);                       // restore() every record, in order
 * engine.onChange((records) => journal.append(records)); // before the reply is sent
 * process.once('SIGTERM', () => journal.close());
 */
export function openStateJournal(path: string, options: StateJournalOptions = {}): StateJournal {
  const fs = options.fs ?? nodeJournalFs;
  const where = resolveJournalPath(fs, path);
  const release = lockJournal(fs, where);
  try {
    removeLeftovers(fs, where);
    let fd: number | undefined;
    if (where.exists) {
      try {
        fd = fs.openSync(where.path, constants.O_RDWR | constants.O_APPEND | constants.O_NOFOLLOW);
      } catch (error) {
        throw journalProblem(path, startError(error, where.path));
      }
    }
    return new StateJournal(where, fs, release, fd, options);
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * An append-only journal of StateRecords with compaction. Every `append` is written to the OS before it
 * returns (a kill -9 loses nothing acknowledged) and fsync'd within `fsyncIntervalMs`. A failed write never
 * throws: the records wait in memory, `health()` reports it, and the journal tries again. When the file has
 * grown well past the state, a new one is written from `state.records()` in short steps while appends go on,
 * and renamed over the old one.
 */
export class StateJournal {
  private readonly options: Required<Omit<StateJournalOptions, 'fs'>>;
  private state: PersistentState | undefined;
  /** Bytes of the journal known to be written whole (complete lines). */
  private size = 0;
  private snapshotBytes = 0;
  private unsynced = false;
  private syncing: number | undefined;
  private closeAfterSync: number | undefined;
  private failure: { error: string; since: Date } | undefined;
  private backlog: Buffer[] = [];
  private backlogBytes = 0;
  private pending = 0;
  /** The backlog was dropped or the file lost: only a whole new file catches up (the state has it all). */
  private rewriteNeeded = false;
  private nextRetry = 0;
  private compaction: Compaction | undefined;
  private compactionError: string | undefined;
  private nextCompaction = 0;
  private lastLogged: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly where: JournalPath,
    private readonly fs: JournalFs,
    private readonly release: () => void,
    private fd: number | undefined,
    options: StateJournalOptions,
  ) {
    this.options = {
      fsyncIntervalMs: options.fsyncIntervalMs ?? 100,
      retryIntervalMs: options.retryIntervalMs ?? 1000,
      compactRatio: options.compactRatio ?? 2,
      compactMinBytes: options.compactMinBytes ?? 16 * 1024 * 1024,
      compactStepMs: options.compactStepMs ?? 8,
      compactStepRecords: options.compactStepRecords ?? 10_000,
      backlogMaxBytes: options.backlogMaxBytes ?? 64 * 1024 * 1024,
      log: options.log ?? ((line) => console.error(line)),
    };
  }

  /** The resolved path the journal writes. */
  get path(): string {
    return this.where.path;
  }

  /**
   * Streams the file back into `state` (restore() per record, in order) and makes it ready for appends: a
   * missing or empty file (or a version 1 document) is written anew from `state.records()`, a torn last line
   * is cut off. Throws, naming the line, when the file holds anything else that is not a record (the journal
   * is closed then, its lock released).
   */
  load(state: PersistentState): JournalContents {
    if (this.state || this.closed) throw new Error('the state journal is loaded once');
    let contents: JournalContents = { records: 0, end: 0, tornBytes: 0, legacy: false };
    try {
      if (this.fd !== undefined)
        contents = readJournal(this.fs, this.fd, this.where.given, (record) => state.restore(record));
      this.state = state;
      if (this.fd === undefined || contents.legacy || contents.end === 0) {
        this.rewriteNow();
      } else {
        if (contents.tornBytes > 0) {
          this.fs.ftruncateSync(this.fd, contents.end);
          this.fs.fsyncSync(this.fd);
        }
        this.size = contents.end;
        this.snapshotBytes = contents.end;
      }
    } catch (error) {
      this.state = undefined;
      this.close();
      throw error;
    }
    this.timer = setInterval(() => this.tick(), this.options.fsyncIntervalMs);
    this.timer.unref();
    return contents;
  }

  /**
   * Writes records to the OS (one synchronous write) before returning; call it before the reply is sent.
   * Never throws: when the write fails, the records are kept for a retry and `health()` says so.
   */
  append(records: readonly StateRecord[]): void {
    if (!this.state) throw new Error('load() the state journal before appending to it');
    if (records.length === 0) return;
    try {
      const chunks = encodeRecords(records);
      const run = this.compaction;
      if (run) {
        run.tail.push(...chunks);
        for (const chunk of chunks) run.tailBytes += chunk.length;
        run.replayed += records.length;
      }
      if (this.closed) throw new Error('the state journal is closed');
      if (this.failure) return this.keep(chunks, records.length);
      let written = 0;
      try {
        for (const chunk of chunks) {
          writeAll(this.fs, this.fd!, chunk);
          this.size += chunk.length;
          written += 1;
        }
      } catch (error) {
        this.keep(chunks.slice(written), records.length);
        this.fail(error);
        return;
      }
      this.unsynced = true;
      this.compactIfDue();
    } catch (error) {
      // Not even encoded (or closed): the state still has the change, a whole rewrite will carry it.
      this.pending += records.length;
      this.rewriteNeeded = true;
      this.fail(error);
    }
  }

  /** Whether writes work, and what waits in memory when they do not. */
  health(): JournalHealth {
    return {
      ok: this.failure === undefined,
      path: this.where.path,
      pending: this.pending,
      ...(this.failure && { error: this.failure.error, since: this.failure.since.toISOString() }),
      ...(this.compactionError !== undefined && { compactionError: this.compactionError }),
    };
  }

  /**
   * Writes a new journal from `state.records()` in steps of at most `compactStepMs` / `compactStepRecords`,
   * replays what was appended meanwhile, fsyncs it and renames it over the journal. Runs by itself when the
   * journal has grown past `compactRatio` times the last snapshot; resolves undefined when it failed (the old
   * journal stays, complete) or the journal was closed.
   */
  compact(): Promise<CompactionResult | undefined> {
    if (!this.state) throw new Error('load() the state journal before compacting it');
    if (this.compaction?.done) return this.compaction.done;
    if (this.closed) return Promise.resolve(undefined);
    let file: SnapshotFile;
    try {
      file = new SnapshotFile(this.fs, this.where, this.fileMode());
    } catch (error) {
      this.compactionFailed(error);
      return Promise.resolve(undefined);
    }
    const run: Compaction = { file, tail: [], tailBytes: 0, replayed: 0 };
    this.compaction = run;
    run.done = this.runCompaction(run, this.state);
    return run.done;
  }

  /** fsyncs now (and tries a failed write again). */
  flush(): void {
    if (this.closed) return;
    if (this.failure) this.retry(false);
    if (this.failure || this.fd === undefined) return;
    try {
      this.fs.fsyncSync(this.fd);
      this.unsynced = false;
    } catch (error) {
      this.rewriteNeeded = true;
      this.fail(error);
    }
  }

  /** Stops compaction and timers, writes what failed before if it can, fsyncs, closes and unlocks. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    const run = this.compaction;
    this.compaction = undefined;
    run?.file.discard();
    if (this.failure && this.state) this.retry(true);
    if (this.fd !== undefined) {
      try {
        this.fs.fsyncSync(this.fd);
      } catch (error) {
        this.fail(error);
      }
      this.closeQuietly(this.fd);
      this.fd = undefined;
    }
    this.release();
    if (this.failure)
      this.options.log(
        `state file ${this.where.given}: ${this.pending} change(s) could not be written (${this.failure.error})`,
      );
  }

  private async runCompaction(
    run: Compaction,
    state: PersistentState,
  ): Promise<CompactionResult | undefined> {
    const { file } = run;
    let steps = 0;
    let maxStepMs = 0;
    let records = 0;
    const step = (work: () => void) => {
      const started = performance.now();
      work();
      maxStepMs = Math.max(maxStepMs, performance.now() - started);
      steps += 1;
    };
    try {
      const iterator = state.records()[Symbol.iterator]();
      const lines = new LineBuffer();
      for (let done = false; !done;) {
        step(() => {
          const written = this.writeRecords(iterator, lines, file);
          records += written.count;
          done = written.done;
        });
        await nextTurn();
        this.checkRun(run);
      }
      const snapshotBytes = file.bytes;
      while (run.tailBytes > FINAL_TAIL_BYTES) {
        step(() => this.replayTail(run));
        await nextTurn();
        this.checkRun(run);
      }
      await new Promise<void>((resolve, reject) =>
        this.fs.fsync(file.fd, (error) => (error ? reject(error) : resolve())),
      );
      this.checkRun(run);
      step(() => {
        this.replayTail(run);
        file.install();
        this.switchTo(file, snapshotBytes);
      });
      // What was appended meanwhile may already be worth another one (it is not compacted in the new file).
      setImmediate(() => this.compactIfDue());
      return { records, replayed: run.replayed, bytes: file.bytes, steps, maxStepMs };
    } catch (error) {
      if (this.compaction === run) {
        this.compaction = undefined;
        file.discard();
      }
      if (!this.closed) this.compactionFailed(error);
      return undefined;
    }
  }

  /** One compaction step: records until the step's time or count is used up, written to the new file. */
  private writeRecords(
    iterator: Iterator<StateRecord>,
    lines: LineBuffer,
    file: SnapshotFile,
  ): { count: number; done: boolean } {
    const { compactStepMs, compactStepRecords } = this.options;
    const started = performance.now();
    let count = 0;
    let done = false;
    for (;;) {
      const next = iterator.next();
      if (next.done) {
        done = true;
        break;
      }
      lines.add(next.value);
      count += 1;
      if (lines.full) file.write(lines.take()!);
      if (count >= compactStepRecords) break;
      if ((count & 63) === 0 && performance.now() - started >= compactStepMs) break;
    }
    const rest = lines.take();
    if (rest) file.write(rest);
    return { count, done };
  }

  private replayTail(run: Compaction): void {
    const tail = run.tail;
    run.tail = [];
    run.tailBytes = 0;
    for (const chunk of tail) run.file.write(chunk);
  }

  private checkRun(run: Compaction): void {
    if (this.closed || this.compaction !== run) throw new Error('the state journal was closed');
    if (run.tailBytes > this.options.backlogMaxBytes)
      throw new Error('changes came in faster than the new file could be written');
  }

  /** Makes a complete new file the journal (its rename is done). */
  private switchTo(file: SnapshotFile, snapshotBytes: number): void {
    const old = this.fd;
    this.fd = file.fd;
    this.size = file.bytes;
    this.snapshotBytes = snapshotBytes;
    this.unsynced = true;
    this.compaction = undefined;
    this.compactionError = undefined;
    this.nextCompaction = 0;
    if (old !== undefined) {
      if (this.syncing === old) this.closeAfterSync = old;
      else this.closeReplaced(old);
    }
    this.syncDirectory();
    if (this.failure) this.recovered();
  }

  /** A whole new journal from the state, at once (at load, and at close when appends could not catch up). */
  private rewriteNow(): void {
    const file = new SnapshotFile(this.fs, this.where, this.fileMode());
    try {
      const lines = new LineBuffer();
      for (const record of this.state!.records()) {
        lines.add(record);
        if (lines.full) file.write(lines.take()!);
      }
      const rest = lines.take();
      if (rest) file.write(rest);
      this.fs.fsyncSync(file.fd);
      file.install();
    } catch (error) {
      file.discard();
      throw error;
    }
    this.switchTo(file, file.bytes);
  }

  private tick(): void {
    if (this.closed) return;
    if (this.failure) {
      if (Date.now() >= this.nextRetry) this.retry(false);
    } else if (!this.isCurrentFile()) {
      this.rewriteNeeded = true;
      this.fail(new Error(`${this.where.path} was removed or replaced`));
    }
    this.syncSoon();
  }

  private syncSoon(): void {
    const fd = this.fd;
    if (!this.unsynced || this.syncing !== undefined || fd === undefined || this.failure) return;
    this.unsynced = false;
    this.syncing = fd;
    this.fs.fsync(fd, (error) => {
      this.syncing = undefined;
      if (this.closeAfterSync === fd) {
        this.closeAfterSync = undefined;
        this.closeReplaced(fd);
      } else if (error && fd === this.fd) {
        // What the OS held may be gone (a failed fsync clears the error): write the whole state again.
        this.rewriteNeeded = true;
        this.fail(error);
      }
    });
  }

  /** Tries a failed write again: the kept records if the file is still there, else a whole new file. */
  private retry(atClose: boolean): void {
    this.nextRetry = Date.now() + this.options.retryIntervalMs;
    if (this.compaction) return;
    if (!this.rewriteNeeded && this.fd !== undefined && this.isCurrentFile()) {
      try {
        this.fs.ftruncateSync(this.fd, this.size); // drops a line cut off by the failed write
        while (this.backlog.length) {
          const chunk = this.backlog[0]!;
          writeAll(this.fs, this.fd, chunk);
          this.size += chunk.length;
          this.backlogBytes -= chunk.length;
          this.backlog.shift();
        }
      } catch (error) {
        this.fail(error);
        return;
      }
      this.unsynced = true;
      this.recovered();
      return;
    }
    if (!atClose) {
      void this.compact();
      return;
    }
    try {
      this.rewriteNow();
    } catch (error) {
      this.fail(error);
    }
  }

  private keep(chunks: readonly Buffer[], count: number): void {
    this.pending += count;
    if (this.rewriteNeeded) return;
    for (const chunk of chunks) {
      this.backlog.push(chunk);
      this.backlogBytes += chunk.length;
    }
    if (this.backlogBytes > this.options.backlogMaxBytes) {
      this.backlog = [];
      this.backlogBytes = 0;
      this.rewriteNeeded = true;
    }
  }

  private fail(error: unknown): void {
    const message = describeError(error);
    if (this.failure) this.failure.error = message;
    else {
      this.failure = { error: message, since: new Date() };
      this.nextRetry = Date.now() + this.options.retryIntervalMs;
    }
    if (message === this.lastLogged) return;
    this.lastLogged = message;
    this.options.log(
      `state file ${this.where.given}: cannot write (${message}); changes are kept in memory and written when it works again`,
    );
  }

  private recovered(): void {
    this.options.log(`state file ${this.where.given}: written again (${this.pending} change(s) caught up)`);
    this.failure = undefined;
    this.pending = 0;
    this.backlog = [];
    this.backlogBytes = 0;
    this.rewriteNeeded = false;
    this.lastLogged = undefined;
  }

  private compactIfDue(): void {
    if (this.compaction || this.closed || this.failure) return;
    const { compactMinBytes, compactRatio } = this.options;
    if (this.size < compactMinBytes || this.size < compactRatio * this.snapshotBytes) return;
    if (Date.now() < this.nextCompaction) return;
    void this.compact();
  }

  private compactionFailed(error: unknown): void {
    this.nextCompaction = Date.now() + this.options.retryIntervalMs;
    if (this.failure) return this.fail(error);
    const message = describeError(error);
    if (message === this.compactionError) return;
    this.compactionError = message;
    this.options.log(
      `state file ${this.where.given}: compaction failed (${message}); the journal keeps growing`,
    );
  }

  /** The file at the resolved path is still the one the journal writes. */
  private isCurrentFile(): boolean {
    if (this.fd === undefined) return false;
    try {
      const open = this.fs.fstatSync(this.fd);
      const named = this.fs.statSync(this.where.path);
      return open.ino === named.ino && open.dev === named.dev;
    } catch {
      return false;
    }
  }

  /** The current file's permissions, for its replacement (0600 for a new one: it may hold tokens). */
  private fileMode(): number {
    try {
      if (this.fd !== undefined) return this.fs.fstatSync(this.fd).mode & 0o777;
    } catch {
      // fall through to the default
    }
    return 0o600;
  }

  /** Makes a rename durable (best effort: some file systems cannot fsync a directory); at once when closing. */
  private syncDirectory(): void {
    if (this.closed) {
      try {
        const fd = this.fs.openSync(this.where.dir, 'r');
        try {
          this.fs.fsyncSync(fd);
        } finally {
          this.fs.closeSync(fd);
        }
      } catch {
        // not supported here
      }
      return;
    }
    this.fs.open(this.where.dir, 'r', (error, fd) => {
      if (error) return;
      this.fs.fsync(fd, () => this.fs.close(fd, () => {}));
    });
  }

  /**
   * Closes the replaced journal off the event loop (at once when closing): its last close frees the blocks of a
   * file that may be hundreds of MiB, which takes tens of ms.
   */
  private closeReplaced(fd: number): void {
    if (this.closed) this.closeQuietly(fd);
    else this.fs.close(fd, () => {});
  }

  private closeQuietly(fd: number): void {
    try {
      this.fs.closeSync(fd);
    } catch {
      // already closed
    }
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
