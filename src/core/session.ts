import type { Clock, ClockMode } from './clock';
import { createClock } from './clock';
import type { InjectedFault } from './injected-fault';
import type { Job } from './job';

/** One isolated world: its own jobs per API, clock and injected faults. */
export interface Session {
  readonly name: string;
  clock: Clock;
  readonly faults: InjectedFault[];
  /** Jobs by API id, then by job id. */
  readonly jobs: Map<string, Map<string, Job>>;
  /** Counters for ids that APIs number themselves (BigChange job ids, history ids). */
  readonly counters: Map<string, number>;
}

export function newSession(name: string, mode: ClockMode, speed: number): Session {
  return { name, clock: createClock(mode, speed), faults: [], jobs: new Map(), counters: new Map() };
}

/** The jobs of one API in a session (created on first use). */
export function jobsOf(session: Session, api: string): Map<string, Job> {
  let jobs = session.jobs.get(api);
  if (!jobs) {
    jobs = new Map();
    session.jobs.set(api, jobs);
  }
  return jobs;
}

/** The next number of a named counter, starting at `start`. */
export function nextNumber(session: Session, counter: string, start = 1): number {
  const next = (session.counters.get(counter) ?? start - 1) + 1;
  session.counters.set(counter, next);
  return next;
}

export function totalJobs(session: Session): number {
  let total = 0;
  for (const jobs of session.jobs.values()) total += jobs.size;
  return total;
}
