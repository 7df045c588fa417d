import type { JobSeed } from '../api';

/** One entry of a seed: a job (or `count` jobs) of an API in a state. */
export interface SeedEntry extends JobSeed {
  readonly api: string;
  /** How many jobs like this to create (ids are generated); 1 when absent. */
  readonly count?: number | undefined;
  /** Whether the jobs stay in their state (true) or follow the timeline (false, the default for seeds). */
  readonly held?: boolean | undefined;
}
