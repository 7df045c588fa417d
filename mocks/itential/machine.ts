import { defineMachine } from '../../src/index';

/**
 * Itential WorkFlowEngine job lifecycle (JobStatus in the spec). A job starts `running` and completes on its
 * own after 20 s of virtual time; it may be paused and resumed, may end a task in `error` (resumable) or stop
 * `incomplete` (a task finished with no transition to follow). cancelJob takes any active job — running,
 * paused, error, incomplete (`x-cancellable-states`) — to `canceled`; complete and canceled are final.
 */
export const machine = defineMachine({
  states: ['running', 'paused', 'error', 'incomplete', 'complete', 'canceled'],
  initial: 'running',
  terminal: ['complete', 'canceled'],
  transitions: {
    running: ['paused', 'error', 'incomplete', 'complete', 'canceled'],
    paused: ['running', 'canceled'],
    error: ['running', 'canceled'],
    incomplete: ['canceled'],
  },
  cancellable: ['running', 'paused', 'error', 'incomplete'],
  cancelTo: 'canceled',
  timeline: { running: ['complete', 20_000] },
});

export type ItentialState = (typeof machine.states)[number];

/** The states pauseJob and resumeJob act on (resumeJob also restarts an errored job, as its spec says). */
export const PAUSABLE: readonly ItentialState[] = ['running'];
export const RESUMABLE: readonly ItentialState[] = ['paused', 'error'];
