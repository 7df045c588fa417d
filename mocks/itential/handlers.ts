import type { MockReply, OperationHandler } from '../../src/index';
import { fault, isCancellable, jsonReply, setCookie } from '../../src/index';
import type { components, operations } from '../../specs/itential/types.gen';
import { checkCredentials, logins, TOKEN_PLACES, userOf } from './auth';
import type { ItentialJob, ItentialJobData } from './job-document';
import { jobDocument } from './job-document';
import type { ItentialState } from './machine';
import { PAUSABLE, RESUMABLE } from './machine';
import { workflowNamed } from './workflows';

type Schemas = components['schemas'];
type Handler = OperationHandler<ItentialState, ItentialJobData>;
type Call = Parameters<Handler>[0];

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
  job.data.lastUpdatedBy = userOf(call.principal).id;
  call.jobs.move(job, to);
  return ok(jobDocument(job));
}

/** The token as a JSON string, and the same token as the `token` cookie. */
const login: Handler = (call) => {
  const { user } = call.body as Schemas['LoginRequest'];
  const token = logins.issue(call.session, checkCredentials(user.username, user.password));
  const reply = jsonReply(200, JSON.stringify(token satisfies Schemas['LoginToken']));
  reply.headers['set-cookie'] = setCookie(TOKEN_PLACES.cookie, token);
  return reply;
};

/** A new running job of a known workflow, owned and watched by the caller. */
const startJobWithOptions: Handler = (call) => {
  const name = call.params.name as operations['startJobWithOptions']['parameters']['path']['name'];
  const workflow = workflowNamed(name);
  if (!workflow) throw fault('NotFound', `Workflow ${name} not found`);
  const { options } = call.body as Schemas['StartJobWithOptionsRequest'];
  const user = userOf(call.principal);
  const job = call.jobs.add({
    id: call.newJobId(),
    state: 'running',
    held: false,
    owner: user.id,
    history: [{ state: 'running', at: call.now() }],
    data: {
      workflow: workflow.name,
      ...(options.description === undefined ? {} : { description: options.description }),
      ...(options.variables === undefined ? {} : { variables: options.variables }),
      groups: options.groups ?? [],
      createdBy: user.username,
      ownerId: user.id,
      lastUpdatedBy: user.id,
      watchers: [user.id],
    },
  });
  return ok(jobDocument(job));
};

const getJob: Handler = (call) => ok(jobDocument(findJob(call, call.params.id as string)));

/** running → paused; any other status is a 409. */
const pauseJob: Handler = (call) => act(call, 'paused', PAUSABLE, 'paused');

/** paused or error → running; any other status is a 409. */
const resumeJob: Handler = (call) => act(call, 'running', RESUMABLE, 'resumed');

/**
 * An active job (running, paused, error, incomplete) → canceled and locked, its running task ended with
 * `finish_state: canceled`; the reply is the job document. complete or canceled → 409 (spec, `x-inferred`).
 */
const cancelJob: Handler = (call) => {
  const { job_id } = call.body as Schemas['CancelJobRequest'];
  const job = findJob(call, job_id);
  if (!isCancellable(call.jobs.machine, job.state))
    throw fault('NotCancellable', `Job ${job.id} is not active (status ${job.state})`);
  job.data.lastUpdatedBy = userOf(call.principal).id;
  call.jobs.move(job, 'canceled');
  return ok(jobDocument(job));
};

export const handlers = {
  login,
  startJobWithOptions,
  getJob,
  pauseJob,
  resumeJob,
  cancelJob,
} as const;
