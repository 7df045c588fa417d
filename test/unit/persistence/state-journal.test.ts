import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JOURNAL_HEADER } from '../../../src/persistence/journal-format';
import type { StateJournal, StateJournalOptions } from '../../../src/persistence/state-journal';
import { openStateJournal } from '../../../src/persistence/state-journal';
import type { StateRecord } from '../../../src/persistence/state-record';
import { FaultyFs } from '../../support/faulty-journal-fs';
import { FakeState, jobRecord, sessionRecord } from '../../support/fake-persistent-state';

let dir: string;
let path: string;
let opened: StateJournal[];
let logged: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jobmock-journal-'));
  path = join(dir, 'state.jsonl');
  opened = [];
  logged = [];
});
afterEach(() => {
  for (const journal of opened) journal.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(options: StateJournalOptions = {}, at = path): StateJournal {
  const journal = openStateJournal(at, { log: (line) => logged.push(line), ...options });
  opened.push(journal);
  return journal;
}

/** A journal loaded into a fresh state, and that state. */
function start(options: StateJournalOptions = {}): { journal: StateJournal; state: FakeState } {
  const state = new FakeState();
  const journal = open(options);
  journal.load(state);
  return { journal, state };
}

/** What a restart would find: the journal's file loaded into a fresh state (the journal is closed first). */
function reload(journal?: StateJournal): FakeState {
  journal?.close();
  const state = new FakeState();
  const again = open();
  again.load(state);
  again.close();
  return state;
}

function lines(): string[] {
  return readFileSync(path, 'utf8').split('\n').slice(0, -1);
}

function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 4_000;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (condition()) return resolve();
      if (Date.now() > deadline) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(check, 5);
    };
    check();
  });
}

function every(): StateRecord[] {
  return [
    sessionRecord('default', 10, [{ api: 'aws-batch', status: 500, times: 2 }]),
    jobRecord('default', 'job-1'),
    jobRecord('default', 'job-2', 'RUNNING'),
    { t: 'data', session: 'default', api: 'itential', key: 'token:abc', value: { user: 'admin', exp: 1 } },
    { t: 'data', session: 'default', api: 'itential', key: 'token:old', value: 'x' },
    { t: 'data-gone', session: 'default', api: 'itential', key: 'token:old' },
    { t: 'job-gone', session: 'default', api: 'aws-batch', id: 'job-2' },
    sessionRecord('team-a', 99),
    jobRecord('team-a', 'job-1', 'SUCCEEDED', 'fabric'),
    sessionRecord('dropped', 1),
    jobRecord('dropped', 'job-9'),
    { t: 'session-gone', session: 'dropped' },
  ];
}

describe('state journal: what is written comes back', () => {
  it('round-trips every record kind, in order', () => {
    const { journal, state } = start();
    for (const record of every()) journal.append(state.change(record));
    const back = reload(journal);
    expect(back.view()).toEqual(state.view());
    expect(back.sessions.has('dropped')).toBe(false);
    expect([...back.sessions.get('default')!.data.keys()]).toEqual(['itential/token:abc']);
  });

  it('later records win: the latest value of a job, a session, a session made again after it was dropped', () => {
    const { journal, state } = start();
    journal.append(state.change(sessionRecord('s', 1), jobRecord('s', 'j', 'SUBMITTED')));
    journal.append(state.change(jobRecord('s', 'j', 'RUNNING')));
    journal.append(state.change(jobRecord('s', 'j', 'SUCCEEDED'), sessionRecord('s', 2)));
    journal.append(state.change(sessionRecord('gone', 1), jobRecord('gone', 'old')));
    journal.append(state.change({ t: 'session-gone', session: 'gone' }, sessionRecord('gone', 5)));
    const back = reload(journal);
    expect(back.view()).toEqual(state.view());
    expect(back.sessions.get('s')!.jobs.get('aws-batch/j')!.state).toBe('SUCCEEDED');
    expect(back.sessions.get('gone')!.jobs.size).toBe(0);
  });

  it('an append is in the file when it returns, before any timer runs', () => {
    const { journal, state } = start({ fsyncIntervalMs: 60_000 });
    journal.append(state.change(jobRecord('default', 'acknowledged')));
    expect(lines()).toEqual([JOURNAL_HEADER.trim(), JSON.stringify(jobRecord('default', 'acknowledged'))]);
    journal.append(state.change({ t: 'job-gone', session: 'default', api: 'aws-batch', id: 'acknowledged' }));
    expect(lines()).toHaveLength(3);
  });

  it('fsyncs what was written on its cadence and on close', async () => {
    const faulty = new FaultyFs();
    const { journal, state } = start({ fs: faulty.fs, fsyncIntervalMs: 10 });
    const before = faulty.fsyncs;
    journal.append(state.change(jobRecord('default', 'a')));
    await until(() => faulty.fsyncs > before, 'an fsync');
    const afterCadence = faulty.fsyncs;
    journal.close();
    expect(faulty.fsyncs).toBeGreaterThan(afterCadence);
  });

  it('ignores a torn last line (a write cut off by a crash) and goes on after the last whole line', () => {
    const { journal, state } = start();
    journal.append(state.change(sessionRecord('default'), jobRecord('default', 'whole')));
    journal.close();
    appendFileSync(path, JSON.stringify(jobRecord('default', 'torn')).slice(0, 40));

    const back = new FakeState();
    const again = open();
    expect(again.load(back)).toMatchObject({ records: 2, tornBytes: 40 });
    expect(back.view()).toEqual(state.view());
    // The next record starts on a line of its own: the torn bytes were cut off, not glued to it.
    again.append(back.change(jobRecord('default', 'next')));
    expect(reload(again).view()).toEqual(back.view());
  });

  it('refuses a garbled line in the middle, naming it, and leaves the file as it was', () => {
    const { journal, state } = start();
    journal.append(state.change(jobRecord('default', 'a')));
    journal.close();
    appendFileSync(path, '{"t":"job","sess\n');
    appendFileSync(path, `${JSON.stringify(jobRecord('default', 'b'))}\n`);
    const before = readFileSync(path);
    const again = open();
    expect(() => again.load(new FakeState())).toThrow(/state\.jsonl:3: not a jobmock state record/);
    expect(readFileSync(path)).toEqual(before);
  });

  it('refuses a line that is JSON but no record, a newer format and a file that is not a state file', () => {
    writeFileSync(path, `${JOURNAL_HEADER}{"t":"job","session":"s","api":"a"}\n`);
    expect(() => open().load(new FakeState())).toThrow(/:2: not a jobmock state record \(job: bad job\)/);
    opened.pop()!.close();
    writeFileSync(path, `${JOURNAL_HEADER}{"t":"shrug","session":"s"}\n`);
    expect(() => open().load(new FakeState())).toThrow(/unknown record kind "shrug"/);
    opened.pop()!.close();
    writeFileSync(path, '{"format":"jobmock-state","version":3}\n');
    expect(() => open().load(new FakeState())).toThrow(
      /written by a newer jobmock \(state format version 3\)/,
    );
    opened.pop()!.close();
    writeFileSync(path, 'hello: yaml\n');
    expect(() => open().load(new FakeState())).toThrow(/is not a jobmock state file/);
  });

  it('starts empty on a missing or empty file, and writes the header at once', () => {
    const state = new FakeState();
    expect(open().load(state)).toMatchObject({ records: 0 });
    expect(lines()).toEqual([JOURNAL_HEADER.trim()]);
    opened.pop()!.close();
    writeFileSync(path, '');
    expect(open().load(state)).toMatchObject({ records: 0, tornBytes: 0 });
    expect(lines()).toEqual([JOURNAL_HEADER.trim()]);
  });

  it('reads a version 1 document (the old --state-file format) and rewrites it as a journal', () => {
    const job = {
      id: 'old-job',
      state: 'RUNNABLE',
      held: true,
      history: [{ state: 'RUNNABLE', at: 1 }],
      data: {},
    };
    const clock = { mode: 'manual', speed: 1, origin: 5, offset: 7 };
    writeFileSync(
      path,
      JSON.stringify({
        format: 'jobmock-state',
        version: 1,
        savedAt: '2026-01-01T00:00:00.000Z',
        sessions: [{ name: 'default', clock, faults: [], counters: { n: 3 }, jobs: { 'aws-batch': [job] } }],
      }),
    );
    const state = new FakeState();
    expect(open().load(state)).toMatchObject({ records: 2, legacy: true });
    expect(state.sessions.get('default')!.jobs.get('aws-batch/old-job')).toMatchObject(job);
    expect(lines()[0]).toBe(JOURNAL_HEADER.trim());
    expect(reload(opened.pop()).view()).toEqual(state.view());
  });
});

describe('state journal: compaction', () => {
  /** A state of `count` jobs in two sessions, journaled with every job written twice (so it is worth compacting). */
  function grown(count: number, options: StateJournalOptions = {}) {
    const started = start(options);
    const { journal, state } = started;
    journal.append(state.change(sessionRecord('default'), sessionRecord('other')));
    for (const pass of ['SUBMITTED', 'RUNNABLE']) {
      const batch: StateRecord[] = [];
      for (let i = 0; i < count; i++) batch.push(jobRecord(i % 2 ? 'other' : 'default', `job-${i}`, pass));
      journal.append(state.change(...batch));
    }
    return started;
  }

  it('writes the live state to a new, smaller file; appends go on into it', async () => {
    const { journal, state } = grown(2_000);
    const before = lines().length;
    const result = await journal.compact();
    expect(result).toMatchObject({ records: 2_002, replayed: 0 });
    expect(lines().length).toBe(1 + 2_002);
    expect(lines().length).toBeLessThan(before);
    journal.append(state.change(jobRecord('default', 'after')));
    expect(reload(journal).view()).toEqual(state.view());
  });

  it('loses nothing appended while it runs, and keeps their order (latest value, a session dropped)', async () => {
    const { journal, state } = grown(3_000, { compactStepRecords: 100 });
    let changes = 0;
    let running = true;
    const changeSome = () => {
      if (!running) return;
      const n = changes++;
      journal.append(state.change(jobRecord('default', `job-${(n * 2) % 3_000}`, `STEP-${n}`)));
      journal.append(state.change(jobRecord('default', `new-${n}`)));
      if (n % 3 === 0)
        journal.append(
          state.change({ t: 'job-gone', session: 'other', api: 'aws-batch', id: `job-${n * 2 + 1}` }),
        );
      if (n === 5)
        journal.append(state.change({ t: 'session-gone', session: 'other' }, sessionRecord('other', 42)));
      if (n === 7) journal.append(state.change(jobRecord('other', 'reborn')));
      setImmediate(changeSome);
    };
    setImmediate(changeSome);
    const result = await journal.compact();
    running = false;
    expect(changes).toBeGreaterThan(10);
    expect(result!.replayed).toBeGreaterThan(20);
    expect(state.sessions.get('other')!.jobs.size).toBe(1);
    expect(reload(journal).view()).toEqual(state.view());
  });

  it('spreads the work over many event-loop turns, at most compactStepRecords records in each', async () => {
    const { journal, state } = grown(5_000, { compactStepRecords: 250 });
    let turn = 0;
    let ticking = true;
    const tick = () => {
      turn += 1;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const perTurn = new Map<number, number>();
    state.onRecord = () => perTurn.set(turn, (perTurn.get(turn) ?? 0) + 1);
    const result = await journal.compact();
    ticking = false;
    expect(Math.max(...perTurn.values())).toBeLessThanOrEqual(250);
    expect(perTurn.size).toBeGreaterThanOrEqual(5_002 / 250);
    expect(result!.steps).toBeGreaterThanOrEqual(5_002 / 250);
  });

  it('starts by itself once the journal has grown past twice the last snapshot', async () => {
    const { journal, state } = start({ compactMinBytes: 20_000 });
    journal.append(state.change(sessionRecord('default')));
    for (let i = 0; i < 3_000; i++) {
      journal.append(state.change(jobRecord('default', `job-${i % 10}`, `S${i}`)));
      if (i % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    // 3,002 lines without compaction; with it, about what grows past 20 kB after the last one.
    await until(() => lines().length < 1_000, 'a compaction');
    expect(reload(journal).view()).toEqual(state.view());
  });

  it('a close during compaction leaves the old journal complete and no new file behind', async () => {
    const { journal, state } = grown(3_000, { compactStepRecords: 100 });
    const compaction = journal.compact();
    await new Promise((resolve) => setImmediate(resolve));
    journal.append(state.change(jobRecord('default', 'during')));
    journal.close();
    expect(await compaction).toBeUndefined();
    expect(reload().view()).toEqual(state.view());
    expect(readdirSync(dir)).toEqual(['state.jsonl']);
  });
});

describe('state journal: failed writes', () => {
  it('never throws, reports the error on health and once in the log, and writes everything once it works again', async () => {
    const faulty = new FaultyFs();
    const { journal, state } = start({ fs: faulty.fs, retryIntervalMs: 20 });
    journal.append(state.change(sessionRecord('default'), jobRecord('default', 'before')));
    faulty.failWrites = 'ENOSPC';
    for (let i = 0; i < 50; i++)
      expect(() => journal.append(state.change(jobRecord('default', `full-${i}`)))).not.toThrow();
    expect(journal.health()).toMatchObject({
      ok: false,
      pending: 50,
      error: expect.stringMatching(/^ENOSPC/),
    });
    expect(Date.parse(journal.health().since!)).not.toBeNaN();
    await new Promise((resolve) => setTimeout(resolve, 100)); // retries fail meanwhile
    expect(logged.filter((line) => /cannot write \(ENOSPC/.test(line))).toHaveLength(1);

    faulty.failWrites = undefined;
    await until(() => journal.health().ok, 'the retry');
    expect(journal.health()).toEqual({ ok: true, path: journal.path, pending: 0 });
    expect(logged.at(-1)).toMatch(/written again \(50 change\(s\) caught up\)/);
    journal.append(state.change(jobRecord('default', 'after')));
    // The half-written line of the failed write was cut off before the retry.
    expect(reload(journal).view()).toEqual(state.view());
  });

  it('past the backlog limit, catches up by writing the whole state anew', async () => {
    const faulty = new FaultyFs();
    const { journal, state } = start({ fs: faulty.fs, retryIntervalMs: 20, backlogMaxBytes: 2_000 });
    journal.append(state.change(sessionRecord('default')));
    faulty.failWrites = 'EIO';
    for (let i = 0; i < 100; i++) journal.append(state.change(jobRecord('default', `job-${i}`)));
    expect(journal.health()).toMatchObject({ ok: false, pending: 100 });
    faulty.failWrites = undefined;
    await until(() => journal.health().ok, 'the rewrite');
    expect(lines()).toHaveLength(1 + 101);
    expect(reload(journal).view()).toEqual(state.view());
  });

  it('a failed fsync (the kernel may have dropped the pages) rewrites the whole state', async () => {
    const faulty = new FaultyFs();
    const { journal, state } = start({ fs: faulty.fs, fsyncIntervalMs: 10, retryIntervalMs: 20 });
    journal.append(state.change(sessionRecord('default'), jobRecord('default', 'a')));
    faulty.failNextFsync = 'EIO';
    journal.append(state.change(jobRecord('default', 'b')));
    await until(() => !journal.health().ok, 'the fsync error');
    await until(() => journal.health().ok, 'the rewrite');
    expect(reload(journal).view()).toEqual(state.view());
  });

  it('notices its directory replaced by a file, and writes the state again once the directory is back', async () => {
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    path = join(sub, 'state.jsonl');
    const { journal, state } = start({ fsyncIntervalMs: 10, retryIntervalMs: 20 });
    journal.append(state.change(sessionRecord('default'), jobRecord('default', 'a')));
    renameSync(sub, join(dir, 'moved'));
    writeFileSync(sub, 'a file where the directory was');
    await until(() => !journal.health().ok, 'the journal to notice');
    for (let i = 0; i < 10; i++) journal.append(state.change(jobRecord('default', `meanwhile-${i}`)));
    await until(() => /ENOTDIR/.test(journal.health().error ?? ''), 'a failed rewrite');
    expect(journal.health().pending).toBe(10);

    rmSync(sub);
    mkdirSync(sub);
    await until(() => journal.health().ok, 'the rewrite');
    expect(reload(journal).view()).toEqual(state.view());
  });
});
