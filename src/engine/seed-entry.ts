import type { AnyApiDefinition, JobSeed } from '../api';

/** One entry of a seed: a job (or `count` jobs) of an API in a state. */
export interface SeedEntry extends JobSeed {
  readonly api: string;
  /** How many jobs like this to create (ids are generated); 1 when absent. */
  readonly count?: number | undefined;
  /** Whether the jobs stay in their state (true) or follow the timeline (false, the default for seeds). */
  readonly held?: boolean | undefined;
}

/** Demo data: one job in every state of every API, held there so the printed examples keep working. */
export function demoSeed(apis: readonly AnyApiDefinition[]): SeedEntry[] {
  return apis.flatMap((api) =>
    api.machine.states.map((state: string) => ({ api: api.id, state, held: true })),
  );
}
