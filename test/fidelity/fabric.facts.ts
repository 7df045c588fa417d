import type { ApiFacts } from './facts';

// Facts of APIS.md §4 (Microsoft Fabric Workload API, seed 003), copied as data.
const INSTANCE =
  '/paths/~1workspaces~1{workspaceId}~1items~1{itemType}~1{itemId}~1jobTypes~1{jobType}~1instances~1{jobInstanceId}';
const CREATE = `${INSTANCE}/post`;
const GET = `${INSTANCE}/get`;
const CANCEL = `${INSTANCE}~1cancel/post`;
const JSON_BODY = 'content/application~1json';

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
      claim:
        'an unknown job instance is 404 on get and cancel (documented profile; the sample answers 200 Failed)',
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
};
