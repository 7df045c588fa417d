import type { ApiFacts, Probe } from './facts';

const cancel = '/paths/~1workflow_engine~1cancelJob/post';
const cancelBody = `${cancel}/requestBody/content/application~1json/schema`;
const canceledExample = `${cancel}/responses/200/content/application~1json/examples/canceled/value`;
const login = '/paths/~1login/post';

/** Every task of a canceled job as the vendor's example shows them: complete, finish_state canceled. */
const CANCELED_TASK = {
  status: 'complete',
  metrics: { finish_state: 'canceled', end_time: expect.any(Number) },
};
const canceledJob = {
  status: 200,
  body: {
    status: 'canceled',
    locked: true,
    tasks: { workflow_start: CANCELED_TASK, '6a90': CANCELED_TASK, workflow_end: CANCELED_TASK },
  },
  jobState: 'canceled',
};
const cancelFrom = (state: string): Probe => ({
  claim: `after cancelling a ${state} job every task shows status complete and finish_state canceled, workflow_end too`,
  confidence: 'doc',
  job: state,
  request: { method: 'POST', path: '/workflow_engine/cancelJob', body: { job_id: '{job}' } },
  documented: canceledJob,
  upstream: canceledJob,
});

const probes: readonly Probe[] = [
  cancelFrom('running'),
  cancelFrom('paused'),
  cancelFrom('error'),
  {
    claim: 'a canceled job read back keeps every task complete and canceled',
    confidence: 'doc',
    job: 'canceled',
    request: { method: 'GET', path: '/workflow_engine/getJob/{job}' },
    documented: canceledJob,
    upstream: canceledJob,
  },
];

export const facts: ApiFacts = {
  api: 'itential',
  spec: 'specs/itential/openapi.yaml',
  facts: [
    // cancelJob contract
    {
      claim: 'cancelJob is POST /workflow_engine/cancelJob',
      confidence: 'doc',
      at: `${cancel}/operationId`,
      equals: 'cancelJob',
    },
    {
      claim: 'cancelJob takes a JSON body',
      confidence: 'doc',
      at: `${cancel}/requestBody/content`,
      hasKeys: ['application/json'],
    },
    {
      claim: 'the cancelJob body requires job_id',
      confidence: 'doc',
      at: `${cancelBody}/required`,
      equals: ['job_id'],
    },
    {
      claim: 'job_id is a string',
      confidence: 'verified',
      at: `${cancelBody}/properties/job_id/allOf/0/type`,
      equals: 'string',
    },
    {
      claim: 'job ids are 24-hex MongoDB ObjectIds',
      confidence: 'doc',
      at: `${cancelBody}/properties/job_id/allOf/0/pattern`,
      equals: '^[0-9a-f]{24}$',
    },
    {
      claim: 'cancelJob roles are admin, engineering, support, apiwrite',
      confidence: 'doc',
      at: `${cancel}/x-roles`,
      equals: ['admin', 'engineering', 'support', 'apiwrite'],
    },
    {
      claim: 'an active job (running, paused, error) can be canceled',
      confidence: 'doc',
      at: `${cancel}/x-cancellable-states`,
      includes: ['running', 'paused', 'error'],
    },
    {
      claim: 'an incomplete job can probably be canceled too',
      confidence: 'inferred',
      at: `${cancel}/x-cancellable-states`,
      includes: ['incomplete'],
    },
    {
      claim: 'cancelJob returns the job document with 200',
      confidence: 'doc',
      at: `${cancel}/responses/200/content/application~1json/schema/properties`,
      hasKeys: ['_id', 'name', 'tasks', 'transitions', 'status', 'locked', 'error'],
    },
    {
      claim: 'a canceled job has status "canceled" (US spelling)',
      confidence: 'doc',
      at: `${canceledExample}/status`,
      equals: 'canceled',
    },
    { claim: 'a canceled job is locked', confidence: 'doc', at: `${canceledExample}/locked`, equals: true },
    {
      claim: 'tasks of a canceled job finish with finish_state "canceled"',
      confidence: 'doc',
      at: `${canceledExample}/tasks/workflow_start/metrics/finish_state`,
      equals: 'canceled',
    },
    {
      claim: "a canceled job's workflow_end is complete, with metrics, finish_state canceled",
      confidence: 'doc',
      at: `${canceledExample}/tasks/workflow_end`,
      hasKeys: ['status', 'metrics'],
    },
    {
      claim: "workflow_end's finish_state is canceled too",
      confidence: 'doc',
      at: `${canceledExample}/tasks/workflow_end/metrics/finish_state`,
      equals: 'canceled',
    },
    {
      claim: "every task of the canceled example has status complete (workflow_end's)",
      confidence: 'doc',
      at: `${canceledExample}/tasks/workflow_end/status`,
      equals: 'complete',
    },
    {
      claim: 'the job type is "automation"',
      confidence: 'doc',
      at: `${canceledExample}/type`,
      equals: 'automation',
    },
    {
      claim: 'cancelling a job that is not active (complete, canceled) is refused with 409',
      confidence: 'inferred',
      at: `${cancel}/responses/409`,
      exists: true,
    },
    {
      claim: 'a caller without an allowed role is refused with 403',
      confidence: 'inferred',
      at: `${cancel}/responses/403`,
      exists: true,
    },
    {
      claim: 'an unknown job id gets 404',
      confidence: 'inferred',
      at: `${cancel}/responses/404`,
      exists: true,
    },
    {
      claim: 'an expired or invalid session gets 401',
      confidence: 'doc',
      at: `${cancel}/responses/401`,
      exists: true,
    },
    {
      claim: "jobmock's 1 MiB body limit gives 413",
      confidence: 'inferred',
      at: `${cancel}/responses/413/x-jobmock`,
      exists: true,
    },
    {
      claim: 'the IAP error body is modelled as {message}',
      confidence: 'inferred',
      at: '/components/schemas/Error/required',
      equals: ['message'],
    },
    // job state machine
    {
      claim: 'job status is one of running, paused, error, incomplete, complete, canceled',
      confidence: 'doc',
      at: '/components/schemas/Job/properties/status/enum',
      equals: ['running', 'paused', 'error', 'incomplete', 'complete', 'canceled'],
    },
    {
      claim: 'task status includes complete, running, error, incomplete, canceled',
      confidence: 'doc',
      at: '/components/schemas/Task/properties/status/enum',
      includes: ['complete', 'running', 'error', 'incomplete', 'canceled'],
    },
    {
      claim: 'task metrics.finish_state is one of success, failure, error, canceled',
      confidence: 'doc',
      at: '/components/schemas/TaskMetrics/properties/finish_state/enum',
      equals: ['success', 'failure', 'error', 'canceled'],
    },
    {
      claim: 'task metrics carry owner, times, finish_state, server_id and app',
      confidence: 'doc',
      at: '/components/schemas/TaskMetrics/properties',
      hasKeys: ['owner', 'start_time', 'end_time', 'run_time', 'finish_state', 'server_id', 'app'],
    },
    {
      claim: 'transition state is one of success, failure, error',
      confidence: 'doc',
      at: '/components/schemas/Transition/properties/state/enum',
      equals: ['success', 'failure', 'error'],
    },
    {
      claim: 'job errors are {task, message, timestamp}',
      confidence: 'doc',
      at: '/components/schemas/JobError/required',
      equals: ['task', 'message', 'timestamp'],
    },
    // auth
    {
      claim: 'the session token is passed as a cookie',
      confidence: 'verified',
      at: '/components/securitySchemes/tokenCookie/in',
      equals: 'cookie',
    },
    {
      claim: 'the session cookie is named token',
      confidence: 'verified',
      at: '/components/securitySchemes/tokenCookie/name',
      equals: 'token',
    },
    {
      claim: 'the session token may instead be passed as the query parameter "token"',
      confidence: 'doc',
      at: '/components/securitySchemes/tokenQuery/in',
      equals: 'query',
    },
    {
      claim: 'the query parameter is named token',
      confidence: 'doc',
      at: '/components/securitySchemes/tokenQuery/name',
      equals: 'token',
    },
    {
      claim: 'cancelJob accepts the token cookie or the token query parameter',
      confidence: 'doc',
      at: `${cancel}/security`,
      equals: [{ tokenCookie: [] }, { tokenQuery: [] }],
    },
    { claim: 'POST /login needs no token', confidence: 'doc', at: `${login}/security`, equals: [] },
    {
      claim: 'the login body is {user: {username, password}}',
      confidence: 'verified',
      at: `${login}/requestBody/content/application~1json/schema/properties/user/required`,
      equals: ['username', 'password'],
    },
    {
      claim: 'login returns the token as a JSON string',
      confidence: 'doc',
      at: `${login}/responses/200/content/application~1json/schema/type`,
      equals: 'string',
    },
    {
      claim: 'login sets the token cookie',
      confidence: 'verified',
      at: `${login}/responses/200/headers/Set-Cookie/required`,
      equals: true,
    },
    // sibling operations
    {
      claim: 'startJobWithOptions requires options',
      confidence: 'verified',
      at: '/paths/~1workflow_engine~1startJobWithOptions~1{name}/post/requestBody/content/application~1json/schema/required',
      equals: ['options'],
    },
    {
      claim: 'getJob is GET /workflow_engine/getJob/{id}',
      confidence: 'verified',
      at: '/paths/~1workflow_engine~1getJob~1{id}/get/operationId',
      equals: 'getJob',
    },
    {
      claim: 'pauseJob takes {job_id}',
      confidence: 'verified',
      at: '/paths/~1workflow_engine~1pauseJob/post/requestBody/content/application~1json/schema/required',
      equals: ['job_id'],
    },
    {
      claim: 'resumeJob takes {job_id}',
      confidence: 'verified',
      at: '/paths/~1workflow_engine~1resumeJob/post/requestBody/content/application~1json/schema/required',
      equals: ['job_id'],
    },
  ],
  probes,
};
