import type { CallContext, Job, JobSeed, Machine } from '../../src/index';
import { newJob } from '../../src/index';
import type { components } from '../../specs/bigchange/types.gen';
import type { BigChangeState } from './machine';
import { machine } from './machine';

type Schemas = components['schemas'];

/** What the store keeps of a job; status, createdAt and the status history come from its state and history. */
export interface BigChangeJobData {
  reference: string | null;
  description: string | null;
  contactId?: number;
  /** Set when the job was booked for a date; otherwise derived from when it was scheduled. */
  plannedStartAt?: string;
}

export type BigChangeJob = Job<BigChangeState, BigChangeJobData>;
export type BigChangeContext = CallContext<BigChangeState, BigChangeJobData>;

/** The customer every job belongs to unless it was made for another (the `Customer-Id` of the demo data). */
export const DEMO_CUSTOMER_ID = 4321;

/** Spacing of the made-up history of a seeded job (one minute per step). */
const SEED_STEP_MS = 60_000;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The customer a job belongs to (`Customer-Id` as a string). */
export function customerOf(job: BigChangeJob): string {
  return job.owner ?? String(DEMO_CUSTOMER_ID);
}

/** Unscheduled and new jobs have no planned start; a job that was scheduled has the time it was scheduled. */
function plannedStartAt(job: BigChangeJob): string | null {
  if (job.state === 'new' || job.state === 'unscheduled') return null;
  if (job.data.plannedStartAt !== undefined) return job.data.plannedStartAt;
  const scheduled = job.history.find((h) => h.state === 'scheduled');
  return scheduled ? iso(scheduled.at) : null;
}

/** The job as getJob shows it. */
export function jobView(job: BigChangeJob): Schemas['Job'] {
  return {
    id: Number(job.id),
    reference: job.data.reference,
    description: job.data.description,
    status: job.state,
    ...(job.data.contactId === undefined ? {} : { contactId: job.data.contactId }),
    plannedStartAt: plannedStartAt(job),
    createdAt: iso(job.history[0]!.at),
  };
}

/** A status change's id: the job id followed by a three-digit step number, stable across reads. */
function entryId(job: BigChangeJob, index: number): number {
  const id = Number(job.id) * 1000 + index + 1;
  return Number.isSafeInteger(id) ? id : index + 1;
}

/** The job's status changes, oldest first, as getJobStatusHistory shows them. */
export function statusHistory(job: BigChangeJob): Schemas['JobStatusHistoryEntry'][] {
  return job.history.map((entry, index) => ({
    id: entryId(job, index),
    status: entry.state,
    createdAt: iso(entry.at),
    reason: entry.note ?? null,
  }));
}

/** The shortest way through the machine from its initial state to `state`. */
function pathTo<S extends string>(m: Machine<S>, state: S): S[] {
  const previous = new Map<S, S | undefined>([[m.initial, undefined]]);
  const queue: S[] = [m.initial];
  for (let at = queue.shift(); at !== undefined && !previous.has(state); at = queue.shift()) {
    for (const next of m.transitions[at] ?? []) {
      if (!previous.has(next)) {
        previous.set(next, at);
        queue.push(next);
      }
    }
  }
  const path: S[] = [];
  for (let at: S | undefined = state; at !== undefined; at = previous.get(at)) path.unshift(at);
  return path;
}

/**
 * A job in exactly the seed's state, with a history that walks the machine to it (one minute a step,
 * ending now), so its status history looks like a real one. A cancelled seed carries a cancel reason.
 */
export function seedBigChangeJob(seed: JobSeed<BigChangeState>, context: BigChangeContext): BigChangeJob {
  const fields = (seed.fields ?? {}) as Partial<BigChangeJobData> & { reason?: string };
  const now = context.now();
  const path = pathTo(machine, seed.state);
  const start = now - (path.length - 1) * SEED_STEP_MS;
  const data: BigChangeJobData = {
    reference: fields.reference ?? `DEMO-${seed.state}`,
    description: fields.description ?? `A demo job in ${seed.state}`,
    contactId: fields.contactId ?? 987654,
    ...(fields.plannedStartAt === undefined ? {} : { plannedStartAt: fields.plannedStartAt }),
  };
  const owner = seed.owner ?? String(DEMO_CUSTOMER_ID);
  const job = newJob(seed.id ?? context.newJobId(), path[0]!, start, data, { owner });
  path.slice(1).forEach((state, i) => {
    const note = state === 'cancelled' ? (fields.reason ?? 'Cancelled by the demo data') : undefined;
    job.history.push(
      note === undefined
        ? { state, at: start + (i + 1) * SEED_STEP_MS }
        : { state, at: start + (i + 1) * SEED_STEP_MS, note },
    );
  });
  job.state = seed.state;
  return job;
}
