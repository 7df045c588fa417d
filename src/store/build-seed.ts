import { createClock } from '../core/clock';
import type { StoredJob } from '../core/job';
import type { Limits } from './budget';
import { ByteBudget, jobBytes, sizeOf } from './budget';
import type { Seed } from './memory-session';
import { EMPTY_SEED, MemorySession } from './memory-session';
import { MemoryTransaction } from './memory-transaction';
import type { Transaction } from './store';

/** A seed and about how many bytes it takes. */
export interface BuiltSeed {
  readonly seed: Seed;
  readonly bytes: number;
}

/**
 * Runs `build` on a template session (manual clock, no limits) and keeps its jobs and counters: the seed every
 * session starts from. Built the same way by every store, so replicas given the same seed hold the same one.
 */
export function buildSeed(build: (tx: Transaction) => void, limits: Limits): BuiltSeed {
  const template = new MemorySession('seed', createClock('manual'), EMPTY_SEED);
  const unlimited = new ByteBudget({ maxSessionBytes: Infinity, maxTotalBytes: Infinity });
  const host = {
    budget: unlimited,
    limits: { ...limits, maxJobs: Infinity },
    freshSession: () => template,
  };
  build(new MemoryTransaction(template, host));
  const jobs = new Map<string, ReadonlyMap<string, StoredJob>>();
  for (const [api, sessionJobs] of template.jobsByApi) jobs.set(api, new Map(mapOf(sessionJobs.values())));
  return {
    seed: { jobs, counters: template.counters, data: template.dataByApi, createdAt: template.clock.now() },
    // The seed's session data (an API's own records the seeding made) is small; each session copies it.
    bytes: estimateBytes(jobs) + sizeOf([...template.dataByApi.values()].map((d) => [...d])),
  };
}

function* mapOf(jobs: Iterable<StoredJob>): Iterable<[string, StoredJob]> {
  for (const job of jobs) yield [job.id, job];
}

/** About how many bytes the seed takes: measured on a sample of each API's jobs (a seed may hold millions). */
function estimateBytes(jobs: ReadonlyMap<string, ReadonlyMap<string, StoredJob>>): number {
  let bytes = 0;
  for (const table of jobs.values()) {
    let sampled = 0;
    let sampleBytes = 0;
    for (const job of table.values()) {
      if (sampled++ >= 100) break;
      sampleBytes += jobBytes(job);
    }
    if (sampled) bytes += Math.round((sampleBytes / Math.min(sampled, 100)) * table.size);
  }
  return bytes;
}
