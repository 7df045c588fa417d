import * as nodeFs from 'node:fs';

/**
 * The file-system calls the state journal makes. The journal takes them as one object so that tests can pass a
 * wrapper that fails some of them (ENOSPC, EIO) and check that nothing is lost.
 */
export type JournalFs = Pick<
  typeof nodeFs,
  | 'openSync'
  | 'closeSync'
  | 'readSync'
  | 'writeSync'
  | 'fsyncSync'
  | 'fsync'
  | 'ftruncateSync'
  | 'fstatSync'
  | 'fchmodSync'
  | 'statSync'
  | 'lstatSync'
  | 'realpathSync'
  | 'renameSync'
  | 'unlinkSync'
  | 'readdirSync'
  | 'open'
  | 'close'
>;

/** node:fs itself. */
export const nodeJournalFs: JournalFs = nodeFs;

/** `CODE: message` of a file-system error (or the message of any other error). */
export function describeError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (typeof e?.code === 'string' && !e.message.startsWith(e.code)) return `${e.code}: ${e.message}`;
  return e instanceof Error ? e.message : String(error);
}

/** Writes all of `buffer` at the fd's position (writeSync may write less than asked). */
export function writeAll(fs: JournalFs, fd: number, buffer: Buffer): void {
  for (let offset = 0; offset < buffer.length;) offset += fs.writeSync(fd, buffer, offset);
}
