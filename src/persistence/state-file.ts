import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import type { ClockSnapshot } from '../core/clock';
import { restoreClock } from '../core/clock';
import type { InjectedFault } from '../core/injected-fault';
import type { HistoryEntry, Job } from '../core/job';
import type { Session } from '../core/session';
import type { Engine } from '../engine/engine';

/** What `--state-file` holds: every session with its jobs, clock, faults and id counters. */
export interface StateDocument {
  readonly format: 'jobmock-state';
  readonly version: 1;
  readonly savedAt: string;
  readonly sessions: readonly SessionState[];
}

export interface SessionState {
  readonly name: string;
  readonly clock: ClockSnapshot;
  readonly faults: readonly InjectedFault[];
  readonly counters: Readonly<Record<string, number>>;
  /** Jobs by API id, in creation order. */
  readonly jobs: Readonly<Record<string, readonly JobState[]>>;
}

export interface JobState {
  readonly id: string;
  readonly state: string;
  readonly held: boolean;
  readonly owner?: string;
  readonly history: readonly HistoryEntry[];
  readonly data: unknown;
}

/** How often, at most, the state file is rewritten while calls keep changing the state. */
export const STATE_WRITE_INTERVAL_MS = 100;

/** Every session of the engine as a plain, JSON-ready document. */
export function serializeState(engine: Pick<Engine, 'allSessions'>): StateDocument {
  return {
    format: 'jobmock-state',
    version: 1,
    savedAt: new Date().toISOString(),
    sessions: engine.allSessions().map(serializeSession),
  };
}

function serializeSession(session: Session): SessionState {
  const jobs: Record<string, JobState[]> = {};
  for (const [api, table] of session.jobs) {
    jobs[api] = [...table.values()].map((job) => ({
      id: job.id,
      state: job.state,
      held: job.held,
      ...(job.owner === undefined ? {} : { owner: job.owner }),
      history: job.history,
      data: job.data,
    }));
  }
  return {
    name: session.name,
    clock: session.clock.snapshot(),
    faults: session.faults,
    counters: Object.fromEntries(session.counters),
    jobs,
  };
}

/** Puts every session of a state document back into the engine (sessions of the same name are replaced). */
export function restoreState(engine: Pick<Engine, 'restoreSession'>, document: StateDocument): void {
  for (const s of document.sessions) {
    const jobs = new Map<string, Map<string, Job>>();
    for (const [api, list] of Object.entries(s.jobs)) {
      jobs.set(
        api,
        new Map(
          list.map((j) => [
            j.id,
            {
              id: j.id,
              state: j.state,
              held: j.held,
              owner: j.owner,
              history: [...j.history],
              data: j.data as Record<string, unknown>,
            },
          ]),
        ),
      );
    }
    engine.restoreSession({
      name: s.name,
      clock: restoreClock(s.clock),
      faults: s.faults.map((f) => ({ ...f })),
      jobs,
      counters: new Map(Object.entries(s.counters)),
    });
  }
}

/**
 * Reads a state file; undefined when there is none yet. A file that is not a jobmock state document is an
 * error (starting empty would silently throw the saved state away on the next write).
 */
export function readStateFile(path: string): StateDocument | undefined {
  if (!existsSync(path)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path} is not a jobmock state file: ${(error as Error).message}`);
  }
  checkDocument(parsed, path);
  return parsed;
}

function checkDocument(value: unknown, path: string): asserts value is StateDocument {
  const doc = value as Partial<StateDocument> | null;
  if (!doc || doc.format !== 'jobmock-state' || doc.version !== 1 || !Array.isArray(doc.sessions)) {
    throw new Error(`${path} is not a jobmock state file (format jobmock-state, version 1)`);
  }
  doc.sessions.forEach((s: Partial<SessionState> | null, i) => {
    const clock = s?.clock as Partial<ClockSnapshot> | undefined;
    if (
      !s ||
      typeof s.name !== 'string' ||
      !clock ||
      (clock.mode !== 'real' && clock.mode !== 'manual') ||
      typeof clock.origin !== 'number' ||
      typeof clock.offset !== 'number' ||
      typeof clock.speed !== 'number' ||
      !Array.isArray(s.faults) ||
      typeof s.counters !== 'object' ||
      typeof s.jobs !== 'object' ||
      s.jobs === null ||
      !Object.values(s.jobs).every(
        (list) =>
          Array.isArray(list) &&
          list.every(
            (j: Partial<JobState> | null) =>
              !!j && typeof j.id === 'string' && typeof j.state === 'string' && Array.isArray(j.history),
          ),
      )
    ) {
      throw new Error(`${path}: sessions[${i}] is not a valid session`);
    }
  });
}

/**
 * Writes a state document atomically: to `<path>.tmp`, flushed to disk, then renamed over `<path>`, so a
 * crash at any moment leaves either the previous complete file or the new one.
 */
export function writeStateFile(path: string, document: StateDocument): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, JSON.stringify(document));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/**
 * Keeps a state file in step with an engine: `changed()` after a call schedules a write, at most one every
 * `intervalMs`; `flush()` writes now (on SIGTERM/SIGINT).
 *
 * @example
 * const state = new StateFile(engine, 'jobmock-state.json');
 * state.load();
 * const service = createMockService({ apis, afterCall: () => state.changed() });
 */
export class StateFile {
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  private lastWrite = 0;

  constructor(
    private readonly engine: Pick<Engine, 'allSessions' | 'restoreSession'>,
    readonly path: string,
    private readonly intervalMs: number = STATE_WRITE_INTERVAL_MS,
  ) {}

  /** Restores the saved sessions; returns how many there were (0 when the file does not exist). */
  load(): number {
    const document = readStateFile(this.path);
    if (!document) return 0;
    restoreState(this.engine, document);
    return document.sessions.length;
  }

  /** Notes that the state may have changed; the write follows within `intervalMs`. */
  changed(): void {
    this.dirty = true;
    if (this.timer) return;
    const wait = Math.max(0, this.lastWrite + this.intervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
    this.timer.unref();
  }

  /** Writes the state now if anything changed since the last write. */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (!this.dirty) return;
    this.dirty = false;
    this.lastWrite = Date.now();
    writeStateFile(this.path, serializeState(this.engine));
  }
}
