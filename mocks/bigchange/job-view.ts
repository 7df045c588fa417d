import type { JobSeed, StoredJob } from '../../src/index';
import { createdAt, firstEntered, seededJob } from '../../src/index';
import type { components } from '../../specs/bigchange/types.gen';
import { DEMO_CUSTOMER_ID } from './demo-users';
import type { BigChangeState } from './machine';
import { machine } from './machine';
import type { BigChangeContext, BigChangeJob, BigChangeJobData } from './types';

type Schemas = components['schemas'];

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
  const scheduled = firstEntered(job, 'scheduled');
  return scheduled === undefined ? null : iso(scheduled);
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
    createdAt: iso(createdAt(job)),
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

/**
 * A job in exactly the seed's state, with a history that walks the machine's timeline to it (the status history
 * of a real job), the last step entered now. A cancelled seed carries a cancel reason.
 */
export function seedBigChangeJob(
  seed: JobSeed<BigChangeState>,
  context: BigChangeContext,
): StoredJob<BigChangeState, BigChangeJobData> {
  const fields = (seed.fields ?? {}) as Partial<BigChangeJobData> & { reason?: string };
  const data: BigChangeJobData = {
    reference: fields.reference ?? `DEMO-${seed.state}`,
    description: fields.description ?? `A demo job in ${seed.state}`,
    contactId: fields.contactId ?? 987654,
    ...(fields.plannedStartAt === undefined ? {} : { plannedStartAt: fields.plannedStartAt }),
  };
  const note = seed.state === 'cancelled' ? (fields.reason ?? 'Cancelled by the demo data') : undefined;
  return seededJob(machine, seed.id ?? context.newJobId(), seed.state, context.now(), data, {
    owner: seed.owner ?? String(DEMO_CUSTOMER_ID),
    note,
  });
}
