import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  constants,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StateJournal, StateJournalOptions } from '../../../src/persistence/state-journal';
import { openStateJournal } from '../../../src/persistence/state-journal';
import { FaultyFs } from '../../support/faulty-journal-fs';
import { FakeState, jobRecord, sessionRecord } from '../../support/fake-persistent-state';

let dir: string;
let opened: StateJournal[];

beforeEach(() => {
  // The real path: tmpdir may itself be a symlink, and the journal reports resolved paths.
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'jobmock-journal-files-')));
  opened = [];
});
afterEach(() => {
  for (const journal of opened) journal.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(path: string, options: StateJournalOptions = {}): StateJournal {
  const journal = openStateJournal(path, { log: () => {}, ...options });
  opened.push(journal);
  return journal;
}

/** Loads, changes and compacts: every file operation the journal makes. */
async function exercise(journal: StateJournal): Promise<FakeState> {
  const state = new FakeState();
  journal.load(state);
  journal.append(state.change(sessionRecord('default'), jobRecord('default', 'one')));
  await journal.compact();
  journal.append(state.change(jobRecord('default', 'two')));
  await journal.compact();
  return state;
}

describe('state journal files: symlinks and temporary files', () => {
  it('never follows a planted <path>.tmp symlink: the new file has a random name, created with O_EXCL', async () => {
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    const path = join(dir, 'state.jsonl');
    for (const planted of [`${path}.tmp`, join(dir, '.state.jsonl.tmp')]) symlinkSync(victim, planted);
    const faulty = new FaultyFs();
    await exercise(open(path, { fs: faulty.fs }));

    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(lstatSync(`${path}.tmp`).isSymbolicLink()).toBe(true);
    const temps = faulty.opens.filter((o) => o.path.endsWith('.tmp'));
    expect(temps.length).toBeGreaterThanOrEqual(3); // load, two compactions
    expect(new Set(temps.map((o) => o.path)).size).toBe(temps.length);
    for (const { path: temp, flags } of temps) {
      expect(temp).toMatch(/\/\.state\.jsonl\.[0-9a-f]{16}\.tmp$/);
      expect(Number(flags) & constants.O_EXCL).toBe(constants.O_EXCL);
      expect(Number(flags) & constants.O_CREAT).toBe(constants.O_CREAT);
    }
  });

  it('resolves a symlinked path once: the link keeps pointing at its target, which is what gets replaced', async () => {
    const real = join(dir, 'data');
    mkdirSync(real);
    const target = join(real, 'state.jsonl');
    writeFileSync(target, '');
    const link = join(dir, 'state.jsonl');
    symlinkSync(target, link);
    const faulty = new FaultyFs();
    const journal = open(link, { fs: faulty.fs });
    expect(journal.path).toBe(target);
    // Opened by its resolved path, refusing a symlink put there since (O_NOFOLLOW).
    const opens = faulty.opens.filter((o) => o.path === target);
    expect(opens).toHaveLength(1);
    expect(Number(opens[0]!.flags) & constants.O_NOFOLLOW).toBe(constants.O_NOFOLLOW);
    const state = await exercise(journal);

    // Pointing the link elsewhere now changes nothing: the journal goes on writing the target it resolved.
    const other = join(dir, 'other.jsonl');
    writeFileSync(other, 'untouched');
    unlinkSync(link);
    symlinkSync(other, link);
    journal.append(state.change(jobRecord('default', 'three')));
    await journal.compact();
    expect(readFileSync(other, 'utf8')).toBe('untouched');
    expect(readlinkSync(link)).toBe(other);
    journal.close();
    unlinkSync(link);
    symlinkSync(target, link);

    const back = new FakeState();
    open(link).load(back);
    expect(back.view()).toEqual(state.view());
    expect(readdirSync(real).sort()).toEqual(['state.jsonl', 'state.jsonl.lock']);
  });

  it('removes the half-written new files a crash left behind, and nothing else', () => {
    const path = join(dir, 'state.jsonl');
    const leftover = join(dir, '.state.jsonl.0123456789abcdef.tmp');
    writeFileSync(leftover, 'half a snapshot');
    writeFileSync(join(dir, '.other.jsonl.0123456789abcdef.tmp'), 'not ours');
    open(path).load(new FakeState());
    expect(readdirSync(dir).sort()).toEqual([
      '.other.jsonl.0123456789abcdef.tmp',
      'state.jsonl',
      'state.jsonl.lock',
    ]);
  });
});

describe('state journal files: refused at open, with the path and the problem', () => {
  it('a missing directory', () => {
    expect(() => open(join(dir, 'nope', 'state.jsonl'))).toThrow(
      `state file ${join(dir, 'nope', 'state.jsonl')}: the directory ${join(dir, 'nope')} does not exist`,
    );
  });

  it('a path through a file', () => {
    writeFileSync(join(dir, 'file'), '');
    expect(() => open(join(dir, 'file', 'state.jsonl'))).toThrow(/file\/state\.jsonl: .*is not a directory/);
  });

  it('a directory', () => {
    expect(() => open(dir)).toThrow(`state file ${dir}: is a directory`);
  });

  it('a symlink to nothing, and something that is not a regular file', () => {
    symlinkSync(join(dir, 'missing'), join(dir, 'dangling'));
    expect(() => open(join(dir, 'dangling'))).toThrow(/dangling: is a symlink to a missing file/);
    expect(() => open('/dev/null')).toThrow('state file /dev/null: is not a regular file');
  });

  it('a directory that cannot be written (the lock cannot be created there)', () => {
    const faulty = new FaultyFs();
    faulty.failOpen = { match: /\.lock$/, code: 'EACCES' };
    expect(() => open(join(dir, 'state.jsonl'), { fs: faulty.fs })).toThrow(
      `state file ${join(dir, 'state.jsonl')}: ${dir} is not writable (permission denied)`,
    );
    faulty.failOpen = { match: /\.lock$/, code: 'EROFS' };
    expect(() => open(join(dir, 'state.jsonl'), { fs: faulty.fs })).toThrow(/is on a read-only file system/);
  });

  (process.getuid?.() === 0 ? it.skip : it)('a read-only directory, for real (not as root)', () => {
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    chmodSync(ro, 0o500);
    try {
      expect(() => open(join(ro, 'state.jsonl'))).toThrow(/is not writable \(permission denied\)/);
    } finally {
      chmodSync(ro, 0o700);
    }
  });

  it('a file that cannot be written', () => {
    const path = join(dir, 'state.jsonl');
    writeFileSync(path, '');
    const faulty = new FaultyFs();
    faulty.failOpen = { match: /state\.jsonl$/, code: 'EACCES' };
    expect(() => open(path, { fs: faulty.fs })).toThrow(`state file ${path}: ${path} is not writable`);
    expect(readdirSync(dir)).toEqual(['state.jsonl']); // the lock was let go
  });

  it('a journal another live process holds; a lock left by a dead one is taken over', () => {
    const path = join(dir, 'state.jsonl');
    open(path);
    expect(() => open(path)).toThrow(`state file ${path}: is in use by process ${process.pid}`);
    opened[0]!.close();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    writeFileSync(`${path}.lock`, `${gone.stdout.toString()}\n`);
    const journal = open(path);
    expect(readFileSync(`${path}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    journal.close();
    expect(readdirSync(dir)).toEqual([]);
  });
});
