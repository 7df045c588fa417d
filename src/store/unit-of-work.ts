/** A job's move from one state to another, and what caused it. */
export interface Transition {
  readonly api: string;
  readonly jobId: string;
  readonly from: string | undefined;
  readonly to: string;
  /** `call`: the call moved it (or created it); `timeline`: it moved by itself on the clock, seen by the call. */
  readonly cause: 'call' | 'timeline';
}

/**
 * What one transaction changed: the keys to persist, the transitions to report, and how to undo it all when the
 * call fails, so a failed call leaves the store as it was.
 */
export class UnitOfWork {
  /** Changed jobs, by API then id. */
  readonly jobs = new Map<string, Set<string>>();
  /** Changed per-API session data, by API then key. */
  readonly data = new Map<string, Set<string>>();
  /** The session's own fields (clock, faults, counters) changed. */
  session = false;
  /** The session went back to the seed (earlier changes of this transaction are part of the new state). */
  reset = false;
  readonly transitions: Transition[] = [];
  /** Ids of the jobs looked up (found or not), in the order asked. */
  readonly jobsRead: string[] = [];
  private readonly undos: (() => void)[] = [];

  jobChanged(api: string, id: string): void {
    let ids = this.jobs.get(api);
    if (!ids) this.jobs.set(api, (ids = new Set()));
    ids.add(id);
  }

  dataChanged(api: string, key: string): void {
    let keys = this.data.get(api);
    if (!keys) this.data.set(api, (keys = new Set()));
    keys.add(key);
  }

  /** Registers how to take back a change just made. */
  onUndo(undo: () => void): void {
    this.undos.push(undo);
  }

  get changed(): boolean {
    return this.session || this.reset || this.jobs.size > 0 || this.data.size > 0;
  }

  /** Takes back every change, newest first. */
  rollback(): void {
    for (let i = this.undos.length - 1; i >= 0; i--) this.undos[i]!();
    this.undos.length = 0;
  }
}
