import type { ApiFacts, Probe, ProbeExpectation } from './facts';

/** A JSON-RPC 2.0 call to a method of the BFF, params by name. */
const rpc = (method: string, params: unknown, extra: Record<string, unknown> = { id: 1 }) => ({
  method: 'POST',
  path: '/',
  body: { jsonrpc: '2.0', method, params, ...extra },
});
const cancel = (params: unknown = { job_id: '{job}', timeout: 10000 }, extra?: Record<string, unknown>) =>
  rpc('JobBrowserBFF.cancel_job', params, extra);

/** uWSGI's reply when the SDK server raises out of handle_call (no CORS headers: the server wrote nothing). */
const SERVER_FAILURE: ProbeExpectation = {
  status: 500,
  headers: { 'content-type': 'text/plain', 'access-control-allow-origin': null },
  body: 'Internal Server Error',
};

/** The SDK server's CORS headers, on every reply it writes. */
const CORS = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'authorization' };

/** The same expectation in both profiles. */
const both = (expectation: ProbeExpectation) => ({ documented: expectation, upstream: expectation });

const probes: readonly Probe[] = [
  {
    claim:
      'every reply carries Access-Control-Allow-Origin * and Allow-Headers authorization, without --cors',
    confidence: 'verified',
    job: 'run',
    request: cancel(),
    ...both({ status: 200, headers: CORS, body: { result: { canceled: true } } }),
  },
  {
    claim: 'errors carry the CORS headers too',
    confidence: 'verified',
    request: cancel(),
    ...both({ status: 200, headers: CORS, body: { error: { code: 10 } } }),
  },
  {
    claim: "OPTIONS is an empty 200 whose Allow-Headers echo the preflight's",
    confidence: 'verified',
    request: {
      method: 'OPTIONS',
      path: '/',
      headers: {
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    },
    ...both({
      status: 200,
      headers: {
        'access-control-allow-origin': '*',
        'access-control-allow-headers': 'authorization, content-type',
      },
      bodyEquals: undefined,
    }),
  },
  {
    claim: 'a version 1.1 call with object params is KeywordError -32099, data null, sent in the 2.0 form',
    confidence: 'verified',
    job: 'run',
    request: {
      method: 'POST',
      path: '/',
      body: {
        version: '1.1',
        method: 'JobBrowserBFF.cancel_job',
        params: { job_id: '{job}', timeout: 10 },
        id: 'a',
      },
    },
    ...both({
      status: 200,
      bodyEquals: {
        jsonrpc: '2.0',
        id: 'a',
        error: { code: -32099, message: 'Keyword argument error', data: null },
      },
      jobState: 'run',
    }),
  },
  {
    claim: 'the errors of version 1.1 calls are sent in the 2.0 form',
    confidence: 'verified',
    request: {
      method: 'POST',
      path: '/',
      body: {
        version: '1.1',
        method: 'JobBrowserBFF.cancel_job',
        params: [{ job_id: '{job}', timeout: 10 }],
        id: 'b',
      },
    },
    ...both({ status: 200, body: { jsonrpc: '2.0', id: 'b', error: { code: 10 } } }),
  },
  {
    claim:
      '-32602 data is jsonschema best match: schema_error, schema_path properties.timeout.minimum, schema_value 0',
    confidence: 'verified',
    job: 'run',
    request: cancel({ job_id: '{job}', timeout: -1 }),
    ...both({
      status: 200,
      body: {
        error: {
          code: -32602,
          message: 'Invalid params',
          data: {
            schema_error: '-1 is less than the minimum of 0',
            schema_path: 'properties.timeout.minimum',
            schema_value: 0,
          },
        },
      },
    }),
  },
  {
    claim: '-32602 data carries no more than the three members',
    confidence: 'verified',
    job: 'run',
    request: cancel({ timeout: -1, extra: 1 }),
    ...both({
      status: 200,
      bodyEquals: {
        jsonrpc: '2.0',
        id: 1,
        error: {
          code: -32602,
          message: 'Invalid params',
          data: {
            schema_error: "'job_id' is a required property",
            schema_path: 'required',
            schema_value: ['job_id', 'timeout'],
          },
        },
      },
    }),
  },
  {
    claim: 'an empty body is -32700 "Parse error - no request data" without data',
    confidence: 'verified',
    request: { method: 'POST', path: '/', rawBody: '' },
    ...both({
      status: 200,
      bodyEquals: {
        jsonrpc: '2.0',
        id: null,
        error: { code: -32700, message: 'Parse error - no request data' },
      },
    }),
  },
  {
    claim: "get_jobs with admin true from a non-admin: 50 as documented, 1 with EE2's refusal upstream",
    confidence: 'verified',
    job: 'run',
    request: rpc('JobBrowserBFF.get_jobs', { job_ids: ['{job}'], timeout: 10, admin: true }),
    documented: {
      status: 200,
      body: { error: { code: 50, message: 'Non-admin user attempt to use admin method' } },
    },
    upstream: { status: 200, body: { error: { code: 1, message: 'Unknown error occurred' } } },
  },
  {
    claim: "get_jobs without timeout: -32602 by the spec's required, the KeyError's -32000 upstream",
    confidence: 'verified',
    job: 'run',
    request: rpc('JobBrowserBFF.get_jobs', { job_ids: ['{job}'] }),
    documented: { status: 200, body: { error: { code: -32602 } } },
    upstream: {
      status: 200,
      body: { error: { code: -32000, message: 'Server error', data: { message: "'timeout'" } } },
    },
  },
  {
    claim: 'a batch: answered call by call (JSON-RPC 2.0 §6) as documented, HTTP 500 upstream',
    confidence: 'verified',
    job: 'run',
    request: {
      method: 'POST',
      path: '/',
      body: [
        {
          jsonrpc: '2.0',
          method: 'JobBrowserBFF.cancel_job',
          params: { job_id: '{job}', timeout: 10 },
          id: 1,
        },
      ],
    },
    documented: {
      status: 200,
      bodyEquals: [{ jsonrpc: '2.0', id: 1, result: { canceled: true } }],
      jobState: 'terminate',
    },
    upstream: { ...SERVER_FAILURE, jobState: 'run' },
  },
  {
    claim: 'a notification: carried out without an answer (§4.1) as documented, HTTP 500 upstream',
    confidence: 'verified',
    job: 'run',
    request: cancel(undefined, {}),
    documented: { status: 200, bodyEquals: undefined, jobState: 'terminate' },
    upstream: { ...SERVER_FAILURE, jobState: 'run' },
  },
  {
    claim:
      'id null: answered with id null as documented; carried out, then -32001 "Empty response from method" upstream',
    confidence: 'verified',
    job: 'run',
    request: cancel(undefined, { id: null }),
    documented: {
      status: 200,
      bodyEquals: { jsonrpc: '2.0', id: null, result: { canceled: true } },
      jobState: 'terminate',
    },
    upstream: {
      status: 200,
      bodyEquals: {
        jsonrpc: '2.0',
        id: null,
        error: { code: -32001, message: 'Empty response from method' },
      },
      jobState: 'terminate',
    },
  },
  {
    claim:
      'an unqualified method name: -32601 as documented, HTTP 500 upstream (the server splits it on ".")',
    confidence: 'verified',
    job: 'run',
    request: rpc('cancel_job', { job_id: '{job}', timeout: 10 }),
    documented: { status: 200, body: { error: { code: -32601 } }, jobState: 'run' },
    upstream: { ...SERVER_FAILURE, jobState: 'run' },
  },
];

export const facts: ApiFacts = {
  api: 'kbase',
  spec: 'specs/kbase/openrpc.yaml',
  facts: [
    {
      claim: 'the cancel method is module-qualified: JobBrowserBFF.cancel_job',
      confidence: 'verified',
      at: '/methods/0/name',
      equals: 'JobBrowserBFF.cancel_job',
    },
    {
      claim: 'the read-back sibling is JobBrowserBFF.get_jobs',
      confidence: 'verified',
      at: '/methods/1/name',
      equals: 'JobBrowserBFF.get_jobs',
    },
    {
      claim: 'JobBrowserBFF.is_admin exists',
      confidence: 'verified',
      at: '/methods/2/name',
      equals: 'JobBrowserBFF.is_admin',
    },
    {
      claim: 'params are accepted by name (object) and in the KBase 1.1 list form',
      confidence: 'verified',
      at: '/methods/0/paramStructure',
      equals: 'either',
    },
    {
      claim: 'the first cancel_job param is job_id',
      confidence: 'verified',
      at: '/methods/0/params/0/name',
      equals: 'job_id',
    },
    {
      claim: 'job_id is a required param',
      confidence: 'verified',
      at: '/methods/0/params/0/required',
      equals: true,
    },
    {
      claim: 'job_id is a string (the seed says integer)',
      confidence: 'verified',
      at: '/methods/0/params/0/schema/type',
      equals: 'string',
    },
    {
      claim: 'timeout is a required param',
      confidence: 'verified',
      at: '/methods/0/params/1/required',
      equals: true,
    },
    {
      claim: 'timeout is an integer with minimum 0',
      confidence: 'verified',
      at: '/methods/0/params/1/schema/minimum',
      equals: 0,
    },
    {
      claim: 'code is optional',
      confidence: 'verified',
      at: '/methods/0/params/2/required',
      equals: false,
    },
    {
      claim: 'code is a termination code: 0 user, 1 admin, 2 automatic process',
      confidence: 'verified',
      at: '/methods/0/params/2/schema/enum',
      equals: [0, 1, 2],
    },
    {
      claim: 'admin is a boolean',
      confidence: 'verified',
      at: '/methods/0/params/3/schema/type',
      equals: 'boolean',
    },
    {
      claim: 'cancel_job params reject unknown fields (additionalProperties false)',
      confidence: 'verified',
      at: '/methods/0/x-additional-params',
      equals: false,
    },
    {
      claim: 'cancel_job returns {canceled: boolean} (the seed says no result)',
      confidence: 'verified',
      at: '/methods/0/result/schema/properties/canceled/type',
      equals: 'boolean',
    },
    {
      claim: 'CancelJobResult has additionalProperties false',
      confidence: 'verified',
      at: '/components/schemas/CancelJobResult/additionalProperties',
      equals: false,
    },
    {
      claim: 'EE2 cancels any job not finished: create, queue, run',
      confidence: 'verified',
      at: '/methods/0/x-cancellable-states',
      equals: ['create', 'queue', 'run'],
    },
    {
      claim: 'the BFF job states are create, queue, run, complete, error, terminate',
      confidence: 'verified',
      at: '/components/schemas/JobStateName/enum',
      equals: ['create', 'queue', 'run', 'complete', 'error', 'terminate'],
    },
    {
      claim: 'a terminated job carries reason {code: 0|1|2, message?}',
      confidence: 'verified',
      at: '/components/schemas/JobStateTerminate/properties/reason/properties/code/enum',
      equals: [0, 1, 2],
    },
    {
      claim: 'an errored job carries error {code: 0..5, message, service_error?}',
      confidence: 'verified',
      at: '/components/schemas/JobStateError/properties/error/properties/code/enum',
      equals: [0, 1, 2, 3, 4, 5],
    },
    {
      claim: 'a completed job carries the epoch-ms timestamps create_at, queue_at, run_at, finish_at',
      confidence: 'verified',
      at: '/components/schemas/JobStateComplete/required',
      includes: ['create_at', 'queue_at', 'run_at', 'finish_at'],
    },
    {
      claim: 'get_jobs takes job_ids (required)',
      confidence: 'verified',
      at: '/methods/1/params/0/required',
      equals: true,
    },
    {
      claim: 'get_jobs returns {jobs: JobInfo[]}',
      confidence: 'verified',
      at: '/methods/1/result/schema/properties/jobs/items/required',
      includes: ['job_id', 'owner', 'state'],
    },
    {
      claim: 'is_admin takes no params and returns {is_admin: boolean}',
      confidence: 'verified',
      at: '/methods/2/result/schema/properties/is_admin/type',
      equals: 'boolean',
    },
    {
      claim: 'unknown job id: code 10 "The job specified for cancelation does not exist"',
      confidence: 'verified',
      at: '/components/errors/JobNotFound/message',
      equals: 'The job specified for cancelation does not exist',
    },
    {
      claim: 'error 10 from cancel_job carries data {job_id}',
      confidence: 'verified',
      at: '/methods/0/errors/0/data/required',
      equals: ['job_id'],
    },
    {
      claim: 'the seed documents error 20 "Job could not be canceled because it is not active"',
      confidence: 'doc',
      at: '/components/errors/JobNotActive/message',
      equals: 'Job could not be canceled because it is not active',
    },
    {
      claim: 'the seed documents error 21 "Job could not be canceled due to insufficient privileges"',
      confidence: 'doc',
      at: '/components/errors/InsufficientPrivileges/code',
      equals: 21,
    },
    {
      claim: 'auth failures and uncaught exceptions are -32000 "Server error"',
      confidence: 'verified',
      at: '/components/errors/ServerError/message',
      equals: 'Server error',
    },
    {
      claim: 'EE2 permission errors pass through with code -32000',
      confidence: 'verified',
      at: '/components/errors/UpstreamServiceError/code',
      equals: -32000,
    },
    {
      claim: 'upstream timeouts are 100 "Timeout calling service endpoint"',
      confidence: 'verified',
      at: '/components/errors/UpstreamTimeout/code',
      equals: 100,
    },
    {
      claim: 'unknown failures are 40000 "Unknown error"',
      confidence: 'verified',
      at: '/components/errors/UnknownError/code',
      equals: 40000,
    },
    {
      claim: 'a params schema failure is -32602 with data {schema_error, schema_path, schema_value}',
      confidence: 'verified',
      at: '/components/errors/InvalidParams/data/anyOf/0/properties',
      hasKeys: ['schema_error', 'schema_path', 'schema_value'],
    },
    {
      claim: 'the standard JSON-RPC errors -32700, -32600, -32601, -32603 are declared',
      confidence: 'verified',
      at: '/components/errors',
      hasKeys: ['ParseError', 'InvalidRequest', 'MethodNotFound', 'InternalError'],
    },
    {
      claim: 'method not found is -32601',
      confidence: 'verified',
      at: '/components/errors/MethodNotFound/code',
      equals: -32601,
    },
    {
      claim: 'cancel_job declares the documented error 20',
      confidence: 'doc',
      at: '/methods/0/errors/1/code',
      equals: 20,
    },
    {
      claim: 'cancel_job declares the -32000 server error (auth failures)',
      confidence: 'verified',
      at: '/methods/0/errors/3/code',
      equals: -32000,
    },
    {
      claim: 'auth is the header Authorization with the raw KBase token (no Bearer)',
      confidence: 'verified',
      at: '/x-auth/name',
      equals: 'Authorization',
    },
    {
      claim: 'the Authorization header holds the raw token, with no Bearer prefix',
      confidence: 'verified',
      at: '/x-auth/scheme',
      equals: 'raw KBase token',
    },
    {
      claim: 'every reply is HTTP 200, errors included',
      confidence: 'verified',
      at: '/x-transport/status',
      equals: 200,
    },
    {
      claim: 'replies are application/json',
      confidence: 'verified',
      at: '/x-transport/contentType',
      equals: 'application/json',
    },
    {
      claim: 'every reply carries Access-Control-Allow-Origin *',
      confidence: 'verified',
      at: '/x-transport/responseHeaders/Access-Control-Allow-Origin',
      equals: '*',
    },
    {
      claim: 'the server sends its CORS headers itself, on every reply',
      confidence: 'verified',
      at: '/x-transport/cors',
      exists: true,
    },
    {
      claim:
        'batches, notifications, id null and unqualified method names: the server departs from JSON-RPC 2.0',
      confidence: 'verified',
      at: '/x-transport/json-rpc/x-documented',
      exists: true,
    },
    {
      claim: 'object params in a version 1.1 call are KeywordError -32099 "Keyword argument error"',
      confidence: 'verified',
      at: '/components/errors/KeywordError',
      hasKeys: ['code', 'message', 'data'],
    },
    {
      claim: 'KeywordError is -32099',
      confidence: 'verified',
      at: '/components/errors/KeywordError/code',
      equals: -32099,
    },
    {
      claim: 'cancel_job declares KeywordError',
      confidence: 'verified',
      at: '/methods/0/errors/12/code',
      equals: -32099,
    },
    {
      claim: 'a call with id null is answered -32001 "Empty response from method" (upstream)',
      confidence: 'verified',
      at: '/components/errors/EmptyResponse',
      equals: { code: -32001, message: 'Empty response from method' },
    },
    {
      claim: 'cancel_job declares -32001',
      confidence: 'verified',
      at: '/methods/0/errors/13/code',
      equals: -32001,
    },
    {
      claim: 'an empty body is -32700 "Parse error - no request data", with no data',
      confidence: 'verified',
      at: '/components/errors/ParseErrorNoRequestData',
      equals: { code: -32700, message: 'Parse error - no request data' },
    },
    {
      claim: 'the negative-timeout example: schema_path properties.timeout.minimum, schema_value 0',
      confidence: 'verified',
      at: '/methods/0/x-jobmock-error-examples/6/value/data',
      equals: {
        schema_error: '-1 is less than the minimum of 0',
        schema_path: 'properties.timeout.minimum',
        schema_value: 0,
      },
    },
    {
      claim: 'the KIDL: get_jobs with admin from a non-admin is error 50',
      confidence: 'doc',
      at: '/methods/1/errors/2/code',
      equals: 50,
    },
    {
      claim: 'code 50 is "Non-admin user attempt to use admin method" (docs/errors.md)',
      confidence: 'doc',
      at: '/components/errors/NotAdministrator/message',
      equals: 'Non-admin user attempt to use admin method',
    },
    {
      claim: "get_jobs without timeout fails on the implementation's KeyError (-32000)",
      confidence: 'verified',
      at: '/methods/1/params/1/x-documented',
      exists: true,
    },
    {
      claim: 'the missing-timeout example is -32000 with data {message: "\'timeout\'"}',
      confidence: 'verified',
      at: '/methods/1/x-jobmock-error-examples/2/value/data/message',
      equals: "'timeout'",
    },
  ],
  probes,
};
