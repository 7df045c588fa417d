import type { PactV4 } from '@pact-foundation/pact';
import { MatchersV3 } from '@pact-foundation/pact';
import createClient from 'openapi-fetch';
import type { FABRIC_PROVIDER_STATES } from '../../mocks/fabric/provider-states';
import type { FabricState } from '../../mocks/fabric/machine';
import type { components, paths } from '../../specs/fabric/types.gen';
import type { ProviderStateName } from '../pact-setup';
import { pactWith } from '../pact-setup';

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

/** The item whose jobs Fabric drives (the spec's parameter examples). */
const ITEM = {
  workspaceId: 'e5ef604d-e14f-4a59-9133-75d5a0cb9334',
  itemType: 'Contoso.FinanceAnalytics.Forecast',
  itemId: 'b14cb7e7-d346-4751-9cfd-8c2767d53111',
  jobType: 'calculateForecast',
} as const;
/** Another item of the same workspace, whose job instances the calls above must not reach. */
const OTHER_ITEM_ID = '0c2f7a55-8d3e-4b1a-9f6c-2e4d8b7a1c90';

/** A job instance id: a GUID chosen by Fabric, distinct per interaction. */
const jobIdOf = (n: number) => `f0000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

const instancePath = (jobInstanceId: string, itemId: string = ITEM.itemId) =>
  `/workspaces/${ITEM.workspaceId}/items/${ITEM.itemType}/${itemId}/jobTypes/${ITEM.jobType}/instances/${jobInstanceId}`;
const cancelPath = (jobInstanceId: string, itemId?: string) =>
  `${instancePath(jobInstanceId, itemId)}/cancel`;

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
const pathParams = (jobInstanceId: string, itemId: string = ITEM.itemId) => ({
  ...ITEM,
  itemId,
  jobInstanceId,
});

const PATHS = {
  instance:
    '/workspaces/{workspaceId}/items/{itemType}/{itemId}/jobTypes/{jobType}/instances/{jobInstanceId}',
  cancel:
    '/workspaces/{workspaceId}/items/{itemType}/{itemId}/jobTypes/{jobType}/instances/{jobInstanceId}/cancel',
} as const;

/** Jobs_CancelItemJobInstance through the typed client (no body). */
const cancel = (
  url: string,
  jobInstanceId: string,
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

const jobIn = (jobId: string, state: FabricState) =>
  ['a job {jobId} in state {state}', { jobId, state }] satisfies [StateName, object];
const noJob = (jobId: string) => ['no job {jobId}', { jobId }] satisfies [StateName, object];

const CANCELLABLE = ['NotStarted', 'InProgress'] as const satisfies readonly FabricState[];
/** A finished instance keeps its state on cancel, and the reply is 200 with that state (a no-op). */
const FINISHED = ['Completed', 'Failed', 'Cancelled'] as const satisfies readonly FabricState[];

describe('fabric-platform → fabric (the workload backend)', () => {
  it.each(CANCELLABLE.map((state, i) => [state, jobIdOf(101 + i)] as const))(
    'cancels a %s job instance: 200 ItemJobInstanceState Cancelled, with its end time',
    async (state, jobId) => {
      const started = state === 'InProgress';
      await pact
        .addInteraction()
        .given(...jobIn(jobId, state))
        .uponReceiving(`a request to cancel a job instance in state ${state}`)
        .withRequest('POST', cancelPath(jobId), fabricRequest)
        .willRespondWith(200, (b) =>
          b.headers(jsonResponse).jsonBody(instanceState('Cancelled', { start: started, end: true })),
        )
        .executeTest(async (server) => {
          const { response, data } = await cancel(server.url, jobId);
          expect(response.status).toBe(200);
          expect(data).toMatchObject({ status: 'Cancelled', endTimeUtc: expect.any(String) });
          if (started) expect(data?.startTimeUtc).toEqual(expect.any(String));
        });
    },
  );

  it.each(FINISHED.map((state, i) => [state, jobIdOf(201 + i)] as const))(
    'cancelling a %s job instance is a no-op: 200 with its unchanged state',
    async (state, jobId) => {
      const expected: Record<string, unknown> = instanceState(state, { start: true, end: true });
      if (state === 'Failed') {
        expected.errorDetails = {
          errorCode: like('ForecastCalculationFailed'),
          message: like("The forecast could not be calculated from the item's data."),
          source: errorSource('User'),
        };
      }
      await pact
        .addInteraction()
        .given(...jobIn(jobId, state))
        .uponReceiving(`a request to cancel a job instance in state ${state}, which keeps its state`)
        .withRequest('POST', cancelPath(jobId), fabricRequest)
        .willRespondWith(200, (b) => b.headers(jsonResponse).jsonBody(expected))
        .executeTest(async (server) => {
          const { response, data } = await cancel(server.url, jobId);
          expect(response.status).toBe(200);
          expect(data).toMatchObject({ status: state, endTimeUtc: expect.any(String) });
          if (state === 'Failed') expect(data?.errorDetails?.errorCode).toEqual(expect.any(String));
        });
    },
  );

  it('reads a cancelled job instance: Cancelled, with its start and end times', async () => {
    const jobId = jobIdOf(301);
    await pact
      .addInteraction()
      .given(...jobIn(jobId, 'Cancelled'))
      .uponReceiving('a request for the state of a cancelled job instance')
      .withRequest('GET', instancePath(jobId), fabricRequest)
      .willRespondWith(200, (b) =>
        b.headers(jsonResponse).jsonBody(instanceState('Cancelled', { start: true, end: true })),
      )
      .executeTest(async (server) => {
        const { response, data } = await workloadAt(server.url).GET(PATHS.instance, {
          params: { ...fabricHeaders(), path: pathParams(jobId) },
        });
        expect(response.status).toBe(200);
        expect(data).toEqual<JobInstanceState>({
          status: 'Cancelled',
          startTimeUtc: START,
          endTimeUtc: END,
        });
      });
  });

  it('starts a job instance with the id Fabric chose: 202 with no body', async () => {
    const jobId = jobIdOf(401);
    await pact
      .addInteraction()
      .given(...noJob(jobId))
      .uponReceiving('a request to create a job instance run by a user')
      .withRequest('POST', instancePath(jobId), (b) =>
        b
          .headers({ ...requestHeaders(), 'Content-Type': regex('^application/json', 'application/json') })
          .jsonBody({ invokeType: 'Manual', creationPayload: like({ forecastHorizonDays: 30 }) }),
      )
      .willRespondWith(202)
      .executeTest(async (server) => {
        const { response, data } = await workloadAt(server.url).POST(PATHS.instance, {
          params: { ...fabricHeaders(), path: pathParams(jobId) },
          body: { invokeType: 'Manual', creationPayload: { forecastHorizonDays: 30 } },
        });
        expect(response.status).toBe(202);
        expect(data).toBeUndefined();
      });
  });

  it('is refused a second job instance with an id in use: 409 ItemJobInstanceAlreadyExists', async () => {
    const jobId = jobIdOf(402);
    await pact
      .addInteraction()
      .given(...jobIn(jobId, 'InProgress'))
      .uponReceiving('a request to create a job instance whose id is already in use')
      .withRequest('POST', instancePath(jobId), (b) =>
        b
          .headers({ ...requestHeaders(), 'Content-Type': regex('^application/json', 'application/json') })
          .jsonBody({ invokeType: 'Scheduled' }),
      )
      .willRespondWith(409, (b) =>
        b
          .headers(jsonResponse)
          .jsonBody(
            errorResponse(
              'ItemJobInstanceAlreadyExists',
              `Job instance ${jobId} already exists.`,
              'User',
              true,
            ),
          ),
      )
      .executeTest(async (server) => {
        const { response, error } = await workloadAt(server.url).POST(PATHS.instance, {
          params: { ...fabricHeaders(), path: pathParams(jobId) },
          body: { invokeType: 'Scheduled' },
        });
        expect(response.status).toBe(409);
        expect(error).toMatchObject({ errorCode: 'ItemJobInstanceAlreadyExists', isPermanent: true });
      });
  });

  it('is refused a job instance with an unknown invokeType: 400 InvalidItemPayload', async () => {
    const jobId = jobIdOf(403);
    await pact
      .addInteraction()
      .given(...noJob(jobId))
      .uponReceiving('a request to create a job instance with an invokeType the spec does not know')
      .withRequest('POST', instancePath(jobId), (b) =>
        b
          .headers({ ...requestHeaders(), 'Content-Type': regex('^application/json', 'application/json') })
          .jsonBody({ invokeType: 'OnDemand' }),
      )
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
          params: { ...fabricHeaders(), path: pathParams(jobId) },
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
      .uponReceiving('a request to cancel a job instance whose id is not a GUID')
      .withRequest('POST', cancelPath(jobId), fabricRequest)
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

  /** The three ways to miss a job instance: no such instance (cancel or read), or another item's instance. */
  const notFoundCases: {
    description: string;
    jobId: string;
    given: (jobId: string) => readonly [StateName, Record<string, string>];
    read: boolean;
  }[] = [
    {
      description: 'a request to cancel a job instance that does not exist',
      jobId: jobIdOf(501),
      given: (jobId: string) => noJob(jobId),
      read: false,
    },
    {
      description: 'a request for the state of a job instance that does not exist',
      jobId: jobIdOf(502),
      given: (jobId: string) => noJob(jobId),
      read: true,
    },
    {
      description: 'a request to cancel a job instance under an item it does not belong to',
      jobId: jobIdOf(503),
      given: (jobId: string) =>
        [
          'a job {jobId} in state {state} of item {itemId}' satisfies StateName,
          { jobId, state: 'InProgress' satisfies FabricState, itemId: OTHER_ITEM_ID },
        ] as const,
      read: false,
    },
  ];

  it.each(notFoundCases)(
    'gets 404 ItemJobInstanceNotFound for $description',
    async ({ description, jobId, given, read }) => {
      await pact
        .addInteraction()
        .given(...given(jobId))
        .uponReceiving(description)
        .withRequest(read ? 'GET' : 'POST', read ? instancePath(jobId) : cancelPath(jobId), fabricRequest)
        .willRespondWith(404, (b) =>
          b
            .headers(jsonResponse)
            .jsonBody(
              errorResponse('ItemJobInstanceNotFound', `Job instance ${jobId} was not found.`, 'User', true),
            ),
        )
        .executeTest(async (server) => {
          const { response, error } = read
            ? await workloadAt(server.url).GET(PATHS.instance, {
                params: { ...fabricHeaders(), path: pathParams(jobId) },
              })
            : await cancel(server.url, jobId);
          expect(response.status).toBe(404);
          expect(error).toMatchObject({ errorCode: 'ItemJobInstanceNotFound', isPermanent: true });
        });
    },
  );

  it('gets 401 AuthError for an Authorization header that is not SubjectAndApp', async () => {
    const jobId = jobIdOf(601);
    await pact
      .addInteraction()
      .given(...jobIn(jobId, 'InProgress'))
      .uponReceiving('a request to cancel a job instance with a bearer token instead of SubjectAndApp')
      .withRequest('POST', cancelPath(jobId), (b) =>
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
        const { response, error } = await cancel(server.url, jobId, { authorization: BEARER });
        expect(response.status).toBe(401);
        expect(error).toMatchObject({ errorCode: 'AuthError', isPermanent: false });
      });
  });

  it('gets 401 AuthError for an x-ms-client-tenant-id that is not a GUID', async () => {
    const jobId = jobIdOf(602);
    await pact
      .addInteraction()
      .given(...jobIn(jobId, 'InProgress'))
      .uponReceiving('a request to cancel a job instance with a tenant domain instead of a tenant GUID')
      .withRequest('POST', cancelPath(jobId), (b) =>
        b.headers(
          requestHeaders({
            'x-ms-client-tenant-id': regex('^[a-z0-9-]+(\\.[a-z0-9-]+)+$', TENANT_DOMAIN),
          }),
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
        const { response, error } = await cancel(server.url, jobId, { tenantId: TENANT_DOMAIN });
        expect(response.status).toBe(401);
        expect(error).toMatchObject({ errorCode: 'AuthError', isPermanent: false });
      });
  });
});
