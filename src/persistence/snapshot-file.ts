import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { join } from 'node:path';
import type { JournalFs } from './journal-fs';
import { writeAll } from './journal-fs';
import { JOURNAL_HEADER } from './journal-format';
import type { JournalPath } from './journal-path';

/**
 * A new journal file being written beside the current one, to replace it when complete: a random name in the
 * same directory, created exclusively (O_EXCL: an existing file or a planted symlink is never opened), then
 * renamed over the journal's resolved path.
 */
export class SnapshotFile {
  readonly tempPath: string;
  readonly fd: number;
  /** Bytes written so far, header included. */
  bytes = 0;

  constructor(
    private readonly fs: JournalFs,
    private readonly where: JournalPath,
    mode: number,
  ) {
    this.tempPath = join(where.dir, `.${where.name}.${randomBytes(8).toString('hex')}.tmp`);
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_APPEND;
    this.fd = fs.openSync(this.tempPath, flags, 0o600);
    try {
      fs.fchmodSync(this.fd, mode);
      this.write(Buffer.from(JOURNAL_HEADER));
    } catch (error) {
      this.discard();
      throw error;
    }
  }

  write(buffer: Buffer): void {
    writeAll(this.fs, this.fd, buffer);
    this.bytes += buffer.length;
  }

  /** Renames the file over the journal (rename replaces a directory entry; it never follows a symlink). */
  install(): void {
    this.fs.renameSync(this.tempPath, this.where.path);
  }

  /** Closes and removes the file (best effort: it is only a leftover). */
  discard(): void {
    try {
      this.fs.closeSync(this.fd);
    } catch {
      // already closed
    }
    try {
      this.fs.unlinkSync(this.tempPath);
    } catch {
      // already gone
    }
  }
}

/** Removes new journal files that a crash left half-written (the caller holds the journal's lock). */
export function removeLeftovers(fs: JournalFs, where: JournalPath): void {
  const escaped = where.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const leftover = new RegExp(`^\\.${escaped}\\.[0-9a-f]{16}\\.tmp$`);
  for (const entry of fs.readdirSync(where.dir)) {
    if (!leftover.test(entry)) continue;
    try {
      fs.unlinkSync(join(where.dir, entry));
    } catch {
      // gone already, or not ours to remove: it is never read
    }
  }
}
