import type { FaultState } from '../../../src/core/fault-state';
import { NO_FAULTS } from '../../../src/core/fault-state';
import type { StateRecord } from '../../../src/persistence/state-record';
import { MemoryStore } from '../../../src/store/memory-store';

const STATE: FaultState = {
  faults: [
    { api: 'aws-batch', rateLimit: { ratePerSecond: 2, burst: 4 }, bucket: { tokens: 1.5, at: 123 } },
    { api: 'kbase', network: { kind: 'hang' }, times: 2 },
  ],
  chaos: { seed: 7, rate: 0.25, kinds: ['error', 'empty-reply'] },
  random: -12345,
  throttled: [{ api: 'fabric', operation: 'Jobs_CancelItemJobInstance', until: 999 }],
};

describe('MemoryStore: fault state', () => {
  it('keeps a session’s fault state through its records (chaos, generator, buckets, windows)', () => {
    const store = new MemoryStore({ clock: 'manual' });
    const written: StateRecord[] = [];
    store.onCommit = (records) => written.push(...records);
    store.transact('s1', (tx) => tx.setFaultState(STATE), 'create');
    expect(written).toContainEqual(expect.objectContaining({ t: 'session', session: 's1', ...STATE }));

    const restored = new MemoryStore({ clock: 'manual' });
    for (const record of JSON.parse(JSON.stringify([...store.records()])) as StateRecord[])
      restored.restore(record);
    expect(restored.transact('s1', (tx) => tx.faultState(), 'create')).toEqual(STATE);
    store.close();
    restored.close();
  });

  it('reads session records written before chaos and throttling (faults only)', () => {
    const store = new MemoryStore({ clock: 'manual' });
    const clock = { mode: 'manual', speed: 1, origin: 0, offset: 0 } as const;
    store.restore({ t: 'session', session: 'old', clock, faults: [], counters: {} });
    store.restore({
      t: 'session',
      session: 'older',
      clock,
      faults: [{ api: 'a', status: 500 }],
      counters: {},
    });
    expect(store.transact('old', (tx) => tx.faultState(), 'create')).toBe(NO_FAULTS);
    expect(store.transact('older', (tx) => tx.faultState(), 'create')).toEqual({
      faults: [{ api: 'a', status: 500 }],
    });
    store.close();
  });

  it('undoes a fault state change when the transaction fails, and reset clears it', () => {
    const store = new MemoryStore({ clock: 'manual' });
    expect(() =>
      store.transact(
        's',
        (tx) => {
          tx.setFaultState(STATE);
          throw new Error('boom');
        },
        'create',
      ),
    ).toThrow('boom');
    expect(store.transact('s', (tx) => tx.faultState(), 'create')).toBe(NO_FAULTS);
    store.transact('s', (tx) => tx.setFaultState(STATE), 'create');
    store.transact('s', (tx) => tx.reset(), 'create');
    expect(store.transact('s', (tx) => tx.faultState(), 'create')).toBe(NO_FAULTS);
    store.close();
  });
});
