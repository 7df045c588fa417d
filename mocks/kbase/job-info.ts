import type { CallContext, HistoryEntry, Job, JobSeed, Profile } from '../../src/index';
import type { JobInfo, JobState, JobTermination } from '../../specs/kbase/types.gen';
import { realnameOf } from './auth';
import type { KbaseState } from './machine';

/** What the store keeps of a KBase job; the state's timestamps come from its history. */
export interface KbaseJobData {
  /** The queue the job runs on (njs, bigmem, ...). */
  clientGroup: string;
  /** EE2 `terminated_code`, set when the job ends in `terminate`. */
  terminatedCode?: JobTermination['code'];
  /** Why the job ended in `error`. */
  errorMessage?: string;
}

export type KbaseJob = Job<KbaseState, KbaseJobData>;
export type KbaseContext = CallContext<KbaseState, KbaseJobData>;

/** Who owns a job when the seed names no one: the demo user. */
export const DEFAULT_OWNER = 'user';
export const DEFAULT_CLIENT_GROUP = 'njs';
export const DEFAULT_ERROR_MESSAGE = 'Job output contains no results';

/** The states a seeded job passes through on its way to each state (create → queue → run → end). */
const PATH_TO: Readonly<Record<KbaseState, readonly KbaseState[]>> = {
  create: ['create'],
  queue: ['create', 'queue'],
  run: ['create', 'queue', 'run'],
  complete: ['create', 'queue', 'run', 'complete'],
  error: ['create', 'queue', 'run', 'error'],
  terminate: ['create', 'queue', 'run', 'terminate'],
};

/** How far apart (ms) the seeded history steps are; the last one is now. */
const SEED_STEP_MS = 1_000;

/**
 * A job in exactly the seed's state, with a history that reached it (one step a second, ending now) so
 * every timestamp the state shows is set. `fields` may give `clientGroup`, `terminatedCode`, `errorMessage`.
 */
export function seedKbaseJob(seed: JobSeed<KbaseState>, context: KbaseContext): KbaseJob {
  const fields = (seed.fields ?? {}) as Partial<KbaseJobData>;
  const path = PATH_TO[seed.state];
  const now = context.now();
  const history: HistoryEntry<KbaseState>[] = path.map((state, i) => ({
    state,
    at: now - (path.length - 1 - i) * SEED_STEP_MS,
  }));
  const data: KbaseJobData = {
    clientGroup: fields.clientGroup ?? DEFAULT_CLIENT_GROUP,
    ...(seed.state === 'terminate' ? { terminatedCode: fields.terminatedCode ?? 0 } : {}),
    ...(seed.state === 'error' ? { errorMessage: fields.errorMessage ?? DEFAULT_ERROR_MESSAGE } : {}),
  };
  return {
    id: seed.id ?? context.newJobId(),
    state: seed.state,
    held: false,
    owner: seed.owner ?? DEFAULT_OWNER,
    history,
    data,
  };
}

function at(job: KbaseJob, state: KbaseState): number | undefined {
  return job.history.find((h) => h.state === state)?.at;
}

/**
 * The job's `state` as the BFF shows it: the variant of its status with the timestamps reached. The real
 * BFF hard-codes `reason.code` 0 for a terminated job, so the upstream profile does too; the documented
 * profile shows the termination code the cancel recorded.
 */
export function jobState(job: KbaseJob, profile: Profile = 'documented'): JobState {
  const create_at = job.history[0]!.at;
  const queue_at = at(job, 'queue');
  const run_at = at(job, 'run');
  const finish_at = job.history[job.history.length - 1]!.at;
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
