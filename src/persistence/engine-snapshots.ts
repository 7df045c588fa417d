import { restoreClock } from '../core/clock';
import type { Session } from '../core/session';
import { jobsOf } from '../core/session';
import type { Engine } from '../engine/engine';
import type { StateJournal } from './state-journal';
import type { PersistentState, StateRecord } from './state-record';

/**
 * The engine's sessions as a PersistentState, for an engine that does not report its changes as records:
 * records() walks every session (its own record, then its jobs), restore() rebuilds sessions from them.
 * Per-API session data (login tokens) is not kept.
 */
export function engineState(
  engine: Pick<Engine, 'allSessions' | 'restoreSession' | 'reset'>,
): PersistentState {
  const restored = new Map<string, Session>();
  const sessionOf = (name: string) => {
    const session = restored.get(name);
    if (!session) throw new Error(`no session record before this record of session "${name}"`);
    return session;
  };
  return {
    *records(): Generator<StateRecord> {
      for (const session of engine.allSessions()) {
        yield {
          t: 'session',
          session: session.name,
          clock: session.clock.snapshot(),
          faults: session.faults.map((f) => ({ ...f })),
          counters: Object.fromEntries(session.counters),
        };
        for (const [api, jobs] of session.jobs) {
          for (const job of jobs.values()) yield { t: 'job', session: session.name, api, job };
        }
      }
    },
    restore(record: StateRecord): void {
      switch (record.t) {
        case 'session': {
          const session: Session = {
            name: record.session,
            clock: restoreClock(record.clock),
            faults: record.faults.map((f) => ({ ...f })),
            jobs: restored.get(record.session)?.jobs ?? new Map(),
            counters: new Map(Object.entries(record.counters)),
          };
          restored.set(session.name, session);
          engine.restoreSession(session);
          return;
        }
        case 'job': {
          const { job } = record;
          jobsOf(sessionOf(record.session), record.api).set(job.id, {
            id: job.id,
            state: job.state,
            held: job.held,
            owner: job.owner,
            history: [...job.history],
            data: job.data as Record<string, unknown>,
          });
          return;
        }
        case 'job-gone':
          jobsOf(sessionOf(record.session), record.api).delete(record.id);
          return;
        case 'session-gone':
          restored.delete(record.session);
          engine.reset(record.session);
          return;
        case 'data':
        case 'data-gone':
          return;
      }
    },
  };
}

/**
 * Keeps a journal in step with an engine that does not report its changes: `changed()` after a call starts a
 * whole snapshot (a compaction) within `intervalMs`, and another one after it while calls keep changing things.
 * Changes made since the last completed snapshot are lost by a kill -9; `settle()` writes them (SIGTERM).
 */
export class SnapshotSchedule {
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly journal: Pick<StateJournal, 'compact'>,
    private readonly intervalMs = 100,
  ) {}

  /** Notes that the state may have changed. */
  changed(): void {
    this.dirty = true;
    if (this.timer || this.running) return;
    this.timer = setTimeout(() => this.start(), this.intervalMs);
    this.timer.unref();
  }

  /** Waits for the snapshot under way, then writes one more if anything changed since it began. */
  async settle(): Promise<void> {
    await this.running;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.dirty) await this.snapshots();
  }

  private start(): void {
    this.timer = undefined;
    this.running = this.snapshots().finally(() => {
      this.running = undefined;
      if (this.dirty) this.changed();
    });
  }

  private async snapshots(): Promise<void> {
    while (this.dirty) {
      this.dirty = false;
      await this.journal.compact();
    }
  }
}
