import type { ApiFacts, Probe } from './facts';

const cancel = '/paths/~1v1~1jobs~1{jobId}~1cancel/put';
const history = '/paths/~1v1~1jobs~1{jobId}~1statuses/get';
const token = '/paths/~1connect~1token/post';
const schemas = '/components/schemas';

const CUSTOMER = { 'customer-id': '4321' };
/** A problem reply of a status with the `type` link the spec's examples give it. */
const problem = (status: number, type: string, jobState?: string) => {
  const reply = { status, body: { type, status }, ...(jobState ? { jobState } : {}) };
  return { documented: reply, upstream: reply };
};

const probes: readonly Probe[] = [
  {
    claim: 'a missing Customer-Id is 400 typed rfc7231#section-6.5.1, as the examples',
    confidence: 'doc',
    job: 'new',
    request: { method: 'PUT', path: '/v1/jobs/{job}/cancel', body: { reason: 'x' } },
    ...problem(400, 'https://tools.ietf.org/html/rfc7231#section-6.5.1', 'new'),
  },
  {
    claim: 'a Customer-Id below 1 names no customer (minimum 1, inferred): no token gives access to it, 403',
    confidence: 'inferred',
    job: 'new',
    request: {
      method: 'PUT',
      path: '/v1/jobs/{job}/cancel',
      headers: { 'customer-id': '0' },
      body: { reason: 'x' },
    },
    ...problem(403, 'https://tools.ietf.org/html/rfc7231#section-6.5.3', 'new'),
  },
  {
    claim: 'an unknown job is 404 typed rfc7231#section-6.5.4',
    confidence: 'doc',
    request: { method: 'GET', path: '/v1/jobs/{job}', headers: CUSTOMER },
    ...problem(404, 'https://tools.ietf.org/html/rfc7231#section-6.5.4'),
  },
  {
    claim: 'cancelling a started job is 422 typed rfc4918#section-11.2',
    confidence: 'doc',
    job: 'started',
    request: { method: 'PUT', path: '/v1/jobs/{job}/cancel', headers: CUSTOMER, body: { reason: 'x' } },
    ...problem(422, 'https://tools.ietf.org/html/rfc4918#section-11.2', 'started'),
  },
  {
    claim: 'a missing bearer token is 401 typed rfc7235#section-3.1',
    confidence: 'doc',
    job: 'new',
    request: {
      method: 'PUT',
      path: '/v1/jobs/{job}/cancel',
      headers: { ...CUSTOMER, authorization: 'Bearer not-a-token' },
      body: { reason: 'x' },
    },
    ...problem(401, 'https://tools.ietf.org/html/rfc7235#section-3.1', 'new'),
  },
];

export const facts: ApiFacts = {
  api: 'bigchange',
  spec: 'specs/bigchange/openapi.yaml',
  facts: [
    {
      claim: 'JobStatus has exactly the 16 documented values, camelCase, British "cancelled"',
      confidence: 'doc',
      at: `${schemas}/JobStatus/enum`,
      equals: [
        'new',
        'scheduled',
        'unscheduled',
        'sent',
        'read',
        'accepted',
        'refused',
        'onTheWay',
        'started',
        'suspended',
        'completedOk',
        'completedWithIssues',
        'cancelled',
        'lateStart',
        'lateFinish',
        'rescheduled',
      ],
    },
    {
      claim:
        'a job can be cancelled in new, scheduled, unscheduled, sent, read, accepted, refused and onTheWay',
      confidence: 'doc',
      at: `${cancel}/x-cancellable-states`,
      equals: ['new', 'scheduled', 'unscheduled', 'sent', 'read', 'accepted', 'refused', 'onTheWay'],
    },
    {
      claim: 'the cancel route PUT /v1/jobs/{jobId}/cancel is inferred from the sibling PUT job actions',
      confidence: 'inferred',
      at: `${cancel}/x-inferred`,
      exists: true,
    },
    {
      claim: 'cancel answers 204, 400, 403, 404, 422 and 500',
      confidence: 'doc',
      at: `${cancel}/responses`,
      hasKeys: ['204', '400', '403', '404', '422', '500'],
    },
    {
      claim: 'a successful cancel is 204 with no body',
      confidence: 'doc',
      at: `${cancel}/responses/204`,
      equals: { description: 'No Content. The job is now `cancelled`.' },
    },
    {
      claim: 'cancel requires a bearer JWT with scope jobs:write',
      confidence: 'doc',
      at: `${cancel}/security/0/bearerAuth`,
      equals: ['jobs:write'],
    },
    {
      claim: 'the cancel body carries a reason string',
      confidence: 'doc',
      at: `${cancel}/requestBody/content/application~1json/schema/properties/reason/type`,
      equals: 'string',
    },
    {
      claim: 'the reason property is named reason and is required',
      confidence: 'inferred',
      at: `${schemas}/CancelJobRequest/required`,
      equals: ['reason'],
    },
    {
      claim: 'Customer-Id is a required header on every /v1 operation',
      confidence: 'doc',
      at: '/components/parameters/CustomerId/required',
      equals: true,
    },
    {
      claim: 'Customer-Id is an integer header',
      confidence: 'doc',
      at: '/components/parameters/CustomerId/schema/type',
      equals: 'integer',
    },
    {
      claim: 'Customer-Id is an int64',
      confidence: 'doc',
      at: '/components/parameters/CustomerId/schema/format',
      equals: 'int64',
    },
    {
      claim: "Customer-Id's minimum 1 is jobmock's (the published swagger has none)",
      confidence: 'inferred',
      at: '/components/parameters/CustomerId/x-inferred',
      exists: true,
    },
    {
      claim: 'problem type links are those of the examples (ASP.NET Core before .NET 8), inferred',
      confidence: 'inferred',
      at: `${schemas}/ProblemDetails/properties/type/x-inferred`,
      exists: true,
    },
    {
      claim: 'a 400 problem is typed rfc7231#section-6.5.1 (ASP.NET Core ClientErrorMapping)',
      confidence: 'verified',
      at: '/components/responses/BadRequest/content/application~1problem+json/examples/customerIdMissing/value/type',
      equals: 'https://tools.ietf.org/html/rfc7231#section-6.5.1',
    },
    {
      claim: 'a 422 problem is typed rfc4918#section-11.2',
      confidence: 'verified',
      at: `${cancel}/responses/422/content/application~1problem+json/examples/jobStarted/value/type`,
      equals: 'https://tools.ietf.org/html/rfc4918#section-11.2',
    },
    {
      claim: 'the cancel operation takes the Customer-Id header',
      confidence: 'doc',
      at: `${cancel}/parameters/1/name`,
      equals: 'Customer-Id',
    },
    {
      claim: 'jobId is an int64 path parameter',
      confidence: 'doc',
      at: `${cancel}/parameters/0/schema/format`,
      equals: 'int64',
    },
    {
      claim: 'jobId is at least 1',
      confidence: 'doc',
      at: '/components/parameters/JobId/schema/minimum',
      equals: 1,
    },
    {
      claim: 'errors are RFC 7807 problem details sent as application/problem+json',
      confidence: 'doc',
      at: `${cancel}/responses/404/content`,
      hasKeys: ['application/problem+json'],
    },
    {
      claim: 'ProblemDetails has type, title, status, detail and instance',
      confidence: 'doc',
      at: `${schemas}/ProblemDetails/properties`,
      hasKeys: ['type', 'title', 'status', 'detail', 'instance'],
    },
    {
      claim: 'ProblemDetails.status is a nullable int32',
      confidence: 'doc',
      at: `${schemas}/ProblemDetails/properties/status/type`,
      equals: ['integer', 'null'],
    },
    {
      claim: '422 is a ValidationProblemDetails',
      confidence: 'doc',
      at: `${cancel}/responses/422/content/application~1problem+json/schema/allOf/0/properties`,
      hasKeys: ['type', 'title', 'status', 'detail', 'instance'],
    },
    {
      claim: 'ValidationProblemDetails.errors maps a property name to a list of strings',
      confidence: 'doc',
      at: `${schemas}/ValidationProblemDetails/allOf/1/properties/errors/additionalProperties/items/type`,
      equals: 'string',
    },
    {
      claim: 'the scopes are jobs:read and jobs:write',
      confidence: 'doc',
      at: '/components/securitySchemes/oauth2/flows/clientCredentials/scopes',
      hasKeys: ['jobs:read', 'jobs:write'],
    },
    {
      claim: 'the bearer token is a JWT',
      confidence: 'doc',
      at: '/components/securitySchemes/bearerAuth/bearerFormat',
      equals: 'JWT',
    },
    {
      claim: 'getting a job needs jobs:read',
      confidence: 'doc',
      at: '/paths/~1v1~1jobs~1{jobId}/get/security/0/bearerAuth',
      equals: ['jobs:read'],
    },
    {
      claim: 'the status history answers 200, 400, 403, 404 and 500',
      confidence: 'doc',
      at: `${history}/responses`,
      hasKeys: ['200', '400', '403', '404', '500'],
    },
    {
      claim: 'the status history needs jobs:read',
      confidence: 'doc',
      at: `${history}/security/0/bearerAuth`,
      equals: ['jobs:read'],
    },
    {
      claim: 'the status history is sorted by createdAt only',
      confidence: 'doc',
      at: `${schemas}/JobStatusSortOptions/enum`,
      equals: ['createdAt'],
    },
    {
      claim: 'the sort direction is ascending or descending',
      confidence: 'doc',
      at: `${schemas}/SortDirection/enum`,
      equals: ['ascending', 'descending'],
    },
    {
      claim: 'pageNumber is 1..2147483',
      confidence: 'doc',
      at: '/components/parameters/PageNumber/schema/maximum',
      equals: 2147483,
    },
    {
      claim: 'pageSize is 1..1000',
      confidence: 'doc',
      at: '/components/parameters/PageSize/schema/maximum',
      equals: 1000,
    },
    {
      claim: 'a status history entry has an int64 id',
      confidence: 'doc',
      at: `${schemas}/JobStatusHistoryEntry/properties/id/format`,
      equals: 'int64',
    },
    {
      claim: 'the status history path /v1/jobs/{jobId}/statuses is inferred',
      confidence: 'inferred',
      at: `${history}/x-inferred`,
      exists: true,
    },
    {
      claim: 'the token endpoint takes a form with grant_type, client_id and client_secret',
      confidence: 'doc',
      at: `${token}/requestBody/content/application~1x-www-form-urlencoded/schema/required`,
      includes: ['grant_type', 'client_id', 'client_secret'],
    },
    {
      claim: 'the only grant type is client_credentials',
      confidence: 'doc',
      at: `${schemas}/GrantType/enum`,
      equals: ['client_credentials'],
    },
    {
      claim: 'the token response has a nullable access_token and an int32 expires_in',
      confidence: 'doc',
      at: `${schemas}/TokenResponse/properties`,
      hasKeys: ['access_token', 'expires_in'],
    },
    {
      claim: 'the token endpoint is not itself authenticated',
      confidence: 'doc',
      at: `${token}/security`,
      equals: [],
    },
    {
      claim: 'the token URL is https://auth.bigchange.com/connect/token',
      confidence: 'inferred',
      at: '/components/securitySchemes/oauth2/flows/clientCredentials/tokenUrl',
      equals: 'https://auth.bigchange.com/connect/token',
    },
    {
      claim: 'the real service is https://api.bigchange.com',
      confidence: 'doc',
      at: '/servers/0/url',
      equals: 'https://api.bigchange.com',
    },
  ],
  probes,
};
