import { defineMachine } from '../../src/index';

/**
 * BigChange job lifecycle: the 13 statuses of `JobStatus` that the API shows (lateStart, lateFinish and
 * rescheduled are internal to BigChange's alert management and never visible). Cancel works until the driver
 * starts the work (the cancel docs: "cannot be cancelled if it has already been started, suspended or
 * completed"). A created job follows the timeline new → scheduled → sent → read → accepted → onTheWay →
 * started → completedOk; the other moves (unscheduling, refusal, suspension, completion with issues) are
 * reachable through the admin API and provider states.
 */
export const machine = defineMachine({
  states: [
    'new',
    'scheduled',
    'unscheduled',
    'sent',
    'read',
    'accepted',
    'refused',
    'onTheWay',
    'started',
    'suspended',
    'completedOk',
    'completedWithIssues',
    'cancelled',
  ],
  initial: 'new',
  terminal: ['completedOk', 'completedWithIssues', 'cancelled'],
  transitions: {
    new: ['scheduled', 'unscheduled', 'cancelled'],
    scheduled: ['sent', 'unscheduled', 'cancelled'],
    unscheduled: ['scheduled', 'cancelled'],
    sent: ['read', 'unscheduled', 'cancelled'],
    read: ['accepted', 'refused', 'cancelled'],
    accepted: ['onTheWay', 'started', 'cancelled'],
    refused: ['scheduled', 'unscheduled', 'cancelled'],
    onTheWay: ['started', 'cancelled'],
    started: ['suspended', 'completedOk', 'completedWithIssues'],
    suspended: ['started', 'completedOk', 'completedWithIssues'],
  },
  cancellable: ['new', 'scheduled', 'unscheduled', 'sent', 'read', 'accepted', 'refused', 'onTheWay'],
  cancelTo: 'cancelled',
  timeline: {
    new: ['scheduled', 1_000],
    scheduled: ['sent', 2_000],
    sent: ['read', 2_000],
    read: ['accepted', 2_000],
    accepted: ['onTheWay', 5_000],
    onTheWay: ['started', 10_000],
    started: ['completedOk', 30_000],
  },
});

export type BigChangeState = (typeof machine.states)[number];
