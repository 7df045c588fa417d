import type { MockReply, OperationHandler } from '../../src/index';
import { fault, isCancellable, jsonReply, newJob, readSessionToken, setCookie } from '../../src/index';
import type { components, operations } from '../../specs/itential/types.gen';
import { logins, TOKEN_LIFETIME_MS, TOKEN_PLACES } from './auth';
import { checkCredentials, userNamed } from './demo-users';
import { jobDocument } from './job-view';
import type { ItentialState } from './machine';
import { PAUSABLE, RESUMABLE } from './machine';
import type { ItentialCall as Call, ItentialJob, ItentialJobData, ItentialSessionValue } from './types';
import { workflowNamed } from './workflows';

type Schemas = components['schemas'];
type Handler = OperationHandler<ItentialState, ItentialJobData, ItentialSessionValue>;

function ok(body: Schemas['Job']): MockReply {
  return jsonReply(200, body);
}

function findJob(call: Call, id: string): ItentialJob {
  const job = call.jobs.get(id);
  if (!job) throw fault('NotFound', `Job ${id} not found`);
  return job;
}

/** Moves a job for the calling user, or answers 409 when its status does not allow the action. */
function act(call: Call, to: ItentialState, from: readonly ItentialState[], verb: string): MockReply {
  const { job_id } = call.body as Schemas['JobIdRequest'];
  const job = findJob(call, job_id);
  if (!from.includes(job.state))
    throw fault('Conflict', `Job ${job.id} cannot be ${verb} in status ${job.state}`);
  call.jobs.move(job, to, { data: { lastUpdatedBy: userNamed(call.principal.subject).id } });
  return ok(jobDocument(job));
}

/** The token as a JSON string, and the same token as the `token` cookie; it lives TOKEN_LIFETIME_MS. */
const login: Handler = (call) => {
  const { user } = call.body as Schemas['LoginRequest'];
  const { username } = checkCredentials(user.username, user.password);
  const token = logins.issue(call.data, username, { now: call.now(), ttlMs: TOKEN_LIFETIME_MS });
  const reply = jsonReply(200, JSON.stringify(token satisfies Schemas['LoginToken']));
  reply.headers['set-cookie'] = setCookie(TOKEN_PLACES.cookie, token);
  return reply;
};

/** Ends the token's session and clears the cookie. */
const logout: Handler = (call) => {
  logins.revoke(call.data, readSessionToken(call.request, TOKEN_PLACES)!);
  const reply = jsonReply(200, JSON.stringify('OK'));
  reply.headers['set-cookie'] = setCookie(TOKEN_PLACES.cookie, '', ['Max-Age=0', 'HttpOnly', 'Path=/']);
  return reply;
};

/** Seconds until the token expires. */
const myTtl: Handler = (call) => {
  const expiresAt = call.data.get(`token:${readSessionToken(call.request, TOKEN_PLACES)}`)?.expiresAt;
  return jsonReply(200, Math.max(0, Math.ceil(((expiresAt ?? call.now()) - call.now()) / 1000)));
};

/** A new running job of a known workflow, owned and watched by the caller. */
const startJobWithOptions: Handler = (call) => {
  const name = call.params.name as operations['startJobWithOptions']['parameters']['path']['name'];
  const workflow = workflowNamed(name);
  if (!workflow) throw fault('NotFound', `Workflow ${name} not found`);
  const { options } = call.body as Schemas['StartJobWithOptionsRequest'];
  const user = userNamed(call.principal.subject);
  const data: ItentialJobData = {
    workflow: workflow.name,
    ...(options.description === undefined ? {} : { description: options.description }),
    ...(options.variables === undefined ? {} : { variables: options.variables }),
    groups: options.groups ?? [],
    createdBy: user.username,
    ownerId: user.id,
    lastUpdatedBy: user.id,
    watchers: [user.id],
  };
  const job = call.jobs.add(newJob(call.newJobId(), 'running', call.now(), data, { owner: user.id }));
  return ok(jobDocument(job));
};

const getJob: Handler = (call) => ok(jobDocument(findJob(call, call.params.id as string)));

/** running → paused; any other status is a 409. */
const pauseJob: Handler = (call) => act(call, 'paused', PAUSABLE, 'paused');

/** paused or error → running; any other status is a 409. */
const resumeJob: Handler = (call) => act(call, 'running', RESUMABLE, 'resumed');

/**
 * An active job (running, paused, error, incomplete) → canceled and locked, every task of it complete with
 * `finish_state: canceled` (the vendor's example); the reply is the job document. complete or canceled → 409
 * (spec, `x-inferred`).
 */
const cancelJob: Handler = (call) => {
  const { job_id } = call.body as Schemas['CancelJobRequest'];
  const job = findJob(call, job_id);
  if (!isCancellable(call.jobs.machine, job.state))
    throw fault('NotCancellable', `Job ${job.id} is not active (status ${job.state})`);
  call.jobs.move(job, 'canceled', { data: { lastUpdatedBy: userNamed(call.principal.subject).id } });
  return ok(jobDocument(job));
};

export const handlers = {
  login,
  logout,
  myTtl,
  startJobWithOptions,
  getJob,
  pauseJob,
  resumeJob,
  cancelJob,
} as const;
