import { MemoryStore } from '../../../src/store/memory-store';
import type { StateRecord } from '../../../src/persistence/state-record';

/** The session data that building the seed wrote is every session's to start with. */
describe('MemoryStore seed data', () => {
  function seeded() {
    const store = new MemoryStore({ clock: 'manual' });
    store.setSeed((tx) => tx.data('api').set('queue/demo', { name: 'demo' }));
    return store;
  }

  it('gives each session its own copy of the data the seed made', () => {
    const store = seeded();
    expect(store.transact('one', (tx) => tx.data('api').get('queue/demo'), 'create')).toEqual({
      name: 'demo',
    });
    store.transact('one', (tx) => tx.data('api').delete('queue/demo'), 'create');
    expect(store.transact('one', (tx) => tx.data('api').has('queue/demo'), 'create')).toBe(false);
    expect(store.transact('two', (tx) => tx.data('api').has('queue/demo'), 'create')).toBe(true);
  });

  it('brings it back on reset', () => {
    const store = seeded();
    store.transact('one', (tx) => tx.data('api').delete('queue/demo'), 'create');
    store.transact('one', (tx) => tx.reset(), 'create');
    expect(store.transact('one', (tx) => tx.data('api').has('queue/demo'), 'create')).toBe(true);
  });

  it('keeps a removal of seed data across a compaction and a restore', () => {
    const store = seeded();
    store.transact('one', (tx) => tx.data('api').delete('queue/demo'), 'create');
    const records: StateRecord[] = [...store.records()];
    expect(records).toContainEqual({ t: 'data-gone', session: 'one', api: 'api', key: 'queue/demo' });
    const restored = seeded();
    for (const record of records) restored.restore(record);
    expect(restored.transact('one', (tx) => tx.data('api').has('queue/demo'), 'create')).toBe(false);
  });
});
