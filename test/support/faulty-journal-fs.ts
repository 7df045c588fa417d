import * as nodeFs from 'node:fs';
import type { JournalFs } from '../../src/persistence/journal-fs';

/** An errno-style error, as node:fs throws them. */
export function fsError(code: string, syscall: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected, ${syscall}`), { code, syscall });
}

type AnyCall = (...args: unknown[]) => unknown;

/**
 * node:fs with failures switched on and off by the test: writes (after writing half of what they were asked,
 * so a retry must cut the torn line off), fsyncs (reported in the callback, as the kernel does) and opens of
 * paths that match. It also records every open, with its flags.
 */
export class FaultyFs {
  /** The errno code every write throws while set. */
  failWrites: string | undefined;
  /** The errno code the next async fsync of a file (not a directory) reports. */
  failNextFsync: string | undefined;
  /** Opens of matching paths throw this errno code. */
  failOpen: { readonly match: RegExp; readonly code: string } | undefined;
  readonly opens: { readonly path: string; readonly flags: unknown }[] = [];
  /** fsyncs of files (not directories), async or not. */
  fsyncs = 0;
  readonly fs: JournalFs;

  constructor() {
    const real = nodeFs as unknown as Record<keyof JournalFs, AnyCall>;
    this.fs = {
      ...nodeFs,
      writeSync: ((fd: number, buffer: Buffer, offset: number = 0) => {
        if (this.failWrites === undefined) return nodeFs.writeSync(fd, buffer, offset);
        const half = Math.floor((buffer.length - offset) / 2);
        if (half > 0) nodeFs.writeSync(fd, buffer, offset, half);
        throw fsError(this.failWrites, 'write');
      }) as JournalFs['writeSync'],
      openSync: ((path: string, flags: unknown, mode?: unknown) => {
        this.opens.push({ path, flags });
        if (this.failOpen?.match.test(path)) throw fsError(this.failOpen.code, 'open');
        return real.openSync(path, flags, mode);
      }) as JournalFs['openSync'],
      fsync: ((fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => {
        const isFile = nodeFs.fstatSync(fd).isFile();
        if (isFile) this.fsyncs += 1;
        const code = isFile ? this.failNextFsync : undefined;
        if (code !== undefined) this.failNextFsync = undefined;
        if (code !== undefined) return void setImmediate(() => callback(fsError(code, 'fsync')));
        nodeFs.fsync(fd, callback);
      }) as JournalFs['fsync'],
      fsyncSync: ((fd: number) => {
        if (nodeFs.fstatSync(fd).isFile()) this.fsyncs += 1;
        nodeFs.fsyncSync(fd);
      }) as JournalFs['fsyncSync'],
    };
  }
}
