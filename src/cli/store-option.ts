/** `--store`: where sessions live. */
export type StoreChoice = { readonly kind: 'memory' } | { readonly kind: 'redis'; readonly url: string };

/** `memory`, or a Redis URL (`redis://host:port/db`, `rediss://` for TLS); anything else stops with a message. */
export function storeChoice(value: string): StoreChoice {
  if (value === 'memory') return { kind: 'memory' };
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || !url.hostname) {
    throw new Error(`--store must be memory or redis://host:port/db, not "${value}"`);
  }
  const db = url.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d{1,2}$/.test(db))
    throw new Error(`--store ${value}: the database is a number (redis://host:port/0), not "${db}"`);
  return { kind: 'redis', url: value };
}

/**
 * `--workers N` and the options it goes with: several processes share sessions only through a shared store,
 * and `--state-file` keeps the in-memory store's sessions, not Redis's.
 */
export function checkStoreOptions(store: StoreChoice, workers: number, stateFile: string | undefined): void {
  if (!Number.isInteger(workers) || workers < 1 || workers > 64)
    throw new Error(`--workers must be a whole number from 1 to 64, not "${workers}"`);
  if (workers > 1 && store.kind !== 'redis') {
    throw new Error(
      `--workers ${workers} needs --store redis://host:port/db: each worker is a process of its own, and only a shared store gives them one set of sessions, jobs and clocks`,
    );
  }
  if (stateFile !== undefined && store.kind === 'redis') {
    throw new Error(
      '--state-file keeps the in-memory store across restarts; with --store redis://… the sessions are kept in Redis (turn on its appendonly persistence)',
    );
  }
}
