import { basename, dirname, join, resolve } from 'node:path';
import type { JournalFs } from './journal-fs';

/** Where a journal lives, resolved once at start: no symlink is followed again after this. */
export interface JournalPath {
  /** The path as given (for messages). */
  readonly given: string;
  /** The real path: the target of a symlink, or the real directory joined with the file name. */
  readonly path: string;
  readonly dir: string;
  readonly name: string;
  readonly exists: boolean;
}

/** An error at start, naming the path and the problem. */
export function journalProblem(given: string, problem: string): Error {
  return new Error(`state file ${given}: ${problem}`);
}

/**
 * Resolves a journal path once: an existing file (or a symlink to one) to its real path, a new file to its
 * real directory. Throws a clear error for a missing directory, a path through a file, a directory, a
 * symlink to nothing, or anything else that is not a regular file.
 */
export function resolveJournalPath(fs: JournalFs, given: string): JournalPath {
  const absolute = resolve(given);
  let existing = true;
  try {
    fs.lstatSync(absolute);
  } catch (error) {
    if (code(error) !== 'ENOENT') throw journalProblem(given, startError(error, dirname(absolute)));
    existing = false;
  }
  if (existing) {
    let real: string;
    try {
      real = fs.realpathSync(absolute);
    } catch (error) {
      throw journalProblem(
        given,
        code(error) === 'ENOENT' ? 'is a symlink to a missing file' : startError(error, absolute),
      );
    }
    const stat = fs.statSync(real);
    if (stat.isDirectory()) throw journalProblem(given, 'is a directory');
    if (!stat.isFile()) throw journalProblem(given, 'is not a regular file');
    return { given, path: real, dir: dirname(real), name: basename(real), exists: true };
  }
  const dir = dirname(absolute);
  let realDir: string;
  try {
    realDir = fs.realpathSync(dir);
  } catch (error) {
    throw journalProblem(given, startError(error, dir));
  }
  if (!fs.statSync(realDir).isDirectory()) throw journalProblem(given, `${dir} is not a directory`);
  const name = basename(absolute);
  return { given, path: join(realDir, name), dir: realDir, name, exists: false };
}

/** A start-up file-system error in words, for the directory (or file) it concerns. */
export function startError(error: unknown, where: string): string {
  switch (code(error)) {
    case 'ENOENT':
      return `the directory ${where} does not exist`;
    case 'ENOTDIR':
      return `a part of ${where} is not a directory`;
    case 'EACCES':
    case 'EPERM':
      return `${where} is not writable (permission denied)`;
    case 'EROFS':
      return `${where} is on a read-only file system`;
    default:
      return `${where}: ${(error as Error).message}`;
  }
}

/** The errno code of a file-system error. */
export function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}
