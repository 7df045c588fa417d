import type { JobSeed, Profile, StoredJob } from '../../src/index';
import { createdAt, enteredAt, firstEntered, seededJob } from '../../src/index';
import type { JobInfo, JobState } from '../../specs/kbase/types.gen';
import { DEFAULT_OWNER, realnameOf } from './demo-users';
import type { KbaseState } from './machine';
import { machine } from './machine';
import type { KbaseContext, KbaseJob, KbaseJobData } from './types';

export const DEFAULT_CLIENT_GROUP = 'njs';
export const DEFAULT_ERROR_MESSAGE = 'Job output contains no results';

/**
 * A job in exactly the seed's state, with a history that reached it along EE2's lifecycle (create → queue → run
 * → the end state, entered now), so every timestamp the state shows is set. `fields` may give `clientGroup`,
 * `terminatedCode`, `errorMessage`.
 */
export function seedKbaseJob(
  seed: JobSeed<KbaseState>,
  context: KbaseContext,
): StoredJob<KbaseState, KbaseJobData> {
  const fields = (seed.fields ?? {}) as Partial<KbaseJobData>;
  const data: KbaseJobData = {
    clientGroup: fields.clientGroup ?? DEFAULT_CLIENT_GROUP,
    ...(seed.state === 'terminate' ? { terminatedCode: fields.terminatedCode ?? 0 } : {}),
    ...(seed.state === 'error' ? { errorMessage: fields.errorMessage ?? DEFAULT_ERROR_MESSAGE } : {}),
  };
  return seededJob(machine, seed.id ?? context.newJobId(), seed.state, context.now(), data, {
    owner: seed.owner ?? DEFAULT_OWNER,
  });
}

/**
 * The job's `state` as the BFF shows it: the variant of its status with the timestamps reached. The real
 * BFF hard-codes `reason.code` 0 for a terminated job, so the upstream profile does too; the documented
 * profile shows the termination code the cancel recorded.
 */
export function jobState(job: KbaseJob, profile: Profile = 'documented'): JobState {
  const create_at = createdAt(job);
  const queue_at = firstEntered(job, 'queue');
  const run_at = firstEntered(job, 'run');
  const finish_at = enteredAt(job);
  const client_group = job.data.clientGroup;
  const reached = {
    ...(queue_at === undefined ? {} : { queue_at }),
    ...(run_at === undefined ? {} : { run_at }),
  };
  switch (job.state) {
    case 'create':
      return { status: 'create', create_at };
    case 'queue':
      return { status: 'queue', create_at, queue_at: queue_at ?? create_at, client_group };
    case 'run':
      return {
        status: 'run',
        create_at,
        queue_at: queue_at ?? create_at,
        run_at: run_at ?? create_at,
        client_group,
      };
    case 'complete':
      return {
        status: 'complete',
        create_at,
        queue_at: queue_at ?? create_at,
        run_at: run_at ?? create_at,
        finish_at,
        client_group,
      };
    case 'error':
      return {
        status: 'error',
        create_at,
        ...reached,
        finish_at,
        error: { code: 1, message: job.data.errorMessage ?? DEFAULT_ERROR_MESSAGE },
        client_group,
      };
    case 'terminate':
      return {
        status: 'terminate',
        create_at,
        ...reached,
        finish_at,
        reason: { code: profile === 'upstream' ? 0 : (job.data.terminatedCode ?? 0) },
        client_group,
      };
  }
}

/** The job as `get_jobs` shows it (JobInfo); app and context are unknown to the mock. */
export function jobInfo(job: KbaseJob, profile: Profile = 'documented'): JobInfo {
  const username = job.owner ?? DEFAULT_OWNER;
  return {
    job_id: job.id,
    owner: { username, realname: realnameOf(username) },
    state: jobState(job, profile),
    app: null,
    context: { type: 'unknown' },
  };
}
