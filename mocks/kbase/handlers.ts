import type { MethodHandler, Principal } from '../../src/index';
import { isCancellable } from '../../src/index';
import type { OpenRpcTypes } from '../../specs/kbase/types.gen';
import { isAdmin } from './auth';
import {
  ee2PermissionError,
  insufficientPrivileges,
  jobNotActive,
  jobNotFound,
  jobsNotFound,
  kbaseRpcError,
  noJobPermission,
  notAdministrator,
  notAnAdministrator,
  upstreamUnknown,
} from './errors';
import { jobInfo } from './job-view';
import type { KbaseState } from './machine';
import type { KbaseJob, KbaseJobData } from './types';

type Methods = OpenRpcTypes['methods'];
type Params<M extends keyof Methods> = Methods[M]['params'];
type Result<M extends keyof Methods> = Methods[M]['result'];
type Handler = MethodHandler<KbaseState, KbaseJobData>;

/** May this caller act on this job: its owner, or an administrator who asked for admin rights. */
function mayAccess(principal: Principal, job: KbaseJob, admin: boolean): boolean {
  return job.owner === principal.subject || (admin && isAdmin(principal));
}

/**
 * EE2 `cancel_job(job_id, terminated_code, as_admin)` behind the BFF: an unfinished job (create, queue, run)
 * ends in `terminate` with the termination code (`code`, default 1 with admin=true, else 0) and a finish
 * time. Documented profile (docs/api.md): 10 unknown job, 21 another user's job without admin or admin=true
 * from a non-admin, 20 a finished job. Upstream profile (EE2Model.cancel_job): admin=true from a non-admin
 * and missing permission are EE2's -32000 PermissionError, 10 has EE2Model's message, and cancelling a
 * finished job is a silent success.
 */
const cancelJob: Handler = (call): Result<'JobBrowserBFF.cancel_job'> => {
  const { job_id, code, admin = false } = call.params as Params<'JobBrowserBFF.cancel_job'>;
  const { principal, profile } = call;
  const user = principal.subject;
  if (profile === 'upstream' && admin && !isAdmin(principal)) {
    throw ee2PermissionError(notAnAdministrator(user));
  }
  const job = call.jobs.get(job_id);
  if (!job) throw jobNotFound(job_id, profile);
  if (!mayAccess(principal, job, admin)) {
    if (profile === 'upstream') throw ee2PermissionError(noJobPermission(user, job_id, 'WRITE'));
    throw insufficientPrivileges(job_id);
  }
  if (profile === 'documented' && admin && !isAdmin(principal)) throw insufficientPrivileges(job_id);
  if (!isCancellable(call.jobs.machine, job.state)) {
    if (profile === 'documented') throw jobNotActive(job_id, job.state);
    return { canceled: true };
  }
  const terminatedCode = code ?? (admin ? 1 : 0);
  call.jobs.move(job, 'terminate', {
    note: `terminated_code ${terminatedCode} by ${user}`,
    data: { terminatedCode },
  });
  return { canceled: true };
};

/**
 * The jobs in the order asked. Any unknown id fails the whole call with 10 (EE2's "Cannot find job with
 * ids"); another user's job is an EE2 -32000 error, which the BFF turns into 1 "Unknown error occurred" (both
 * profiles: the documentation says nothing else). admin=true from a non-admin: 50 in the documented profile
 * (the KIDL), EE2's error turned into 1 in the upstream profile (EE2Model.ee2_get_jobs).
 */
const getJobs: Handler = (call): Result<'JobBrowserBFF.get_jobs'> => {
  const { job_ids, admin = false } = call.params as Params<'JobBrowserBFF.get_jobs'>;
  const { principal, profile } = call;
  if (admin && !isAdmin(principal)) {
    throw profile === 'documented'
      ? notAdministrator()
      : upstreamError(notAnAdministrator(principal.subject));
  }
  const found = job_ids.map((id) => call.jobs.get(id));
  const missing = job_ids.filter((_, i) => found[i] === undefined);
  if (missing.length) throw jobsNotFound(missing);
  const jobs = found as KbaseJob[];
  const denied = jobs.find((job) => !mayAccess(principal, job, admin));
  if (denied) throw upstreamError(noJobPermission(principal.subject, denied.id, 'READ'));
  return { jobs: jobs.map((job) => jobInfo(job, profile)) };
};

/** An EE2 PermissionError as get_jobs reports it. */
function upstreamError(message: string) {
  return upstreamUnknown(kbaseRpcError(ee2PermissionError(message)));
}

/** Whether the token's user is an EE2 administrator. */
const isAdminMethod: Handler = (call): Result<'JobBrowserBFF.is_admin'> => ({
  is_admin: isAdmin(call.principal),
});

export const handlers = {
  'JobBrowserBFF.cancel_job': cancelJob,
  'JobBrowserBFF.get_jobs': getJobs,
  'JobBrowserBFF.is_admin': isAdminMethod,
} as const;
