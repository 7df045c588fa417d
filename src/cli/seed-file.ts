import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
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
