import type { PactV4 } from '@pact-foundation/pact';
import { MatchersV3 } from '@pact-foundation/pact';
import createClient from 'openapi-fetch';
import type { BIGCHANGE_PROVIDER_STATES } from '../../mocks/bigchange';
import type { BigChangeState } from '../../mocks/bigchange/machine';
import type { paths } from '../../specs/bigchange/types.gen';
import type { ProviderStateName } from '../pact-setup';
import { pactWith } from '../pact-setup';

const { like, regex, eachLike, integer } = MatchersV3;

/** The consumer: a field-service app that cancels BigChange jobs through a client typed from the spec. */
const pact = pactWith('field-service-app', 'bigchange');

type StateName = ProviderStateName<(typeof BIGCHANGE_PROVIDER_STATES)[number]>;
type Interaction = ReturnType<PactV4['addInteraction']>;
type RequestBuilder = Parameters<NonNullable<Parameters<Interaction['withRequest']>[2]>>[0];

/** The customer the app works for (`Customer-Id`); the provider states give it the jobs. */
const CUSTOMER_ID = 4321;
/** Another BigChange customer, whose jobs the app must not see. */
const OTHER_CUSTOMER_ID = 8765;

/**
 * Bearer tokens. The app gets real ones from the auth proxy (signed, expiring), so the pact records fixed
 * tokens and a provider state makes each valid with the scopes it names; the invalid one has no such state.
 */
const TOKENS = {
  readWrite: { token: 'fsa-token-jobs-read-write', scopes: 'jobs:read jobs:write' },
  readOnly: { token: 'fsa-token-jobs-read', scopes: 'jobs:read' },
  invalid: 'not-a-valid-token',
} as const;

const REASON = 'Customer rang to cancel, boiler already replaced';

/** A typed BigChange client (openapi-fetch over the generated `paths`) pointed at the Pact mock server. */
function bigChangeAt(url: string, token: string) {
  return createClient<paths>({ baseUrl: url, headers: { Authorization: `Bearer ${token}` } });
}

/** The header params of every call: the app's customer. */
const customer = { header: { 'Customer-Id': CUSTOMER_ID } };

// Request headers: any bearer token (RFC 6750 b64token) and any customer id, as the app sends them.
const bearer = (token: string) => ({
  Authorization: regex('^Bearer [A-Za-z0-9\\-._~+/]+=*$', `Bearer ${token}`),
});
const customerHeader = { 'Customer-Id': regex('^[1-9][0-9]*$', String(CUSTOMER_ID)) };
const jsonRequest = { 'Content-Type': regex('^application/json', 'application/json') };

// Response matchers.
/**
 * A `Bearer` challenge (RFC 6750 §3), with or without auth-params. Pact splits header values at commas, so
 * each auth-param after the first (`error_description="..."`) is matched on its own.
 */
const bearerChallenge = regex(
  '^(Bearer( .*)?|[A-Za-z_]+=".*")$',
  'Bearer error="invalid_token", error_description="The access token is not a JWT."',
);
const problemJson = {
  'Content-Type': regex('^application/problem\\+json(;.*)?$', 'application/problem+json'),
};
const isoDateTime = (example: string) =>
  regex('^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$', example);

/** The RFC 7807 `type` and `title` an ASP.NET Core API gives each status (examples only). */
const PROBLEMS = {
  400: ['https://tools.ietf.org/html/rfc7231#section-6.5.1', 'Bad Request'],
  401: ['https://tools.ietf.org/html/rfc7235#section-3.1', 'Unauthorized'],
  403: ['https://tools.ietf.org/html/rfc7231#section-6.5.3', 'Forbidden'],
  404: ['https://tools.ietf.org/html/rfc7231#section-6.5.4', 'Not Found'],
  422: ['https://tools.ietf.org/html/rfc4918#section-11.2', 'One or more validation errors occurred.'],
} as const;

/** RFC 7807 problem details: the status is the contract, the texts are not. */
function problem(status: keyof typeof PROBLEMS, detail: string, instance: string) {
  const [type, title] = PROBLEMS[status];
  return { type: like(type), title: like(title), status, detail: like(detail), instance: like(instance) };
}

/** The provider states of an interaction: the app's token (unless it sends an invalid one), then the job. */
function given(
  interaction: Interaction,
  token: { token: string; scopes: string } | undefined,
  ...states: [StateName, Record<string, string | number | Record<string, string>>][]
): Interaction {
  let at = token
    ? interaction.given('a token {token} with scopes {scopes}' satisfies StateName, token)
    : interaction;
  for (const [name, params] of states) at = at.given(name, params);
  return at;
}

const jobIn = (jobId: number, state: BigChangeState, fields?: Record<string, string>) =>
  [
    'a job {jobId} in state {state}',
    { jobId, state, owner: CUSTOMER_ID, ...(fields ? { fields } : {}) },
  ] satisfies [StateName, object];

const cancelRequest =
  (token: string, reason: unknown = like(REASON)) =>
  (b: RequestBuilder) =>
    b.headers({ ...bearer(token), ...customerHeader, ...jsonRequest }).jsonBody({ reason });

const CANCELLABLE: BigChangeState[] = [
  'new',
  'scheduled',
  'unscheduled',
  'sent',
  'read',
  'accepted',
  'refused',
  'onTheWay',
];
const NOT_CANCELLABLE: BigChangeState[] = [
  'started',
  'suspended',
  'completedOk',
  'completedWithIssues',
  'cancelled',
];

describe('field-service-app → bigchange', () => {
  it.each(CANCELLABLE.map((state, i) => [state, 1001 + i] as const))(
    'cancels a job in %s: 204 with no body',
    async (state, jobId) => {
      await given(pact.addInteraction(), TOKENS.readWrite, jobIn(jobId, state))
        .uponReceiving(`a request to cancel a job in ${state}`)
        .withRequest('PUT', `/v1/jobs/${jobId}/cancel`, cancelRequest(TOKENS.readWrite.token))
        .willRespondWith(204)
        .executeTest(async (server) => {
          const { response, data, error } = await bigChangeAt(server.url, TOKENS.readWrite.token).PUT(
            '/v1/jobs/{jobId}/cancel',
            { params: { ...customer, path: { jobId } }, body: { reason: REASON } },
          );
          expect(response.status).toBe(204);
          expect(data).toBeUndefined();
          expect(error).toBeUndefined();
        });
    },
  );

  it.each(NOT_CANCELLABLE.map((state, i) => [state, 1101 + i] as const))(
    'is refused for a job in %s: 422 ValidationProblemDetails naming the status',
    async (state, jobId) => {
      await given(pact.addInteraction(), TOKENS.readWrite, jobIn(jobId, state))
        .uponReceiving(`a request to cancel a job in ${state}, which cannot be cancelled`)
        .withRequest('PUT', `/v1/jobs/${jobId}/cancel`, cancelRequest(TOKENS.readWrite.token))
        .willRespondWith(422, (b) =>
          b.headers(problemJson).jsonBody({
            ...problem(
              422,
              `The job cannot be cancelled because its status is ${state}.`,
              `/v1/jobs/${jobId}/cancel`,
            ),
            errors: { status: eachLike(`Job ${jobId} has the status ${state} and cannot be cancelled.`) },
          }),
        )
        .executeTest(async (server) => {
          const { response, error } = await bigChangeAt(server.url, TOKENS.readWrite.token).PUT(
            '/v1/jobs/{jobId}/cancel',
            { params: { ...customer, path: { jobId } }, body: { reason: REASON } },
          );
          expect(response.status).toBe(422);
          expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          expect(error).toMatchObject({ status: 422, errors: { status: [expect.stringContaining(state)] } });
        });
    },
  );

  it('is refused for an empty reason: 422 ValidationProblemDetails naming reason', async () => {
    const jobId = 1201;
    await given(pact.addInteraction(), TOKENS.readWrite, jobIn(jobId, 'scheduled'))
      .uponReceiving('a request to cancel a job with an empty reason')
      .withRequest('PUT', `/v1/jobs/${jobId}/cancel`, cancelRequest(TOKENS.readWrite.token, ''))
      .willRespondWith(422, (b) =>
        b.headers(problemJson).jsonBody({
          ...problem(422, 'The reason field is required.', `/v1/jobs/${jobId}/cancel`),
          errors: { reason: eachLike('The reason field is required.') },
        }),
      )
      .executeTest(async (server) => {
        const { response, error } = await bigChangeAt(server.url, TOKENS.readWrite.token).PUT(
          '/v1/jobs/{jobId}/cancel',
          { params: { ...customer, path: { jobId } }, body: { reason: '' } },
        );
        expect(response.status).toBe(422);
        expect(error).toMatchObject({ errors: { reason: [expect.any(String)] } });
      });
  });

  it('reads a cancelled job: status cancelled', async () => {
    const jobId = 1301;
    await given(pact.addInteraction(), TOKENS.readWrite, jobIn(jobId, 'cancelled', { reason: REASON }))
      .uponReceiving('a request to get a cancelled job')
      .withRequest('GET', `/v1/jobs/${jobId}`, (b) =>
        b.headers({ ...bearer(TOKENS.readWrite.token), ...customerHeader }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          id: jobId,
          status: 'cancelled',
          createdAt: isoDateTime('2024-05-02T10:15:30.000Z'),
        }),
      )
      .executeTest(async (server) => {
        const { data } = await bigChangeAt(server.url, TOKENS.readWrite.token).GET('/v1/jobs/{jobId}', {
          params: { ...customer, path: { jobId } },
        });
        expect(data).toMatchObject({ id: jobId, status: 'cancelled' });
      });
  });

  it("reads a cancelled job's latest status change: cancelled, with the reason", async () => {
    const jobId = 1302;
    await given(pact.addInteraction(), TOKENS.readWrite, jobIn(jobId, 'cancelled', { reason: REASON }))
      .uponReceiving('a request for the latest status change of a cancelled job')
      .withRequest('GET', `/v1/jobs/${jobId}/statuses`, (b) =>
        b
          .headers({ ...bearer(TOKENS.readWrite.token), ...customerHeader })
          .query({ direction: 'descending', pageSize: '1' }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          items: [
            {
              id: integer(1302002),
              status: 'cancelled',
              createdAt: isoDateTime('2024-05-03T08:02:11.000Z'),
              reason: like(REASON),
            },
          ],
          pageNumber: 1,
          pageSize: 1,
          totalItems: integer(2),
          totalPages: integer(2),
        }),
      )
      .executeTest(async (server) => {
        const { data } = await bigChangeAt(server.url, TOKENS.readWrite.token).GET(
          '/v1/jobs/{jobId}/statuses',
          {
            params: { ...customer, path: { jobId }, query: { direction: 'descending', pageSize: 1 } },
          },
        );
        expect(data?.items[0]).toMatchObject({ status: 'cancelled', reason: REASON });
      });
  });

  it('gets 404 problem+json for a job that does not exist', async () => {
    const jobId = 1401;
    await given(pact.addInteraction(), TOKENS.readWrite, ['no job {jobId}', { jobId }])
      .uponReceiving('a request to cancel a job that does not exist')
      .withRequest('PUT', `/v1/jobs/${jobId}/cancel`, cancelRequest(TOKENS.readWrite.token))
      .willRespondWith(404, (b) =>
        b
          .headers(problemJson)
          .jsonBody(problem(404, `Job ${jobId} was not found.`, `/v1/jobs/${jobId}/cancel`)),
      )
      .executeTest(async (server) => {
        const { response, error } = await bigChangeAt(server.url, TOKENS.readWrite.token).PUT(
          '/v1/jobs/{jobId}/cancel',
          { params: { ...customer, path: { jobId } }, body: { reason: REASON } },
        );
        expect(response.status).toBe(404);
        expect(error).toMatchObject({ status: 404 });
      });
  });

  it("gets 404 problem+json for another customer's job", async () => {
    const jobId = 1402;
    await given(pact.addInteraction(), TOKENS.readWrite, [
      'a job {jobId} of another customer in state {state}',
      { jobId, state: 'scheduled', customerId: OTHER_CUSTOMER_ID },
    ])
      .uponReceiving("a request to cancel another customer's job")
      .withRequest('PUT', `/v1/jobs/${jobId}/cancel`, cancelRequest(TOKENS.readWrite.token))
      .willRespondWith(404, (b) =>
        b
          .headers(problemJson)
          .jsonBody(problem(404, `Job ${jobId} was not found.`, `/v1/jobs/${jobId}/cancel`)),
      )
      .executeTest(async (server) => {
        const { response } = await bigChangeAt(server.url, TOKENS.readWrite.token).PUT(
          '/v1/jobs/{jobId}/cancel',
          { params: { ...customer, path: { jobId } }, body: { reason: REASON } },
        );
        expect(response.status).toBe(404);
      });
  });

  it('gets 401 problem+json with a Bearer challenge for an invalid token', async () => {
    const jobId = 1501;
    await given(pact.addInteraction(), undefined, jobIn(jobId, 'scheduled'))
      .uponReceiving('a request to cancel a job with an invalid bearer token')
      .withRequest('PUT', `/v1/jobs/${jobId}/cancel`, cancelRequest(TOKENS.invalid))
      .willRespondWith(401, (b) =>
        b
          .headers({ ...problemJson, 'WWW-Authenticate': bearerChallenge })
          .jsonBody(problem(401, 'The access token is invalid.', `/v1/jobs/${jobId}/cancel`)),
      )
      .executeTest(async (server) => {
        const { response } = await bigChangeAt(server.url, TOKENS.invalid).PUT('/v1/jobs/{jobId}/cancel', {
          params: { ...customer, path: { jobId } },
          body: { reason: REASON },
        });
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      });
  });

  it('gets 403 problem+json for a token without jobs:write', async () => {
    const jobId = 1502;
    await given(pact.addInteraction(), TOKENS.readOnly, jobIn(jobId, 'scheduled'))
      .uponReceiving('a request to cancel a job with a token that has jobs:read but not jobs:write')
      .withRequest('PUT', `/v1/jobs/${jobId}/cancel`, cancelRequest(TOKENS.readOnly.token))
      .willRespondWith(403, (b) =>
        b
          .headers(problemJson)
          .jsonBody(
            problem(
              403,
              'The access token does not have the required scope jobs:write.',
              `/v1/jobs/${jobId}/cancel`,
            ),
          ),
      )
      .executeTest(async (server) => {
        const { response } = await bigChangeAt(server.url, TOKENS.readOnly.token).PUT(
          '/v1/jobs/{jobId}/cancel',
          {
            params: { ...customer, path: { jobId } },
            body: { reason: REASON },
          },
        );
        expect(response.status).toBe(403);
      });
  });

  it('gets 400 problem+json for a job id that is not a number', async () => {
    await given(pact.addInteraction(), TOKENS.readWrite)
      .uponReceiving('a request to cancel a job whose id is not a number')
      .withRequest('PUT', '/v1/jobs/JOB-2024-0042/cancel', cancelRequest(TOKENS.readWrite.token))
      .willRespondWith(400, (b) =>
        b
          .headers(problemJson)
          .jsonBody(problem(400, 'jobId must be an integer.', '/v1/jobs/JOB-2024-0042/cancel')),
      )
      .executeTest(async (server) => {
        // A reference typed where the numeric id belongs: the type says number, the value is not one.
        const jobId = 'JOB-2024-0042' as unknown as number;
        const { response } = await bigChangeAt(server.url, TOKENS.readWrite.token).PUT(
          '/v1/jobs/{jobId}/cancel',
          {
            params: { ...customer, path: { jobId } },
            body: { reason: REASON },
          },
        );
        expect(response.status).toBe(400);
      });
  });

  it('gets 400 problem+json without a Customer-Id header', async () => {
    const jobId = 1601;
    await given(pact.addInteraction(), TOKENS.readWrite, jobIn(jobId, 'scheduled'))
      .uponReceiving('a request to cancel a job without a Customer-Id header')
      .withRequest('PUT', `/v1/jobs/${jobId}/cancel`, (b) =>
        b.headers({ ...bearer(TOKENS.readWrite.token), ...jsonRequest }).jsonBody({ reason: like(REASON) }),
      )
      .willRespondWith(400, (b) =>
        b
          .headers(problemJson)
          .jsonBody(problem(400, 'The Customer-Id header is required.', `/v1/jobs/${jobId}/cancel`)),
      )
      .executeTest(async (server) => {
        const { response } = await bigChangeAt(server.url, TOKENS.readWrite.token).PUT(
          '/v1/jobs/{jobId}/cancel',
          {
            params: { header: {} as { 'Customer-Id': number }, path: { jobId } },
            body: { reason: REASON },
          },
        );
        expect(response.status).toBe(400);
      });
  });
});
