import { constants } from 'node:fs';
import type { JournalFs } from './journal-fs';
import { writeAll } from './journal-fs';
import type { JournalPath } from './journal-path';
import { code, journalProblem, startError } from './journal-path';

/**
 * Takes `<path>.lock` (created exclusively, holding this process's id), so that two servers never write the
 * same journal. A lock left by a process that is gone (a kill -9) is taken over. Creating it is also the
 * proof that the directory is writable. Returns the function that releases it.
 */
export function lockJournal(fs: JournalFs, where: JournalPath): () => void {
  const lockPath = `${where.path}.lock`;
  for (let attempt = 0; ; attempt++) {
    let fd: number;
    try {
      fd = fs.openSync(lockPath, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    } catch (error) {
      if (code(error) !== 'EEXIST' || attempt > 0) throw journalProblem(where.given, lockError(error, where));
      const holder = lockHolder(fs, lockPath);
      if (holder !== undefined && isAlive(holder))
        throw journalProblem(where.given, `is in use by process ${holder} (it holds ${lockPath})`);
      fs.unlinkSync(lockPath);
      continue;
    }
    try {
      writeAll(fs, fd, Buffer.from(`${process.pid}\n`));
    } finally {
      fs.closeSync(fd);
    }
    return () => {
      try {
        fs.unlinkSync(lockPath);
      } catch {
        // Already gone: nothing to release.
      }
    };
  }
}

function lockError(error: unknown, where: JournalPath): string {
  return code(error) === 'EEXIST'
    ? `another process took ${where.path}.lock at the same time`
    : startError(error, where.dir);
}

/** The process id in a lock file (read without following a symlink), if it holds one. */
function lockHolder(fs: JournalFs, lockPath: string): number | undefined {
  let fd: number;
  try {
    fd = fs.openSync(lockPath, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  try {
    const buffer = Buffer.alloc(32);
    const text = buffer.toString('utf8', 0, fs.readSync(fd, buffer, 0, buffer.length, 0));
    const pid = Number.parseInt(text, 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } finally {
    fs.closeSync(fd);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return code(error) === 'EPERM';
  }
}
