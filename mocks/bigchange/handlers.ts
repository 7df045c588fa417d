import type { MockReply, OperationHandler } from '../../src/index';
import { emptyReply, fault, isCancellable, jsonReply, newJob } from '../../src/index';
import type { components } from '../../specs/bigchange/types.gen';
import { issueAccessToken, JOB_SCOPES, TOKEN_LIFETIME_SECONDS } from './auth';
import { DEMO_CLIENTS } from './demo-users';
import { validationFault } from './errors';
import { customerOf, jobView, statusHistory } from './job-view';
import type { BigChangeState } from './machine';
import type { BigChangeCall as Call, BigChangeJob, BigChangeJobData, BigChangeSessionValue } from './types';

type Schemas = components['schemas'];
type Handler = OperationHandler<BigChangeState, BigChangeJobData, BigChangeSessionValue>;

/** Why a job in a state that cancel refuses cannot be cancelled (the cancel docs' wording). */
const WHY_NOT_CANCELLABLE: Readonly<Partial<Record<BigChangeState, string>>> = {
  started: 'it has already been started',
  suspended: 'it has already been started and is suspended',
  completedOk: 'it has already been completed',
  completedWithIssues: 'it has already been completed',
  cancelled: 'it has already been cancelled',
};

/** The job with this id of the customer in `Customer-Id`; another customer's job is not found either. */
function customerJob(call: Call): BigChangeJob {
  const jobId = String(call.params.jobId);
  const job = call.jobs.get(jobId);
  if (!job || customerOf(job) !== String(call.params['Customer-Id']))
    throw fault('NotFound', `Job ${jobId} was not found.`);
  return job;
}

/** Client credentials grant (RFC 6749 §4.4): the demo client gets a JWT with the scopes it asked for. */
const getAccessToken: Handler = (call) => {
  const form = call.body as Schemas['TokenRequest'];
  const client = DEMO_CLIENTS.get(form.client_id);
  if (client?.secret !== form.client_secret)
    throw fault('BadRequest', 'The client id or secret is not valid.', { code: 'invalid_client' });
  const asked = form.scope === undefined ? [...JOB_SCOPES] : [...new Set(form.scope.split(' '))];
  const unknown = asked.filter((s) => !(JOB_SCOPES as readonly string[]).includes(s));
  if (unknown.length)
    throw fault('BadRequest', `The client is not allowed the scope ${unknown.join(' ')}.`, {
      code: 'invalid_scope',
    });
  const reply = jsonReply(200, {
    access_token: issueAccessToken(form.client_id, client.customerId, asked, call.now()),
    expires_in: TOKEN_LIFETIME_SECONDS,
    token_type: 'Bearer',
    scope: asked.join(' '),
  } satisfies Schemas['TokenResponse']);
  reply.headers['cache-control'] = 'no-store';
  return reply;
};

/** A job for the calling customer, in `new` unless an initial status is given; scheduled needs a date. */
const createJob: Handler = (call) => {
  const input = call.body as Schemas['CreateJobRequest'];
  const status = input.status ?? 'new';
  if (status === 'scheduled' && input.plannedStartAt === undefined)
    throw validationFault('A scheduled job needs a planned start.', {
      plannedStartAt: ['The plannedStartAt field is required when the status is scheduled.'],
    });
  const data: BigChangeJobData = {
    reference: input.reference ?? null,
    description: input.description ?? null,
    ...(input.contactId === undefined ? {} : { contactId: input.contactId }),
    ...(input.plannedStartAt === undefined ? {} : { plannedStartAt: input.plannedStartAt }),
  };
  const job = call.jobs.add(
    newJob(call.newJobId(), status, call.now(), data, { owner: String(call.params['Customer-Id']) }),
  );
  const reply = jsonReply(201, jobView(job));
  reply.headers.location = `${call.request.base}/v1/jobs/${job.id}`;
  return reply;
};

const getJob: Handler = (call) => jsonReply(200, jobView(customerJob(call)));

/**
 * new, scheduled, unscheduled, sent, read, accepted, refused and onTheWay → cancelled (204, the reason in
 * the status history); any other status is a 422 saying why.
 */
const cancelJob: Handler = (call): MockReply => {
  const job = customerJob(call);
  const { reason } = call.body as Schemas['CancelJobRequest'];
  if (!isCancellable(call.jobs.machine, job.state)) {
    const why = WHY_NOT_CANCELLABLE[job.state] ?? `its status is ${job.state}`;
    throw validationFault(
      `The job cannot be cancelled because ${why}.`,
      { status: [`Job ${job.id} has the status ${job.state} and cannot be cancelled.`] },
      'NotCancellable',
    );
  }
  call.jobs.move(job, 'cancelled', { note: reason });
  return emptyReply(204);
};

/** The job's status changes, sorted by createdAt (ascending unless asked) and paged. */
const getJobStatusHistory: Handler = (call) => {
  const job = customerJob(call);
  const pageNumber = Number(call.params.pageNumber ?? 1);
  const pageSize = Number(call.params.pageSize ?? 100);
  const entries = statusHistory(job);
  if (call.params.direction === 'descending') entries.reverse();
  const items = entries.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  return jsonReply(200, {
    items,
    pageNumber,
    pageSize,
    totalItems: entries.length,
    totalPages: Math.ceil(entries.length / pageSize),
  } satisfies Schemas['JobStatusHistoryPage']);
};

export const handlers = {
  getAccessToken,
  createJob,
  getJob,
  cancelJob,
  getJobStatusHistory,
} as const;
