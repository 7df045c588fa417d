import { defineMachine } from '../../src/index';

/**
 * A workload item job instance (JobInstanceStatus): `NotStarted` → `InProgress` → `Completed` | `Failed` |
 * `Cancelled`. Cancel takes effect before the job finishes (the cancel operation's `x-cancellable-states`).
 * A created job starts after 2 s and completes 10 s later on the virtual clock; `Failed` is reached through
 * the admin API and provider states.
 */
export const machine = defineMachine({
  states: ['NotStarted', 'InProgress', 'Completed', 'Failed', 'Cancelled'],
  initial: 'NotStarted',
  terminal: ['Completed', 'Failed', 'Cancelled'],
  transitions: {
    NotStarted: ['InProgress', 'Failed', 'Cancelled'],
    InProgress: ['Completed', 'Failed', 'Cancelled'],
  },
  cancellable: ['NotStarted', 'InProgress'],
  cancelTo: 'Cancelled',
  timeline: {
    NotStarted: ['InProgress', 2_000],
    InProgress: ['Completed', 10_000],
  },
});

export type FabricState = (typeof machine.states)[number];
