import type { StoredJob } from '../../../src/core/job';
import { newJob } from '../../../src/core/job';
import { defineMachine } from '../../../src/core/machine';
import { MemoryStore } from '../../../src/store/memory-store';
import type { Transaction } from '../../../src/store/store';

interface Data {
  after?: string[];
}

/** queued → running → done (or failed), where a queued job waits for the jobs in `after` to be done. */
const machine = defineMachine({
  states: ['queued', 'running', 'done', 'failed'],
  initial: 'queued',
  terminal: ['done', 'failed'],
  transitions: { queued: ['running', 'failed'], running: ['done', 'failed'] },
  cancellable: ['queued'],
  cancelTo: 'failed',
  timeline: { queued: ['running', 1_000], running: ['done', 5_000] },
  gate: {
    waitsFor: (job) => (job.state === 'queued' ? ((job.data as Data).after ?? []) : []),
    decide: (_job, step, others) => {
      const failed = others.find((o) => o?.state === 'failed');
      if (failed)
        return { to: 'failed', at: failed.history[failed.history.length - 1]!.at, note: 'dependency failed' };
      if (!others.every((o) => o?.state === 'done')) return { wait: true };
      return { at: Math.max(step.at, ...others.map((o) => o!.history[o!.history.length - 1]!.at)) };
    },
  },
});

function session() {
  const store = new MemoryStore({ clock: 'manual' });
  const tx = <T>(work: (tx: Transaction) => T): T => store.transact('s', work, 'create');
  const table = (t: Transaction) => t.jobs<(typeof machine.states)[number], Data>('api', machine);
  const add = (id: string, data: Data = {}) =>
    tx((t) => table(t).add(newJob(id, 'queued', t.now(), data) as StoredJob<'queued', Data>));
  const state = (id: string) => tx((t) => table(t).get(id)?.state);
  return { store, tx, table, add, state, advance: (ms: number) => tx((t) => t.advanceClock(ms)) };
}

describe('JobTable with a timeline gate', () => {
  it('holds a job until the jobs it waits for are done, then moves it at the time the last one was', () => {
    const s = session();
    const start = s.tx((t) => t.now());
    s.add('a');
    s.add('b', { after: ['a'] });
    s.advance(3_000);
    expect([s.state('a'), s.state('b')]).toEqual(['running', 'queued']);
    s.advance(10_000); // read long after a was done: b's history says when it really moved
    const b = s.tx((t) => s.table(t).get('b')!);
    expect(b.history.map((h) => [h.state, h.at - start])).toEqual([
      ['queued', 0],
      ['running', 6_000],
      ['done', 11_000],
    ]);
  });

  it('sends a job where the gate says: failed, when what it waits for failed', () => {
    const s = session();
    s.add('a');
    s.add('b', { after: ['a'] });
    s.tx((t) => s.table(t).move(s.table(t).get('a')!, 'failed', { note: 'cancelled' }));
    s.advance(1_000);
    const b = s.tx((t) => s.table(t).get('b')!);
    expect(b.state).toBe('failed');
    expect(b.history[b.history.length - 1]).toMatchObject({ note: 'dependency failed' });
  });

  it('moves a chain of 20,000 jobs read from its far end (no recursion to overflow the stack)', () => {
    const s = session();
    s.tx((t) => {
      for (let i = 0; i < 20_000; i++)
        s.table(t).add(newJob(`j${i}`, 'queued', t.now(), i ? { after: [`j${i - 1}`] } : {}) as never);
    });
    s.advance(1_000 + 5_000);
    expect(s.state('j19999')).toBe('queued');
    expect(s.state('j0')).toBe('done');
    expect(s.state('j1')).toBe('running');
    s.advance(20_000 * 5_000);
    expect(s.state('j19999')).toBe('done');
  });

  it('cuts a cycle instead of looping (the jobs in it wait)', () => {
    const s = session();
    s.add('a', { after: ['b'] });
    s.add('b', { after: ['a'] });
    s.advance(60_000);
    expect([s.state('a'), s.state('b')]).toEqual(['queued', 'queued']);
  });

  it('applies the gate when scanning too', () => {
    const s = session();
    s.add('a');
    s.add('b', { after: ['a'] });
    s.advance(2_000);
    expect(s.tx((t) => [...s.table(t).scan()].map((j) => `${j.id}:${j.state}`))).toEqual([
      'a:running',
      'b:queued',
    ]);
    s.advance(5_000);
    expect(s.tx((t) => [...s.table(t).scan()].map((j) => `${j.id}:${j.state}`))).toEqual([
      'a:done',
      'b:running',
    ]);
  });
});
