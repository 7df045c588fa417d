import type { ClockSnapshot } from '../core/clock';
import type { InjectedFault } from '../core/injected-fault';
import type { JobRecord, StateRecord } from './state-record';

/** A version 1 state file: the whole state as one JSON document (what `--state-file` wrote before the journal). */
interface LegacyDocument {
  readonly sessions: readonly {
    readonly name: string;
    readonly clock: ClockSnapshot;
    readonly faults: readonly InjectedFault[];
    readonly counters: Readonly<Record<string, number>>;
    readonly jobs: Readonly<Record<string, readonly JobRecord[]>>;
  }[];
}

/** The records of a version 1 document, sessions in order, each session's record before its jobs. */
export function* legacyRecords(document: unknown): Generator<StateRecord> {
  const sessions = (document as Partial<LegacyDocument> | null)?.sessions;
  if (!Array.isArray(sessions)) throw new Error('version 1 document without sessions');
  for (const s of sessions as LegacyDocument['sessions']) {
    if (typeof s?.name !== 'string' || typeof s.jobs !== 'object' || s.jobs === null)
      throw new Error('version 1 document: a session without name or jobs');
    yield { t: 'session', session: s.name, clock: s.clock, faults: s.faults, counters: s.counters };
    for (const [api, jobs] of Object.entries(s.jobs)) {
      for (const job of jobs) yield { t: 'job', session: s.name, api, job };
    }
  }
}
