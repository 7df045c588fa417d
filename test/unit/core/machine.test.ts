import { defineMachine, reachableStates } from '../../../src/core/machine';
import { newJob, progressJob } from '../../../src/core/job';

const machine = defineMachine({
  states: ['queued', 'running', 'done', 'cancelled'],
  initial: 'queued',
  terminal: ['done', 'cancelled'],
  transitions: { queued: ['running', 'cancelled'], running: ['done', 'cancelled'] },
  cancellable: ['queued', 'running'],
  cancelTo: 'cancelled',
  timeline: { queued: ['running', 1000], running: ['done', 5000] },
});

describe('defineMachine', () => {
  it.each([
    ['an unknown initial state', { initial: 'nope' }],
    ['a cancellable state with no move to cancelTo', { cancellable: ['done'] }],
    ['a timeline step that is not a transition', { timeline: { queued: ['done', 1] } }],
    ['a terminal state with transitions', { transitions: { done: ['queued'] } }],
  ])('refuses %s', (_what, change) => {
    expect(() => defineMachine({ ...machine, ...change } as never)).toThrow(/machine:/);
  });

  it('finds every reachable state', () => {
    expect([...reachableStates(machine)].sort()).toEqual(['cancelled', 'done', 'queued', 'running']);
  });

  it('finds the states reachable from a given one, and none from a final state', () => {
    expect([...reachableStates(machine, 'running')].sort()).toEqual(['cancelled', 'done', 'running']);
    expect([...reachableStates(machine, 'done')]).toEqual(['done']);
  });
});

describe('progressJob', () => {
  it('moves a job along its timeline at the times the steps were due', () => {
    const job = newJob('j', 'queued', 0, {});
    expect(progressJob(machine, job, 6_500)).toEqual(['running', 'done']);
    expect(job.history).toEqual([
      { state: 'queued', at: 0 },
      { state: 'running', at: 1000 },
      { state: 'done', at: 6000 },
    ]);
  });

  it('does not move a job before its step is due', () => {
    const job = newJob('j', 'queued', 0, {});
    expect(progressJob(machine, job, 999)).toEqual([]);
    expect(job.state).toBe('queued');
  });

  it('never moves a held job', () => {
    const job = newJob('j', 'queued', 0, {}, { held: true });
    progressJob(machine, job, 1_000_000);
    expect(job.state).toBe('queued');
  });
});
