import type { ApiFacts, Probe } from './facts';

// Facts of APIS.md §4 (Microsoft Fabric Workload API, seed 003), copied as data.
const INSTANCE =
  '/paths/~1workspaces~1{workspaceId}~1items~1{itemType}~1{itemId}~1jobTypes~1{jobType}~1instances~1{jobInstanceId}';
const CREATE = `${INSTANCE}/post`;
const GET = `${INSTANCE}/get`;
const CANCEL = `${INSTANCE}~1cancel/post`;
const JSON_BODY = 'content/application~1json';

/** The demo item, where the demo data and the admin API put job instances. */
const ITEM =
  '/workspaces/e5ef604d-e14f-4a59-9133-75d5a0cb9334/items/Contoso.FinanceAnalytics.Forecast/b14cb7e7-d346-4751-9cfd-8c2767d53111/jobTypes/calculateForecast';
/** An item no job instance lives under. */
const OTHER_ITEM =
  '/workspaces/e5ef604d-e14f-4a59-9133-75d5a0cb9334/items/Contoso.FinanceAnalytics.Forecast/11111111-2222-4333-8444-555555555555/jobTypes/calculateForecast';
const cancelPath = (item = ITEM) => `${item}/instances/{job}/cancel`;
const JWT = 'eyJ0eXAiOiJKV1QifQ.e30.';
/** The four headers, with the Authorization given (undefined leaves a header out). */
const headers = (authorization: string, omit: string[] = []) =>
  Object.fromEntries(
    Object.entries({
      authorization,
      'x-ms-client-tenant-id': '72f988bf-86f1-41af-91ab-2d7cd011db47',
      activityid: '8a3b5f0e-2d41-4c8e-9b6f-1f0e7d2c4a91',
      requestid: '4c1d9e27-6a5b-4f03-8e2d-9b7a1c3e5f60',
    }).filter(([name]) => !omit.includes(name)),
  );
const STRICT = `SubjectAndAppToken1.0 subjectToken="${JWT}", appToken="${JWT}"`;
const AUTH_ERROR = {
  errorCode: 'AuthError',
  message: 'Missing or invalid Authorization header',
  source: 'External',
};
const refusedAuthorization = (claim: string, authorization: string): Probe => ({
  claim,
  confidence: 'verified',
  job: 'InProgress',
  request: { method: 'POST', path: cancelPath(), headers: headers(authorization) },
  documented: { status: 401, body: AUTH_ERROR, jobState: 'InProgress' },
  upstream: { status: 401, body: AUTH_ERROR, jobState: 'InProgress' },
});

const probes: readonly Probe[] = [
  {
    claim:
      'cancel of a Completed instance: its state as documented; Cancelled, {"status":"Cancelled"} upstream',
    confidence: 'verified',
    job: 'Completed',
    request: { method: 'POST', path: cancelPath() },
    documented: {
      status: 200,
      body: { status: 'Completed', endTimeUtc: expect.any(String) },
      jobState: 'Completed',
    },
    upstream: { status: 200, bodyEquals: { status: 'Cancelled' }, jobState: 'Cancelled' },
  },
  {
    claim: 'cancel of a Failed instance: its state as documented; Cancelled upstream (ItemBase.CancelJob)',
    confidence: 'verified',
    job: 'Failed',
    request: { method: 'POST', path: cancelPath() },
    documented: { status: 200, body: { status: 'Failed' }, jobState: 'Failed' },
    upstream: { status: 200, bodyEquals: { status: 'Cancelled' }, jobState: 'Cancelled' },
  },
  {
    claim: 'cancel of an InProgress instance answers {"status":"Cancelled"} upstream, with no times',
    confidence: 'verified',
    job: 'InProgress',
    request: { method: 'POST', path: cancelPath() },
    documented: {
      status: 200,
      body: { status: 'Cancelled', startTimeUtc: expect.any(String) },
      jobState: 'Cancelled',
    },
    upstream: { status: 200, bodyEquals: { status: 'Cancelled' }, jobState: 'Cancelled' },
  },
  {
    claim:
      'cancel of an instance a known item does not have: 404 as documented; recreated Cancelled upstream',
    confidence: 'verified',
    request: { method: 'POST', path: cancelPath() },
    documented: { status: 404, body: { errorCode: 'ItemJobInstanceNotFound' }, jobState: null },
    upstream: { status: 200, bodyEquals: { status: 'Cancelled' }, jobState: 'Cancelled' },
  },
  {
    claim: 'ItemNotFound is for an unknown item: 404 as documented; 200 Failed ItemNotFound upstream',
    confidence: 'verified',
    request: { method: 'POST', path: cancelPath(OTHER_ITEM) },
    documented: { status: 404, jobState: null },
    upstream: {
      status: 200,
      bodyEquals: {
        status: 'Failed',
        errorDetails: { errorCode: 'ItemNotFound', message: 'Item not found.', source: 'System' },
      },
      jobState: null,
    },
  },
  {
    claim: 'get of an instance a known item does not have: 404 as documented; {"status":"Failed"} upstream',
    confidence: 'verified',
    request: { method: 'GET', path: `${ITEM}/instances/{job}` },
    documented: { status: 404 },
    upstream: { status: 200, bodyEquals: { status: 'Failed' } },
  },
  refusedAuthorization(
    'the Authorization pattern is strict: appToken before subjectToken is refused',
    `SubjectAndAppToken1.0 appToken="${JWT}", subjectToken="${JWT}"`,
  ),
  refusedAuthorization('…and no space after the comma', STRICT.replace('", ', '",')),
  refusedAuthorization(
    '…and the scheme in another case',
    STRICT.replace('SubjectAndAppToken', 'subjectandapptoken'),
  ),
  {
    claim: 'the strict form and the app-only form are taken',
    confidence: 'verified',
    job: 'InProgress',
    request: {
      method: 'POST',
      path: cancelPath(),
      headers: headers(`SubjectAndAppToken1.0 subjectToken="", appToken="${JWT}"`),
    },
    documented: { status: 200, jobState: 'Cancelled' },
    upstream: { status: 200, jobState: 'Cancelled' },
  },
  {
    claim: 'a missing ActivityId is 400 InvalidItemPayload (a required header), not 401',
    confidence: 'inferred',
    job: 'InProgress',
    request: { method: 'POST', path: cancelPath(), headers: headers(STRICT, ['activityid']) },
    documented: {
      status: 400,
      body: { errorCode: 'InvalidItemPayload', source: 'User' },
      jobState: 'InProgress',
    },
    upstream: {
      status: 400,
      body: { errorCode: 'InvalidItemPayload', source: 'User' },
      jobState: 'InProgress',
    },
  },
  {
    claim: 'a missing RequestId is 400 InvalidItemPayload, not 401',
    confidence: 'inferred',
    job: 'InProgress',
    request: { method: 'POST', path: cancelPath(), headers: headers(STRICT, ['requestid']) },
    documented: { status: 400, body: { errorCode: 'InvalidItemPayload' }, jobState: 'InProgress' },
    upstream: { status: 400, body: { errorCode: 'InvalidItemPayload' }, jobState: 'InProgress' },
  },
];

export const facts: ApiFacts = {
  api: 'fabric',
  spec: 'specs/fabric/openapi.yaml',
  facts: [
    // Job state
    {
      claim: 'JobInstanceStatus is exactly NotStarted, InProgress, Completed, Failed, Cancelled',
      confidence: 'verified',
      at: '/components/schemas/JobInstanceStatus/enum',
      equals: ['NotStarted', 'InProgress', 'Completed', 'Failed', 'Cancelled'],
    },
    {
      claim: 'cancel answers 200 with ItemJobInstanceState, whose status is a JobInstanceStatus',
      confidence: 'verified',
      at: `${CANCEL}/responses/200/${JSON_BODY}/schema/properties/status/enum`,
      equals: ['NotStarted', 'InProgress', 'Completed', 'Failed', 'Cancelled'],
    },
    {
      claim: 'get answers 200 with ItemJobInstanceState',
      confidence: 'verified',
      at: `${GET}/responses/200/${JSON_BODY}/schema/required`,
      equals: ['status'],
    },
    {
      claim: 'ItemJobInstanceState requires status',
      confidence: 'verified',
      at: '/components/schemas/ItemJobInstanceState/required',
      equals: ['status'],
    },
    {
      claim: 'ItemJobInstanceState has additionalProperties false',
      confidence: 'verified',
      at: '/components/schemas/ItemJobInstanceState/additionalProperties',
      equals: false,
    },
    {
      claim: 'startTimeUtc is a date-time',
      confidence: 'verified',
      at: '/components/schemas/ItemJobInstanceState/properties/startTimeUtc/format',
      equals: 'date-time',
    },
    {
      claim: 'endTimeUtc is a date-time',
      confidence: 'verified',
      at: '/components/schemas/ItemJobInstanceState/properties/endTimeUtc/format',
      equals: 'date-time',
    },
    {
      claim: 'the seed example: cancel returns Cancelled with the sample start and end times',
      confidence: 'doc',
      at: `${CANCEL}/responses/200/${JSON_BODY}/examples/cancelItemJobInstance/value`,
      equals: {
        status: 'Cancelled',
        startTimeUtc: '2023-12-10T14:41:39.412Z',
        endTimeUtc: '2023-12-10T14:47:29.709Z',
      },
    },
    {
      claim:
        'cancel takes effect in NotStarted and InProgress; finished jobs keep their state (cancel is idempotent)',
      confidence: 'inferred',
      at: `${CANCEL}/x-cancellable-states`,
      equals: ['NotStarted', 'InProgress'],
    },
    {
      claim: "the sample's cancel is unconditional: every state becomes Cancelled (upstream profile)",
      confidence: 'verified',
      at: `${CANCEL}/x-upstream-cancellable-states`,
      equals: ['NotStarted', 'InProgress', 'Completed', 'Failed', 'Cancelled'],
    },
    {
      claim: "the sample's cancel recreates an instance its item does not have, Cancelled (upstream profile)",
      confidence: 'verified',
      at: `${CANCEL}/x-upstream-cancels-unknown-jobs`,
      equals: true,
    },
    {
      claim: 'the sample answers a cancel {"status":"Cancelled"}, with no times',
      confidence: 'verified',
      at: `${CANCEL}/responses/200/${JSON_BODY}/examples/cancelledUpstreamProfile/value`,
      equals: { status: 'Cancelled' },
    },
    {
      claim: 'ItemNotFound is the answer for an unknown item, 200 Failed (upstream profile)',
      confidence: 'verified',
      at: `${CANCEL}/responses/200/${JSON_BODY}/examples/unknownItemUpstreamProfile/value/errorDetails/errorCode`,
      equals: 'ItemNotFound',
    },
    // Errors
    {
      claim: 'ErrorResponse requires errorCode, message and source',
      confidence: 'verified',
      at: '/components/schemas/ErrorResponse/required',
      equals: ['errorCode', 'message', 'source'],
    },
    {
      claim: 'ErrorDetails requires errorCode, message and source',
      confidence: 'verified',
      at: '/components/schemas/ErrorDetails/required',
      equals: ['errorCode', 'message', 'source'],
    },
    {
      claim: 'ErrorDetails has isPermanent, messageParameters and moreDetails besides the required keys',
      confidence: 'verified',
      at: '/components/schemas/ErrorDetails/properties',
      hasKeys: ['errorCode', 'message', 'source', 'isPermanent', 'messageParameters', 'moreDetails'],
    },
    {
      claim: 'ErrorSource is System, User, External',
      confidence: 'verified',
      at: '/components/schemas/ErrorSource/enum',
      equals: ['System', 'User', 'External'],
    },
    {
      claim: 'ErrorExtendedInformation requires errorCode and message',
      confidence: 'verified',
      at: '/components/schemas/ErrorExtendedInformation/required',
      equals: ['errorCode', 'message'],
    },
    {
      claim: 'NameValuePair requires name and value',
      confidence: 'verified',
      at: '/components/schemas/NameValuePair/required',
      equals: ['name', 'value'],
    },
    {
      claim: 'an invalid payload is 400 InvalidItemPayload from source User',
      confidence: 'verified',
      at: `${CREATE}/responses/400/${JSON_BODY}/examples/invalidItemPayload/value/source`,
      equals: 'User',
    },
    {
      claim: 'a missing or invalid Authorization header is 401 AuthError',
      confidence: 'verified',
      at: `${CANCEL}/responses/401/${JSON_BODY}/examples/missingAuthorization/value/errorCode`,
      equals: 'AuthError',
    },
    {
      claim: 'AuthError comes from source External and is not permanent',
      confidence: 'verified',
      at: `${CANCEL}/responses/401/${JSON_BODY}/examples/missingTenantId/value`,
      equals: {
        errorCode: 'AuthError',
        message: 'Missing or invalid x-ms-client-tenant-id header',
        source: 'External',
        isPermanent: false,
      },
    },
    {
      claim: 'throttling is 429 TooManyRequests',
      confidence: 'verified',
      at: `${CANCEL}/responses/429/${JSON_BODY}/examples/tooManyRequests/value/errorCode`,
      equals: 'TooManyRequests',
    },
    {
      claim: 'an unexpected failure is 500 InternalError from source System',
      confidence: 'verified',
      at: `${CANCEL}/responses/500/${JSON_BODY}/examples/internalError/value/source`,
      equals: 'System',
    },
    {
      claim: 'every operation keeps default → ErrorResponse (the swagger StandardErrorResponse)',
      confidence: 'verified',
      at: `${CANCEL}/responses/default/${JSON_BODY}/schema/required`,
      equals: ['errorCode', 'message', 'source'],
    },
    {
      claim: 'an unknown job instance is 404 on get and cancel (documented profile; the sample answers 200)',
      confidence: 'inferred',
      at: `${CANCEL}/responses/404/${JSON_BODY}/schema`,
      exists: true,
    },
    {
      claim: 'creating an existing job instance id is 409',
      confidence: 'inferred',
      at: `${CREATE}/responses/409/${JSON_BODY}/schema`,
      exists: true,
    },
    {
      claim: 'a body over 1 MiB is 413 (jobmock limit)',
      confidence: 'inferred',
      at: `${CREATE}/responses/413/x-jobmock`,
      exists: true,
    },
    // Operations and requests
    {
      claim: 'create answers 202 (Successfully scheduled), with no body',
      confidence: 'verified',
      at: `${CREATE}/responses/202/description`,
      equals: 'Successfully scheduled.',
    },
    {
      claim: 'CreateItemJobInstanceRequest requires invokeType',
      confidence: 'verified',
      at: `${CREATE}/requestBody/${JSON_BODY}/schema/required`,
      equals: ['invokeType'],
    },
    {
      claim: 'CreateItemJobInstanceRequest has additionalProperties false',
      confidence: 'verified',
      at: '/components/schemas/CreateItemJobInstanceRequest/additionalProperties',
      equals: false,
    },
    {
      claim: 'invokeType is UnknownFutureValue, Scheduled or Manual',
      confidence: 'verified',
      at: '/components/schemas/CreateItemJobInstanceRequest/properties/invokeType/enum',
      equals: ['UnknownFutureValue', 'Scheduled', 'Manual'],
    },
    {
      claim: 'jobInstanceId is a uuid path parameter',
      confidence: 'verified',
      at: `${INSTANCE}~1cancel/parameters/4/schema/format`,
      equals: 'uuid',
    },
    {
      claim: 'workspaceId is a uuid',
      confidence: 'verified',
      at: '/components/parameters/WorkspaceId/schema/format',
      equals: 'uuid',
    },
    {
      claim: 'itemId is a uuid',
      confidence: 'verified',
      at: '/components/parameters/ItemId/schema/format',
      equals: 'uuid',
    },
    // Headers and auth
    {
      claim: 'the ActivityId header is required',
      confidence: 'verified',
      at: `${INSTANCE}~1cancel/parameters/5/required`,
      equals: true,
    },
    {
      claim: 'a missing ActivityId is a validation error (400), not an auth failure',
      confidence: 'inferred',
      at: '/components/parameters/ActivityId/x-inferred',
      exists: true,
    },
    {
      claim: 'an empty ActivityId or RequestId counts as missing',
      confidence: 'inferred',
      at: '/components/parameters/RequestId/schema/minLength',
      equals: 1,
    },
    {
      claim: 'a missing header is 400 InvalidItemPayload naming it',
      confidence: 'inferred',
      at: `${CANCEL}/responses/400/${JSON_BODY}/examples/missingActivityId/value/moreDetails/0/additionalParameters/0/value`,
      equals: 'header ActivityId',
    },
    {
      claim: 'the RequestId header is required',
      confidence: 'verified',
      at: '/components/parameters/RequestId/required',
      equals: true,
    },
    {
      claim: 'the x-ms-client-tenant-id header is required',
      confidence: 'verified',
      at: '/components/parameters/ClientTenantId/required',
      equals: true,
    },
    {
      claim: 'x-ms-client-tenant-id must be a GUID (else 401 in the sample)',
      confidence: 'verified',
      at: '/components/parameters/ClientTenantId/schema/format',
      equals: 'uuid',
    },
    {
      claim:
        'the Authorization header carries SubjectAndAppToken1.0 (security scheme in header Authorization)',
      confidence: 'verified',
      at: '/components/securitySchemes/SubjectAndAppToken/name',
      equals: 'Authorization',
    },
    {
      claim: 'SubjectAndApp auth applies to every operation',
      confidence: 'verified',
      at: '/security/0',
      hasKeys: ['SubjectAndAppToken'],
    },
    {
      claim: 'cancel is SubjectAndApp-authenticated',
      confidence: 'verified',
      at: `${CANCEL}/security/0`,
      hasKeys: ['SubjectAndAppToken'],
    },
  ],
  probes,
};
