import type { ClockSnapshot } from '../core/clock';
import type { ChaosConfig } from '../core/chaos';
import type { FaultRule, ThrottleWindow } from '../core/fault-state';
import type { HistoryEntry } from '../core/job';

/** A job as it is persisted: everything the store keeps of it. */
export interface JobRecord {
  readonly id: string;
  readonly state: string;
  readonly held: boolean;
  readonly owner?: string | undefined;
  readonly history: readonly HistoryEntry[];
  readonly data: unknown;
}

/**
 * One change of the engine's state, as persistence stores it: the latest whole value of one record, or its
 * removal. Records are applied in order and a later record of the same key wins, so a log of them replays to
 * the state they were taken from.
 *
 * - `session`: a session's own fields (clock, fault injection, id counters); written whenever one of them
 *   changes. `chaos`, `random` and `throttled` are absent when unset (and in journals written before them).
 * - `job` / `job-gone`: one job of one API in one session (a job of the shared seed that a session deleted
 *   has a `job-gone` too).
 * - `data` / `data-gone`: one entry of an API's per-session data (login tokens and the like).
 * - `session-gone`: the session was dropped or reset (a reset is followed by the new session's records).
 */
export type StateRecord =
  | {
      readonly t: 'session';
      readonly session: string;
      readonly clock: ClockSnapshot;
      /** The injected faults (see FaultState). */
      readonly faults: readonly FaultRule[];
      readonly chaos?: ChaosConfig | null | undefined;
      readonly random?: number | undefined;
      readonly throttled?: readonly ThrottleWindow[] | undefined;
      readonly counters: Readonly<Record<string, number>>;
    }
  | { readonly t: 'job'; readonly session: string; readonly api: string; readonly job: JobRecord }
  | { readonly t: 'job-gone'; readonly session: string; readonly api: string; readonly id: string }
  | {
      readonly t: 'data';
      readonly session: string;
      readonly api: string;
      readonly key: string;
      readonly value: unknown;
    }
  | { readonly t: 'data-gone'; readonly session: string; readonly api: string; readonly key: string }
  | { readonly t: 'session-gone'; readonly session: string };

/** The engine as persistence sees it. */
export interface PersistentState {
  /**
   * Every record of the current state, lazily: compaction walks it across many event-loop turns while calls go
   * on, so it must tolerate changes made between two steps (changes made meanwhile are also appended).
   */
  records(): Iterable<StateRecord>;
  /** Applies records read back at start, in order. */
  restore(record: StateRecord): void;
}
