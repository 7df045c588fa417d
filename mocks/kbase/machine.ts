import { defineMachine } from '../../src/index';

/**
 * The KBase Job Browser BFF job lifecycle, in the BFF's own state names (base.json `job_state`; EE2
 * created/queued/running/completed/error/terminated). EE2 cancels any unfinished job (create, queue, run),
 * ending it in `terminate`. Durations are the mock's default timeline.
 */
export const machine = defineMachine({
  states: ['create', 'queue', 'run', 'complete', 'error', 'terminate'],
  initial: 'create',
  terminal: ['complete', 'error', 'terminate'],
  transitions: {
    create: ['queue', 'error', 'terminate'],
    queue: ['run', 'error', 'terminate'],
    run: ['complete', 'error', 'terminate'],
  },
  cancellable: ['create', 'queue', 'run'],
  cancelTo: 'terminate',
  timeline: {
    create: ['queue', 1_000],
    queue: ['run', 2_000],
    run: ['complete', 10_000],
  },
});

export type KbaseState = (typeof machine.states)[number];
