import type { JobRecord, PersistentState, StateRecord } from '../../src/persistence/state-record';

type SessionRecord = Extract<StateRecord, { t: 'session' }>;

interface FakeSession {
  record: SessionRecord | undefined;
  readonly jobs: Map<string, JobRecord & { api: string }>;
  readonly data: Map<string, { api: string; key: string; value: unknown }>;
}

/**
 * A PersistentState over plain maps, the way the engine keeps it: `change()` applies records and returns them
 * (for `journal.append`), `records()` walks the maps lazily (so changes made during a compaction show or not,
 * as in the engine), `view()` is the whole state as one comparable value.
 */
export class FakeState implements PersistentState {
  readonly sessions = new Map<string, FakeSession>();
  /** Called before each record records() yields (tests count event-loop turns with it). */
  onRecord: (() => void) | undefined;

  *records(): Generator<StateRecord> {
    for (const [name, session] of this.sessions) {
      if (session.record) {
        this.onRecord?.();
        yield session.record;
      }
      for (const { api, ...job } of session.jobs.values()) {
        this.onRecord?.();
        yield { t: 'job', session: name, api, job };
      }
      for (const { api, key, value } of session.data.values()) {
        this.onRecord?.();
        yield { t: 'data', session: name, api, key, value };
      }
    }
  }

  restore(record: StateRecord): void {
    this.apply(record);
  }

  /** Applies records and hands them back, as the engine's change report. */
  change(...records: StateRecord[]): StateRecord[] {
    for (const record of records) this.apply(record);
    return records;
  }

  /** The whole state, for toEqual. */
  view(): unknown {
    return [...this.sessions].map(([name, s]) => ({
      name,
      record: s.record,
      jobs: [...s.jobs].sort(([a], [b]) => a.localeCompare(b)),
      data: [...s.data].sort(([a], [b]) => a.localeCompare(b)),
    }));
  }

  jobCount(): number {
    let count = 0;
    for (const s of this.sessions.values()) count += s.jobs.size;
    return count;
  }

  private apply(record: StateRecord): void {
    if (record.t === 'session-gone') {
      this.sessions.delete(record.session);
      return;
    }
    let session = this.sessions.get(record.session);
    if (!session) {
      session = { record: undefined, jobs: new Map(), data: new Map() };
      this.sessions.set(record.session, session);
    }
    switch (record.t) {
      case 'session':
        session.record = record;
        return;
      case 'job':
        session.jobs.set(`${record.api}/${record.job.id}`, { api: record.api, ...record.job });
        return;
      case 'job-gone':
        session.jobs.delete(`${record.api}/${record.id}`);
        return;
      case 'data':
        session.data.set(`${record.api}/${record.key}`, {
          api: record.api,
          key: record.key,
          value: record.value,
        });
        return;
      case 'data-gone':
        session.data.delete(`${record.api}/${record.key}`);
        return;
    }
  }
}

/** A session record with its clock moved by `offset`. */
export function sessionRecord(
  session: string,
  offset = 0,
  faults: SessionRecord['faults'] = [],
): StateRecord {
  return {
    t: 'session',
    session,
    clock: { mode: 'manual', speed: 1, origin: 1_700_000_000_000, offset },
    faults,
    counters: { 'history-id': offset },
  };
}

/** A job record in `state`, with a history entry and some data. */
export function jobRecord(session: string, id: string, state = 'RUNNABLE', api = 'aws-batch'): StateRecord {
  return {
    t: 'job',
    session,
    api,
    job: {
      id,
      state,
      held: true,
      owner: 'alice',
      history: [{ state, at: 1_700_000_000_000 }],
      data: { jobName: `name of ${id}`, tags: { team: 'a' } },
    },
  };
}
