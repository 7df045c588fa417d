import { JobTrack } from '../../../src/conform/job-track';
import { defineMachine } from '../../../src/core/machine';

const machine = defineMachine({
  states: ['queued', 'running', 'done', 'cancelled'],
  initial: 'queued',
  terminal: ['done', 'cancelled'],
  transitions: { queued: ['running', 'cancelled'], running: ['done', 'cancelled'] },
  cancellable: ['queued', 'running'],
  cancelTo: 'cancelled',
  timeline: { queued: ['running', 1000], running: ['done', 5000] },
});

/** The observations of a job read in these states, one after the other. */
function track(...states: (string | undefined)[]) {
  const job = new JobTrack(machine, 'j1');
  return { job, seen: states.map((s) => job.observe(s)) };
}

describe('JobTrack', () => {
  it('takes moves of the machine, and says what changed', () => {
    const { job, seen } = track('queued', 'queued', 'running', 'cancelled');
    expect(seen).toEqual([{}, {}, { change: 'queued → running' }, { change: 'running → cancelled' }]);
    expect(job.states).toEqual(['queued', 'running', 'cancelled']);
  });

  it('takes a change through states the reads did not catch', () => {
    expect(track('queued', 'done').seen[1]).toEqual({ change: 'queued → done (through states not seen)' });
  });

  it.each([
    [
      'out of a final state',
      ['done', 'running'],
      'done → running is not a move of the machine (from done: none, done is final)',
    ],
    [
      'backwards',
      ['running', 'queued'],
      'running → queued is not a move of the machine (from running: done, cancelled)',
    ],
  ])('refuses a move %s', (_what, states, message) => {
    expect(track(...states).seen[1]!.problem).toEqual({ kind: 'move', message });
  });

  it('takes a move the machine does not allow when the API model made it in a profile', () => {
    const job = new JobTrack(machine, 'j1');
    job.observe('done');
    const modelled = (from: string, to: string) =>
      from === 'done' && to === 'cancelled' ? ['upstream'] : [];
    expect(job.observe('cancelled', modelled)).toEqual({
      change: 'done → cancelled (as the upstream profile does)',
    });
    expect(job.observe('running', modelled).problem?.kind).toBe('move');
  });

  it('refuses a state the machine does not have, and a read that shows none', () => {
    const { job, seen } = track('queued', 'CANCELLED', undefined);
    expect(seen[1]!.problem).toEqual({
      kind: 'state',
      message: '"CANCELLED" is not a state of the machine (queued, running, done, cancelled)',
    });
    expect(seen[2]!.problem).toEqual({ kind: 'state', message: 'the read shows no state of job j1' });
    expect(job.state).toBe('queued');
  });
});
