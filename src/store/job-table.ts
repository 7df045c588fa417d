import { fault } from '../core/fault';
import type { Job, StoredJob } from '../core/job';
import { enteredAt, isDue, moveJob, progressJob } from '../core/job';
import type { Machine } from '../core/machine';
import type { TimelineGate } from '../core/timeline-gate';
import { entryBytes, jobBytes, sizeOf } from './budget';
import type { JobSource } from './job-source';
import type { UnitOfWork } from './unit-of-work';

/** What a JobTable works in: one API's jobs of one session, inside one transaction. */
export interface JobTableScope {
  readonly api: string;
  readonly jobs: JobSource;
  readonly work: UnitOfWork;
  now(): number;
  /** Counts bytes the session grows by; throws LimitExceeded (changing nothing) past the budget. */
  grow(bytes: number): void;
  /** The most jobs the session may hold, and how many it holds. */
  readonly capacity: { readonly max: number; count(): number };
}

/** How a call changes a job it moves: the reason to record, and fields of its data to replace. */
export interface MoveOptions<D> {
  readonly note?: string | undefined;
  readonly data?: Partial<D> | undefined;
}

/**
 * One API's jobs in one session, as a call sees them: look-ups are O(1), a job read through the table has first
 * been moved along its timeline to the current virtual time, and every change goes through the table, which
 * checks the session's limits, records the change (for persistence and the journal) and can undo it.
 */
export class JobTable<S extends string = string, D = Record<string, unknown>> {
  constructor(
    private readonly scope: JobTableScope,
    readonly machine: Machine<S>,
  ) {}

  /** The job of that id, moved to the current time; undefined when there is none. */
  get(id: string): Job<S, D> | undefined {
    this.scope.work.jobsRead.push(id);
    const job = this.find(id);
    if (job) this.progress(job);
    return job;
  }

  has(id: string): boolean {
    return this.scope.jobs.has(id);
  }

  /** Every job, in creation order, each moved to the current time. For reading: scanning copies nothing. */
  *scan(): IterableIterator<Job<S, D>> {
    const now = this.scope.now();
    const gated = this.machine.gate !== undefined;
    for (const job of this.scope.jobs.values() as IterableIterator<StoredJob<S, D>>) {
      if (isDue(this.machine, job, now)) {
        if (gated) this.progress(job);
        else progressJob(this.machine, job, now);
      }
      yield job;
    }
  }

  get size(): number {
    return this.scope.jobs.size;
  }

  /** Stores a new job. Throws LimitExceeded when the session is full; an id in use is a programming error. */
  add(job: StoredJob<S, D>): Job<S, D> {
    const { jobs, work, capacity, api } = this.scope;
    if (jobs.has(job.id)) throw new Error(`${api}: job ${job.id} exists already`);
    if (capacity.count() >= capacity.max) {
      throw fault(
        'LimitExceeded',
        `This session holds the maximum of ${capacity.max} jobs; reset it or raise --max-jobs`,
      );
    }
    const bytes = jobBytes(job);
    this.scope.grow(bytes);
    jobs.set(job as StoredJob);
    work.jobChanged(api, job.id);
    work.transitions.push({ api, jobId: job.id, from: undefined, to: job.state, cause: 'call' });
    work.onUndo(() => {
      jobs.delete(job.id);
      this.scope.grow(-bytes);
    });
    return job;
  }

  /** Puts a job in place of the one of that id, if any (provider states, admin). */
  replace(job: StoredJob<S, D>): Job<S, D> {
    const old = this.scope.jobs.get(job.id);
    if (old) this.delete(job.id);
    return this.add(job);
  }

  /** Removes a job; true when there was one. */
  delete(id: string): boolean {
    const { jobs, work, api } = this.scope;
    const untouched = jobs.isSeed(id);
    const old = jobs.delete(id);
    if (!old) return false;
    // A seed job's data is counted once for the whole store, not in the session.
    const bytes = untouched ? 0 : jobBytes(old, { data: !jobs.inSeed(id) });
    this.scope.grow(-bytes);
    work.jobChanged(api, id);
    work.onUndo(() => {
      jobs.set(old);
      this.scope.grow(bytes);
    });
    return true;
  }

  /** Moves a job to `to` now (a move the machine allows), recording why, and replacing fields of its data. */
  move(job: Job<S, D>, to: S, options: MoveOptions<D> = {}): void {
    const stored = this.stored(job);
    const from = stored.state;
    const before = { length: stored.history.length, data: stored.data };
    const bytes = ENTRY_BYTES + (options.note?.length ?? 0) + sizeOf(options.data);
    this.scope.grow(bytes);
    moveJob(this.machine, stored, to, this.scope.now(), options.note);
    if (options.data) stored.data = { ...stored.data, ...options.data };
    this.changed(stored, () => {
      stored.state = from;
      stored.history.length = before.length;
      stored.data = before.data;
      this.scope.grow(-bytes);
    });
    this.scope.work.transitions.push({ api: this.scope.api, jobId: job.id, from, to, cause: 'call' });
  }

  /** Replaces fields of a job's data. */
  update(job: Job<S, D>, data: Partial<D>): void {
    const stored = this.stored(job);
    const before = stored.data;
    const bytes = sizeOf(data);
    this.scope.grow(bytes);
    stored.data = { ...before, ...data };
    this.changed(stored, () => {
      stored.data = before;
      this.scope.grow(-bytes);
    });
  }

  /** Holds a job in its state (true) or lets it follow the timeline again (false). */
  hold(job: Job<S, D>, held: boolean): void {
    const stored = this.stored(job);
    const before = stored.held;
    if (before === held) return;
    if (!held) this.progress(stored);
    stored.held = held;
    this.changed(stored, () => (stored.held = before));
  }

  /** The stored job of that id (a seed job gets the session's own copy, counted), not moved. */
  private find(id: string): StoredJob<S, D> | undefined {
    const { jobs } = this.scope;
    const fromSeed = jobs.isSeed(id);
    const job = jobs.get(id) as StoredJob<S, D> | undefined;
    if (job && fromSeed) this.scope.grow(jobBytes(job, { data: false }));
    return job;
  }

  private stored(job: Job<S, D>): StoredJob<S, D> {
    const stored = this.scope.jobs.get(job.id) as StoredJob<S, D> | undefined;
    if (stored !== job) throw new Error(`${this.scope.api}: job ${job.id} is not one of this table's`);
    return stored;
  }

  private changed(job: StoredJob<S, D>, undo: () => void): void {
    this.scope.work.jobChanged(this.scope.api, job.id);
    this.scope.work.onUndo(undo);
  }

  /** Moves a job along its timeline; the moves are not changes to persist (they follow from the clock). */
  private progress(job: StoredJob<S, D>): void {
    const now = this.scope.now();
    if (!isDue(this.machine, job, now)) return;
    const gate = this.machine.gate;
    if (gate) {
      this.progressGated(job, gate, now);
      return;
    }
    let from = job.state;
    for (const to of progressJob(this.machine, job, now)) this.timelineMoved(job, from, (from = to));
  }

  /**
   * Moves a job whose steps a gate may hold: first the jobs its next step waits for (depth first, with a stack of
   * its own rather than recursion, so a chain of ten thousand dependencies cannot overflow the call stack), then
   * the job, as far as its gate lets it; when it reaches a step that waits for other jobs, those are moved first.
   * A job already on the stack counts as moved, which cuts cycles.
   */
  private progressGated(root: StoredJob<S, D>, gate: TimelineGate<S>, now: number): void {
    const stack = [root];
    const onStack = new Set([root.id]);
    const done = new Set<string>();
    const ready = (id: string) => done.has(id) || onStack.has(id);
    while (stack.length) {
      const job = stack[stack.length - 1]!;
      const behind = isDue(this.machine, job, now) ? gate.waitsFor(job).filter((id) => !ready(id)) : [];
      if (behind.length) {
        for (const id of behind) {
          const other = this.find(id);
          if (!other) done.add(id);
          else if (!onStack.has(id)) {
            onStack.add(id);
            stack.push(other);
          }
        }
        continue;
      }
      if (this.stepGated(job, gate, now, ready)) continue;
      stack.pop();
      onStack.delete(job.id);
      done.add(job.id);
    }
  }

  /**
   * The job's due steps up to `now`, each as its gate decides. Returns true when it stopped at a step that waits
   * for jobs not moved yet (they go first, then the job goes on).
   */
  private stepGated(
    job: StoredJob<S, D>,
    gate: TimelineGate<S>,
    now: number,
    ready: (id: string) => boolean,
  ): boolean {
    for (let step = this.machine.timeline[job.state]; step; step = this.machine.timeline[job.state]) {
      const due = enteredAt(job) + step[1];
      if (due > now) return false;
      const ids = gate.waitsFor(job);
      if (ids.some((id) => !ready(id))) return true;
      const others = ids.map((id) => this.scope.jobs.get(id) as StoredJob<S, D> | undefined);
      const decision = gate.decide(job, { to: step[0], at: due }, others) ?? {};
      if (decision.wait) return false;
      const at = Math.max(due, decision.at ?? due);
      if (at > now) return false;
      const from = job.state;
      moveJob(this.machine, job, decision.to ?? step[0], at, decision.note);
      this.timelineMoved(job, from, job.state);
    }
    return false;
  }

  private timelineMoved(job: StoredJob<S, D>, from: S, to: S): void {
    this.scope.work.transitions.push({ api: this.scope.api, jobId: job.id, from, to, cause: 'timeline' });
  }
}

const ENTRY_BYTES = entryBytes({ state: '', at: 0 });
