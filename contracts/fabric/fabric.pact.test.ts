import type { PactV4 } from '@pact-foundation/pact';
import { MatchersV3 } from '@pact-foundation/pact';
import createClient from 'openapi-fetch';
import type { FABRIC_PROVIDER_STATES } from '../../mocks/fabric/provider-states';
import type { FabricState } from '../../mocks/fabric/machine';
import type { components, paths } from '../../specs/fabric/types.gen';
import type { ProviderStateName } from '../pact-setup';
import { DELIBERATE_CREDENTIALS, injected, pactWith } from '../pact-setup';

const { like, regex, eachLike } = MatchersV3;

/**
 * The consumer: Microsoft Fabric itself, which calls the workload's backend to start, poll and cancel the job
 * instances of its items (the workload plays the provider), through a client typed from the spec.
 */
const pact = pactWith('fabric-platform', 'fabric');

type StateName = ProviderStateName<(typeof FABRIC_PROVIDER_STATES)[number]>;
type Interaction = ReturnType<PactV4['addInteraction']>;
type RequestBuilder = Parameters<NonNullable<Parameters<Interaction['withRequest']>[2]>>[0];
type JobInstanceState = components['schemas']['ItemJobInstanceState'];

/** The item whose jobs Fabric drives, as the provider state returns it (the spec's parameter examples). */
const ITEM = {
  workspaceId: 'e5ef604d-e14f-4a59-9133-75d5a0cb9334',
  itemType: 'Contoso.FinanceAnalytics.Forecast',
  itemId: 'b14cb7e7-d346-4751-9cfd-8c2767d53111',
  jobType: 'calculateForecast',
} as const;

/** The job instance id the provider state returns (`jobId`); consumer tests see this one. */
const JOB_ID = 'f0000000-0000-4000-8000-000000000101';

const ITEM_PATH = '/workspaces/${workspaceId}/items/${itemType}/${itemId}/jobTypes/${jobType}';
const exampleOf = (template: string) =>
  template.replace(/\$\{(\w+)\}/g, (_, name: string) =>
    name === 'jobId' ? JOB_ID : ITEM[name as keyof typeof ITEM],
  );
/** A path under the provider state's item: every id in it is the provider's. */
const itemPath = (suffix: string) => injected(`${ITEM_PATH}${suffix}`, exampleOf(`${ITEM_PATH}${suffix}`));
const instancePath = itemPath('/instances/${jobId}');
const cancelPath = itemPath('/instances/${jobId}/cancel');

/**
 * SubjectAndApp tokens. Fabric sends fresh Entra ID tokens; the pact records fixed unsigned JWT-shaped ones
 * (`eyJ…`), which is all a workload that checks the header's shape needs.
 */
const jwt = (claims: Record<string, unknown>) => {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
};
const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const SUBJECT_TOKEN = jwt({ oid: 'fabric-user', tid: TENANT_ID });
const APP_TOKEN = jwt({ appid: 'fabric-platform', tid: TENANT_ID });
const SUBJECT_AND_APP = `SubjectAndAppToken1.0 subjectToken="${SUBJECT_TOKEN}", appToken="${APP_TOKEN}"`;
/** A plain bearer token where the workload wants the dual SubjectAndApp header: malformed for it. */
const BEARER = `Bearer ${APP_TOKEN}`;
/** A tenant named by its domain where the workload wants its GUID. */
const TENANT_DOMAIN = 'contoso.onmicrosoft.com';
const ACTIVITY_ID = '8a3b5f0e-2d41-4c8e-9b6f-1f0e7d2c4a91';
const REQUEST_ID = '4c1d9e27-6a5b-4f03-8e2d-9b7a1c3e5f60';

/** A typed Fabric-side client of the spec (openapi-fetch over the generated `paths`) at the Pact mock server. */
function workloadAt(url: string, authorization = SUBJECT_AND_APP) {
  return createClient<paths>({ baseUrl: url, headers: { Authorization: authorization } });
}

/** The header params of every call: Fabric's correlation ids and the caller's tenant. */
const fabricHeaders = (tenantId = TENANT_ID) => ({
  header: { ActivityId: ACTIVITY_ID, RequestId: REQUEST_ID, 'x-ms-client-tenant-id': tenantId },
});
const pathParams = (jobInstanceId: string = JOB_ID) => ({ ...ITEM, jobInstanceId });

const PATHS = {
  instance:
    '/workspaces/{workspaceId}/items/{itemType}/{itemId}/jobTypes/{jobType}/instances/{jobInstanceId}',
  cancel:
    '/workspaces/{workspaceId}/items/{itemType}/{itemId}/jobTypes/{jobType}/instances/{jobInstanceId}/cancel',
} as const;

/** Jobs_CancelItemJobInstance through the typed client (no body). */
const cancel = (
  url: string,
  jobInstanceId: string = JOB_ID,
  options: { authorization?: string; tenantId?: string } = {},
) =>
  workloadAt(url, options.authorization).POST(PATHS.cancel, {
    params: { ...fabricHeaders(options.tenantId), path: pathParams(jobInstanceId) },
  });

// Request matchers: any GUIDs and any well-formed SubjectAndApp header, as Fabric sends them.
const GUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const JWT = 'eyJ[\\w\\-.]+';
/** `Contracts/SubjectAndAppToken.cs` of the official sample: a user's and Fabric's token, or app-only. */
const SUBJECT_AND_APP_HEADER = `^SubjectAndAppToken1\\.0 subjectToken="(${JWT})?", appToken="${JWT}"$`;

function requestHeaders(
  overrides: {
    Authorization?: ReturnType<typeof regex>;
    'x-ms-client-tenant-id'?: ReturnType<typeof regex>;
  } = {},
) {
  return {
    Authorization: regex(SUBJECT_AND_APP_HEADER, SUBJECT_AND_APP),
    'x-ms-client-tenant-id': regex(GUID, TENANT_ID),
    ActivityId: regex(GUID, ACTIVITY_ID),
    RequestId: regex(GUID, REQUEST_ID),
    ...overrides,
  };
}
const fabricRequest = (b: RequestBuilder) => b.headers(requestHeaders());

// Response matchers.
const jsonResponse = { 'Content-Type': regex('^application/json', 'application/json') };
const isoDateTime = (example: string) =>
  regex('^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$', example);
const errorSource = (example: components['schemas']['ErrorSource']) =>
  regex('^(System|User|External)$', example);

const START = '2023-12-10T14:41:39.412Z';
const END = '2023-12-10T14:47:29.709Z';

/** ItemJobInstanceState: the status is the contract; the times only have to be there, in ISO 8601. */
function instanceState(status: FabricState, times: { start?: boolean; end?: boolean }) {
  return {
    status,
    ...(times.start ? { startTimeUtc: isoDateTime(START) } : {}),
    ...(times.end ? { endTimeUtc: isoDateTime(END) } : {}),
  };
}

/** The swagger's ErrorResponse: status, errorCode and whether to retry are the contract, the text is not. */
function errorResponse(
  errorCode: string,
  message: string,
  source: components['schemas']['ErrorSource'],
  isPermanent: boolean,
) {
  return { errorCode, message: like(message), source: errorSource(source), isPermanent };
}

/** What a validation or auth error adds: one entry per problem, each naming where it is. */
const moreDetails = (errorCode: string, message: string, location: string) =>
  eachLike({
    errorCode: like(errorCode),
    message: like(message),
    additionalParameters: eachLike({ name: like('location'), value: like(location) }),
  });

const jobIn = (state: FabricState) => ['a job in state {state}', { state }] satisfies [StateName, object];
const noJob = ['a job id that no job has', {}] satisfies [StateName, object];

const CANCELLABLE = ['NotStarted', 'InProgress'] as const satisfies readonly FabricState[];

describe('fabric-platform → fabric (the workload backend)', () => {
  it.each(CANCELLABLE)('cancels a %s job instance: 200 ItemJobInstanceState Cancelled', async (state) => {
    // The state is the contract: the official sample answers `{"status":"Cancelled"}` with no times, the
    // vendor's example adds them, and Fabric reads them from a later get either way.
    await pact
      .addInteraction()
      .given(...jobIn(state))
      .uponReceiving(`a request to cancel a job instance in state ${state}`)
      .withRequest('POST', cancelPath, fabricRequest)
      .willRespondWith(200, (b) => b.headers(jsonResponse).jsonBody(instanceState('Cancelled', {})))
      .executeTest(async (server) => {
        const { response, data } = await cancel(server.url);
        expect(response.status).toBe(200);
        expect(data?.status).toBe('Cancelled');
      });
  });

  it('cancelling a Completed job instance answers 200 with a finished state', async () => {
    // A finished instance keeps its state by the vendor's contract and becomes Cancelled in the official
    // sample, so the contract asks only for a finished state.
    await pact
      .addInteraction()
      .given(...jobIn('Completed'))
      .uponReceiving('a request to cancel a job instance that has completed')
      .withRequest('POST', cancelPath, fabricRequest)
      .willRespondWith(200, (b) =>
        b.headers(jsonResponse).jsonBody({ status: regex('^(Completed|Failed|Cancelled)$', 'Completed') }),
      )
      .executeTest(async (server) => {
        const { response, data } = await cancel(server.url);
        expect(response.status).toBe(200);
        expect(['Completed', 'Failed', 'Cancelled']).toContain(data?.status);
      });
  });

  it('reads a job instance that was cancelled: Cancelled, with its start and end times', async () => {
    await pact
      .addInteraction()
      .given('a job that was cancelled in state {state}' satisfies StateName, { state: 'InProgress' })
      .uponReceiving('a request for the state of a job instance that was cancelled')
      .withRequest('GET', instancePath, fabricRequest)
      .willRespondWith(200, (b) =>
        b.headers(jsonResponse).jsonBody(instanceState('Cancelled', { start: true, end: true })),
      )
      .executeTest(async (server) => {
        const { response, data } = await workloadAt(server.url).GET(PATHS.instance, {
          params: { ...fabricHeaders(), path: pathParams() },
        });
        expect(response.status).toBe(200);
        expect(data).toEqual<JobInstanceState>({
          status: 'Cancelled',
          startTimeUtc: START,
          endTimeUtc: END,
        });
      });
  });

  const createRequest = (body: Record<string, unknown>) => (b: RequestBuilder) =>
    b
      .headers({ ...requestHeaders(), 'Content-Type': regex('^application/json', 'application/json') })
      .jsonBody(body);

  it('starts a job instance with an id no instance has: 202 with no body', async () => {
    await pact
      .addInteraction()
      .given(...noJob)
      .uponReceiving('a request to create a job instance run by a user')
      .withRequest(
        'POST',
        instancePath,
        createRequest({ invokeType: 'Manual', creationPayload: like({ forecastHorizonDays: 30 }) }),
      )
      .willRespondWith(202)
      .executeTest(async (server) => {
        const { response, data } = await workloadAt(server.url).POST(PATHS.instance, {
          params: { ...fabricHeaders(), path: pathParams() },
          body: { invokeType: 'Manual', creationPayload: { forecastHorizonDays: 30 } },
        });
        expect(response.status).toBe(202);
        expect(data).toBeUndefined();
      });
  });

  it('is refused a second job instance with an id in use: 409 ItemJobInstanceAlreadyExists', async () => {
    await pact
      .addInteraction()
      .given(...jobIn('InProgress'))
      .uponReceiving('a request to create a job instance whose id is already in use')
      .withRequest('POST', instancePath, createRequest({ invokeType: 'Scheduled' }))
      .willRespondWith(409, (b) =>
        b
          .headers(jsonResponse)
          .jsonBody(
            errorResponse(
              'ItemJobInstanceAlreadyExists',
              `Job instance ${JOB_ID} already exists.`,
              'User',
              true,
            ),
          ),
      )
      .executeTest(async (server) => {
        const { response, error } = await workloadAt(server.url).POST(PATHS.instance, {
          params: { ...fabricHeaders(), path: pathParams() },
          body: { invokeType: 'Scheduled' },
        });
        expect(response.status).toBe(409);
        expect(error).toMatchObject({ errorCode: 'ItemJobInstanceAlreadyExists', isPermanent: true });
      });
  });

  it('is refused a job instance with an unknown invokeType: 400 InvalidItemPayload', async () => {
    await pact
      .addInteraction()
      .given(...noJob)
      .uponReceiving('a request to create a job instance with an invokeType the spec does not know')
      .withRequest('POST', instancePath, createRequest({ invokeType: 'OnDemand' }))
      .willRespondWith(400, (b) =>
        b.headers(jsonResponse).jsonBody({
          ...errorResponse(
            'InvalidItemPayload',
            'body/invokeType: must be equal to one of the allowed values: UnknownFutureValue, Scheduled, Manual',
            'User',
            true,
          ),
          moreDetails: moreDetails(
            'InvalidItemPayload',
            'must be equal to one of the allowed values: UnknownFutureValue, Scheduled, Manual',
            'body/invokeType',
          ),
        }),
      )
      .executeTest(async (server) => {
        // A value newer than this client's enum: the type says one of three, the value is none of them.
        const invokeType = 'OnDemand' as components['schemas']['JobInvokeType'];
        const { response, error } = await workloadAt(server.url).POST(PATHS.instance, {
          params: { ...fabricHeaders(), path: pathParams() },
          body: { invokeType },
        });
        expect(response.status).toBe(400);
        expect(error).toMatchObject({ errorCode: 'InvalidItemPayload', isPermanent: true });
      });
  });

  it('is refused a cancel whose job instance id is not a GUID: 400 InvalidItemPayload', async () => {
    const jobId = 'forecast-run-42';
    await pact
      .addInteraction()
      .given(...noJob)
      .uponReceiving('a request to cancel a job instance whose id is not a GUID')
      .withRequest('POST', itemPath(`/instances/${jobId}/cancel`), fabricRequest)
      .willRespondWith(400, (b) =>
        b.headers(jsonResponse).jsonBody({
          ...errorResponse(
            'InvalidItemPayload',
            'path jobInstanceId: must match format "uuid"',
            'User',
            true,
          ),
          moreDetails: moreDetails('InvalidItemPayload', 'must match format "uuid"', 'path jobInstanceId'),
        }),
      )
      .executeTest(async (server) => {
        const { response, error } = await cancel(server.url, jobId);
        expect(response.status).toBe(400);
        expect(error).toMatchObject({ errorCode: 'InvalidItemPayload' });
      });
  });

  it('gets 401 AuthError for an Authorization header that is not SubjectAndApp', async () => {
    await pact
      .addInteraction()
      .given(...jobIn('InProgress'))
      .comment(DELIBERATE_CREDENTIALS)
      .uponReceiving('a request to cancel a job instance with a bearer token instead of SubjectAndApp')
      .withRequest('POST', cancelPath, (b) =>
        b.headers(requestHeaders({ Authorization: regex('^Bearer [\\w\\-.~+/]+=*$', BEARER) })),
      )
      .willRespondWith(401, (b) =>
        b.headers(jsonResponse).jsonBody({
          ...errorResponse('AuthError', 'Missing or invalid Authorization header', 'External', false),
          moreDetails: moreDetails(
            'AuthError',
            'Missing or invalid Authorization header',
            'header Authorization',
          ),
        }),
      )
      .executeTest(async (server) => {
        const { response, error } = await cancel(server.url, JOB_ID, { authorization: BEARER });
        expect(response.status).toBe(401);
        expect(error).toMatchObject({ errorCode: 'AuthError', isPermanent: false });
      });
  });

  it('gets 401 AuthError for an x-ms-client-tenant-id that is not a GUID', async () => {
    await pact
      .addInteraction()
      .given(...jobIn('InProgress'))
      .comment(DELIBERATE_CREDENTIALS)
      .uponReceiving('a request to cancel a job instance with a tenant domain instead of a tenant GUID')
      .withRequest('POST', cancelPath, (b) =>
        b.headers(
          requestHeaders({ 'x-ms-client-tenant-id': regex('^[a-z0-9-]+(\\.[a-z0-9-]+)+$', TENANT_DOMAIN) }),
        ),
      )
      .willRespondWith(401, (b) =>
        b.headers(jsonResponse).jsonBody({
          ...errorResponse('AuthError', 'Missing or invalid x-ms-client-tenant-id header', 'External', false),
          moreDetails: moreDetails(
            'AuthError',
            'Missing or invalid x-ms-client-tenant-id header',
            'header x-ms-client-tenant-id',
          ),
        }),
      )
      .executeTest(async (server) => {
        const { response, error } = await cancel(server.url, JOB_ID, { tenantId: TENANT_DOMAIN });
        expect(response.status).toBe(401);
        expect(error).toMatchObject({ errorCode: 'AuthError', isPermanent: false });
      });
  });
});
