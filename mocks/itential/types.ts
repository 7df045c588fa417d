import type { CallContext, IssuedToken, Job, ValidCall } from '../../src/index';
import type { ItentialState } from './machine';

/**
 * What the store keeps of a job. Status, task states, times, `locked` and `error` are not stored: they follow
 * from the job's state and history, so a job moved by the clock reads right without a hook.
 */
export interface ItentialJobData {
  /** The workflow the job runs (`Job.name`). */
  workflow: string;
  description?: string;
  variables?: Record<string, unknown>;
  groups: string[];
  /** Username of who started the job (`created_by`). */
  createdBy: string;
  /** User id of the job's owner (`metrics.owner`). */
  ownerId: string;
  /** User id of whoever last paused, resumed or canceled the job. */
  lastUpdatedBy: string;
  watchers: string[];
}

/** What Itential keeps in a session: the login tokens it issued, each standing for a username. */
export type ItentialSessionValue = IssuedToken<string>;

export type ItentialJob = Job<ItentialState, ItentialJobData>;
export type ItentialContext = CallContext<ItentialState, ItentialJobData, ItentialSessionValue>;
export type ItentialCall = ValidCall<ItentialState, ItentialJobData, ItentialSessionValue>;
