import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { AnyApiDefinition } from '../api';
import type { SeedEntry } from '../engine/seed-entry';

/**
 * Reads a seed file: YAML (or JSON) with a `jobs` list, each `{api, state, id?, owner?, count?, held?, fields?}`.
 *
 * @example
 * jobs:
 *   - { api: aws-batch, state: RUNNABLE, id: my-job }
 *   - { api: kbase, state: run, count: 1000 }
 */
export function readSeedFile(path: string): SeedEntry[] {
  const parsed = parse(readFileSync(path, 'utf8')) as unknown;
  const jobs = Array.isArray(parsed) ? parsed : (parsed as { jobs?: unknown } | null)?.jobs;
  if (!Array.isArray(jobs)) throw new Error(`${path}: expected a "jobs" list`);
  return jobs.map((entry: unknown, i) => {
    const e = entry as Partial<SeedEntry> | null;
    if (!e || typeof e.api !== 'string' || typeof e.state !== 'string') {
      throw new Error(`${path}: jobs[${i}] needs "api" and "state" strings`);
    }
    if (e.count !== undefined && (!Number.isInteger(e.count) || e.count < 1)) {
      throw new Error(`${path}: jobs[${i}].count must be a positive integer`);
    }
    return e as SeedEntry;
  });
}

/** Demo data: one job in every state of every API, held there so the printed examples keep working. */
export function demoSeed(apis: readonly AnyApiDefinition[]): SeedEntry[] {
  return apis.flatMap((api) =>
    api.machine.states.map((state: string) => ({ api: api.id, state, held: true })),
  );
}
