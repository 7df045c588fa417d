import type { PactV4 } from '@pact-foundation/pact';
import { MatchersV3 } from '@pact-foundation/pact';
import createClient from 'openapi-fetch';
import type { BIGCHANGE_PROVIDER_STATES } from '../../mocks/bigchange';
import type { BigChangeState } from '../../mocks/bigchange/machine';
import type { paths } from '../../specs/bigchange/types.gen';
import type { ProviderStateName } from '../pact-setup';
import { DELIBERATE_CREDENTIALS, injected, pactWith } from '../pact-setup';

const { like, regex, eachLike, integer } = MatchersV3;

/** The consumer: a field-service app that cancels BigChange jobs through a client typed from the spec. */
const pact = pactWith('field-service-app', 'bigchange');

type StateName = ProviderStateName<(typeof BIGCHANGE_PROVIDER_STATES)[number]>;
type Interaction = ReturnType<PactV4['addInteraction']>;
type RequestBuilder = Parameters<NonNullable<Parameters<Interaction['withRequest']>[2]>>[0];

/** The customer the app works for (`Customer-Id`), as the token's provider state returns it. */
const CUSTOMER_ID = 4321;

/**
 * Bearer tokens. The app gets real ones from the auth proxy (signed, expiring), so a provider state issues one
 * with the scopes it names and returns it (`{ token, customerId }`); the pact holds only examples. The
 * invalid token is sent as recorded.
 */
const TOKENS = {
  readWrite: { scopes: 'jobs:read jobs:write', example: 'fsa-token-jobs-read-write' },
  readOnly: { scopes: 'jobs:read', example: 'fsa-token-jobs-read' },
} as const;
const INVALID_TOKEN = 'not-a-valid-token';

/** The job the provider state returns (`jobId`); consumer tests see this one. */
const JOB_ID = 1001;

const REASON = 'Customer rang to cancel, boiler already replaced';

/** A typed BigChange client (openapi-fetch over the generated `paths`) pointed at the Pact mock server. */
function bigChangeAt(url: string, token: string) {
  return createClient<paths>({ baseUrl: url, headers: { Authorization: `Bearer ${token}` } });
}

/** The header params of every call: the app's customer. */
const customer = { header: { 'Customer-Id': CUSTOMER_ID } };

// Request headers: the token and the customer the provider state returned.
const bearer = (example: string) => ({ Authorization: injected('Bearer ${token}', `Bearer ${example}`) });
const customerHeader = { 'Customer-Id': injected('customerId', String(CUSTOMER_ID)) };
const jsonRequest = { 'Content-Type': regex('^application/json', 'application/json') };
const jobPath = (suffix = '') => injected(`/v1/jobs/\${jobId}${suffix}`, `/v1/jobs/${JOB_ID}${suffix}`);

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
function problem(status: keyof typeof PROBLEMS, detail: string, instance = `/v1/jobs/${JOB_ID}/cancel`) {
  const [type, title] = PROBLEMS[status];
  return { type: like(type), title: like(title), status, detail: like(detail), instance: like(instance) };
}

/** The provider states of an interaction: the app's token with its scopes, then the job's. */
function given(
  interaction: Interaction,
  token: (typeof TOKENS)[keyof typeof TOKENS],
  ...states: [StateName, Record<string, string>][]
): Interaction {
  let at = interaction.given('a token with scopes {scopes}' satisfies StateName, { scopes: token.scopes });
  for (const [name, params] of states) at = at.given(name, params);
  return at;
}

const jobIn = (state: BigChangeState) => ['a job in state {state}', { state }] satisfies [StateName, object];

const cancelRequest =
  (token: string = TOKENS.readWrite.example, reason: unknown = like(REASON)) =>
  (b: RequestBuilder) =>
    b.headers({ ...bearer(token), ...customerHeader, ...jsonRequest }).jsonBody({ reason });

/** Cancels the example job through the typed client, as the app does. */
const cancel = (url: string, token: string = TOKENS.readWrite.example, reason = REASON) =>
  bigChangeAt(url, token).PUT('/v1/jobs/{jobId}/cancel', {
    params: { ...customer, path: { jobId: JOB_ID } },
    body: { reason },
  });

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
  it.each(CANCELLABLE)('cancels a job in %s: 204 with no body', async (state) => {
    await given(pact.addInteraction(), TOKENS.readWrite, jobIn(state))
      .uponReceiving(`a request to cancel a job in ${state}`)
      .withRequest('PUT', jobPath('/cancel'), cancelRequest())
      .willRespondWith(204)
      .executeTest(async (server) => {
        const { response, data, error } = await cancel(server.url);
        expect(response.status).toBe(204);
        expect(data).toBeUndefined();
        expect(error).toBeUndefined();
      });
  });

  it.each(NOT_CANCELLABLE)(
    'is refused for a job in %s: 422 ValidationProblemDetails naming the status',
    async (state) => {
      await given(pact.addInteraction(), TOKENS.readWrite, jobIn(state))
        .uponReceiving(`a request to cancel a job in ${state}, which cannot be cancelled`)
        .withRequest('PUT', jobPath('/cancel'), cancelRequest())
        .willRespondWith(422, (b) =>
          b.headers(problemJson).jsonBody({
            ...problem(422, `The job cannot be cancelled because its status is ${state}.`),
            errors: { status: eachLike(`Job ${JOB_ID} has the status ${state} and cannot be cancelled.`) },
          }),
        )
        .executeTest(async (server) => {
          const { response, error } = await cancel(server.url);
          expect(response.status).toBe(422);
          expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          expect(error).toMatchObject({ status: 422, errors: { status: [expect.stringContaining(state)] } });
        });
    },
  );

  it('is refused for an empty reason: 422 ValidationProblemDetails naming reason', async () => {
    await given(pact.addInteraction(), TOKENS.readWrite, jobIn('scheduled'))
      .uponReceiving('a request to cancel a job with an empty reason')
      .withRequest('PUT', jobPath('/cancel'), cancelRequest(TOKENS.readWrite.example, ''))
      .willRespondWith(422, (b) =>
        b.headers(problemJson).jsonBody({
          ...problem(422, 'The reason field is required.'),
          errors: { reason: eachLike('The reason field is required.') },
        }),
      )
      .executeTest(async (server) => {
        const { response, error } = await cancel(server.url, TOKENS.readWrite.example, '');
        expect(response.status).toBe(422);
        expect(error).toMatchObject({ errors: { reason: [expect.any(String)] } });
      });
  });

  /** A job the app cancelled (from scheduled, with REASON): what the reads show of it. */
  const cancelled = [
    'a job that was cancelled in state {state}',
    { state: 'scheduled', reason: REASON },
  ] satisfies [StateName, object];

  it('reads a job that was cancelled: status cancelled', async () => {
    await given(pact.addInteraction(), TOKENS.readWrite, cancelled)
      .uponReceiving('a request to get a job that was cancelled')
      .withRequest('GET', jobPath(), (b) =>
        b.headers({ ...bearer(TOKENS.readWrite.example), ...customerHeader }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          id: injected('jobId', JOB_ID),
          status: 'cancelled',
          createdAt: isoDateTime('2024-05-02T10:15:30.000Z'),
        }),
      )
      .executeTest(async (server) => {
        const { data } = await bigChangeAt(server.url, TOKENS.readWrite.example).GET('/v1/jobs/{jobId}', {
          params: { ...customer, path: { jobId: JOB_ID } },
        });
        expect(data).toMatchObject({ id: JOB_ID, status: 'cancelled' });
      });
  });

  it("reads the latest status change of a job that was cancelled: cancelled, with the app's reason", async () => {
    await given(pact.addInteraction(), TOKENS.readWrite, cancelled)
      .uponReceiving('a request for the latest status change of a job that was cancelled')
      .withRequest('GET', jobPath('/statuses'), (b) =>
        b
          .headers({ ...bearer(TOKENS.readWrite.example), ...customerHeader })
          .query({ direction: 'descending', pageSize: '1' }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          items: [
            {
              id: integer(1001002),
              status: 'cancelled',
              createdAt: isoDateTime('2024-05-03T08:02:11.000Z'),
              reason: REASON,
            },
          ],
          pageNumber: 1,
          pageSize: 1,
          totalItems: integer(2),
          totalPages: integer(2),
        }),
      )
      .executeTest(async (server) => {
        const { data } = await bigChangeAt(server.url, TOKENS.readWrite.example).GET(
          '/v1/jobs/{jobId}/statuses',
          {
            params: { ...customer, path: { jobId: JOB_ID }, query: { direction: 'descending', pageSize: 1 } },
          },
        );
        expect(data?.items[0]).toMatchObject({ status: 'cancelled', reason: REASON });
      });
  });

  it('gets 404 problem+json for a job that does not exist', async () => {
    await given(pact.addInteraction(), TOKENS.readWrite, ['a job id that no job has', {}])
      .uponReceiving('a request to cancel a job that does not exist')
      .withRequest('PUT', jobPath('/cancel'), cancelRequest())
      .willRespondWith(404, (b) =>
        b.headers(problemJson).jsonBody(problem(404, `Job ${JOB_ID} was not found.`)),
      )
      .executeTest(async (server) => {
        const { response, error } = await cancel(server.url);
        expect(response.status).toBe(404);
        expect(error).toMatchObject({ status: 404 });
      });
  });

  it("gets 404 problem+json for another customer's job", async () => {
    await given(pact.addInteraction(), TOKENS.readWrite, [
      'a job of another customer in state {state}',
      { state: 'scheduled' },
    ])
      .uponReceiving("a request to cancel another customer's job")
      .withRequest('PUT', jobPath('/cancel'), cancelRequest())
      .willRespondWith(404, (b) =>
        b.headers(problemJson).jsonBody(problem(404, `Job ${JOB_ID} was not found.`)),
      )
      .executeTest(async (server) => {
        expect((await cancel(server.url)).response.status).toBe(404);
      });
  });

  it('gets 401 problem+json with a Bearer challenge for an invalid token', async () => {
    await given(pact.addInteraction(), TOKENS.readWrite, jobIn('scheduled'))
      .comment(DELIBERATE_CREDENTIALS)
      .uponReceiving('a request to cancel a job with an invalid bearer token')
      .withRequest('PUT', jobPath('/cancel'), (b) =>
        b
          .headers({ Authorization: `Bearer ${INVALID_TOKEN}`, ...customerHeader, ...jsonRequest })
          .jsonBody({ reason: like(REASON) }),
      )
      .willRespondWith(401, (b) =>
        b
          .headers({ ...problemJson, 'WWW-Authenticate': bearerChallenge })
          .jsonBody(problem(401, 'The access token is invalid.')),
      )
      .executeTest(async (server) => {
        const { response } = await cancel(server.url, INVALID_TOKEN);
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      });
  });

  it('gets 403 problem+json for a token without jobs:write', async () => {
    await given(pact.addInteraction(), TOKENS.readOnly, jobIn('scheduled'))
      .comment(DELIBERATE_CREDENTIALS)
      .uponReceiving('a request to cancel a job with a token that has jobs:read but not jobs:write')
      .withRequest('PUT', jobPath('/cancel'), cancelRequest(TOKENS.readOnly.example))
      .willRespondWith(403, (b) =>
        b
          .headers(problemJson)
          .jsonBody(problem(403, 'The access token does not have the required scope jobs:write.')),
      )
      .executeTest(async (server) => {
        expect((await cancel(server.url, TOKENS.readOnly.example)).response.status).toBe(403);
      });
  });

  it('gets 400 problem+json for a job id that is not a number', async () => {
    await given(pact.addInteraction(), TOKENS.readWrite)
      .uponReceiving('a request to cancel a job whose id is not a number')
      .withRequest('PUT', '/v1/jobs/JOB-2024-0042/cancel', cancelRequest())
      .willRespondWith(400, (b) =>
        b
          .headers(problemJson)
          .jsonBody(problem(400, 'jobId must be an integer.', '/v1/jobs/JOB-2024-0042/cancel')),
      )
      .executeTest(async (server) => {
        // A reference typed where the numeric id belongs: the type says number, the value is not one.
        const jobId = 'JOB-2024-0042' as unknown as number;
        const { response } = await bigChangeAt(server.url, TOKENS.readWrite.example).PUT(
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
    await given(pact.addInteraction(), TOKENS.readWrite, jobIn('scheduled'))
      .uponReceiving('a request to cancel a job without a Customer-Id header')
      .withRequest('PUT', jobPath('/cancel'), (b) =>
        b.headers({ ...bearer(TOKENS.readWrite.example), ...jsonRequest }).jsonBody({ reason: like(REASON) }),
      )
      .willRespondWith(400, (b) =>
        b.headers(problemJson).jsonBody(problem(400, 'The Customer-Id header is required.')),
      )
      .executeTest(async (server) => {
        const { response } = await bigChangeAt(server.url, TOKENS.readWrite.example).PUT(
          '/v1/jobs/{jobId}/cancel',
          {
            params: { header: {} as { 'Customer-Id': number }, path: { jobId: JOB_ID } },
            body: { reason: REASON },
          },
        );
        expect(response.status).toBe(400);
      });
  });
});
