import { sizeOf } from './budget';
import type { UnitOfWork } from './unit-of-work';

/** One API's data entries of one session: a Map in memory, a shared store's view of them in a transaction. */
export interface DataEntries {
  get(key: string): unknown;
  has(key: string): boolean;
  set(key: string, value: unknown): unknown;
  delete(key: string): boolean;
  entries(): IterableIterator<[string, unknown]>;
}

/** What a SessionData works in: one API's data of one session, inside one transaction. */
export interface SessionDataScope {
  readonly api: string;
  readonly entries: DataEntries;
  readonly work: UnitOfWork;
  grow(bytes: number): void;
  /**
   * Set entries without reading them first (a shared store: a run that fails is thrown away, so there is nothing
   * to undo, and the store counts bytes when it commits). A key made up during the call, such as a new token,
   * then costs no read.
   */
  readonly blindWrites?: boolean | undefined;
}

/**
 * What an API keeps in a session besides its jobs (login tokens, issued credentials), by key. It lives and
 * dies with the session: persisted by `--state-file`, shared by replicas, cleared by a reset. Values are
 * plain JSON data, replaced whole.
 *
 * @example call.data.set(`token:${token}`, { user: 'admin', expiresAt }); call.data.get(`token:${token}`);
 */
export class SessionData<V = unknown> {
  constructor(private readonly scope: SessionDataScope) {}

  get(key: string): V | undefined {
    return this.scope.entries.get(key) as V | undefined;
  }

  has(key: string): boolean {
    return this.scope.entries.has(key);
  }

  set(key: string, value: V): void {
    const { entries, work, api } = this.scope;
    if (this.scope.blindWrites) {
      entries.set(key, value);
      work.dataChanged(api, key);
      return;
    }
    const had = entries.has(key);
    const before = entries.get(key);
    const bytes = key.length + sizeOf(value) - (had ? key.length + sizeOf(before) : 0);
    this.scope.grow(bytes);
    entries.set(key, value);
    work.dataChanged(api, key);
    work.onUndo(() => {
      if (had) entries.set(key, before);
      else entries.delete(key);
      this.scope.grow(-bytes);
    });
  }

  delete(key: string): boolean {
    const { entries, work, api } = this.scope;
    if (!entries.has(key)) return false;
    const before = entries.get(key);
    const bytes = key.length + sizeOf(before);
    entries.delete(key);
    this.scope.grow(-bytes);
    work.dataChanged(api, key);
    work.onUndo(() => {
      entries.set(key, before);
      this.scope.grow(bytes);
    });
    return true;
  }

  /** Every key with its value. */
  entries(): IterableIterator<[string, V]> {
    return this.scope.entries.entries() as IterableIterator<[string, V]>;
  }
}
