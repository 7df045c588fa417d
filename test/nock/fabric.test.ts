import { randomUUID } from 'node:crypto';
import type { Interceptor } from '../../src/main';
import { intercept } from '../../src/main';
import { nodeRequest } from './support/node-http';

/** A workload's backend, where the official sample serves the workload API (`/workload`). */
const BASE_URL = 'https://workload.contoso.com/workload';
const WORKSPACE = 'e5ef604d-e14f-4a59-9133-75d5a0cb9334';
const ITEM = 'b14cb7e7-d346-4751-9cfd-8c2767d53111';

/** A JWT-shaped token (the mock checks the SubjectAndApp header's shape only). */
const JWT = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJkZW1vIn0.c2ln';

/** The headers Fabric sends a workload: SubjectAndApp authorization and its correlation ids. */
function fabricHeaders(authorization = `SubjectAndAppToken1.0 subjectToken="${JWT}", appToken="${JWT}"`) {
  return {
    authorization,
    activityid: randomUUID(),
    requestid: randomUUID(),
    'x-ms-client-tenant-id': '72f988bf-86f1-41af-91ab-2d7cd011db47',
  };
}

function instanceUrl(instanceId: string): string {
  return `${BASE_URL}/workspaces/${WORKSPACE}/items/Contoso.FinanceAnalytics.Forecast/${ITEM}/jobTypes/calculateForecast/instances/${instanceId}`;
}

describe('intercept("fabric") with node’s http module', () => {
  let api: Interceptor;
  beforeAll(() => {
    api = intercept('fabric', BASE_URL);
  });
  beforeEach(() => api.reset());
  afterAll(() => api.dispose());

  it('creates a job instance, cancels it and observes it cancelled', async () => {
    const instance = randomUUID();
    const created = await nodeRequest(instanceUrl(instance), {
      method: 'POST',
      headers: { ...fabricHeaders(), 'content-type': 'application/json' },
      body: JSON.stringify({ invokeType: 'Manual', creationPayload: { forecastHorizonDays: 30 } }),
    });
    expect(created.status).toBe(202);
    const before = await nodeRequest(instanceUrl(instance), { headers: fabricHeaders() });
    expect(JSON.parse(before.body)).toMatchObject({ status: 'NotStarted' });

    const cancelled = await nodeRequest(`${instanceUrl(instance)}/cancel`, {
      method: 'POST',
      headers: fabricHeaders(),
    });
    expect(cancelled.status).toBe(200);
    expect(JSON.parse(cancelled.body)).toMatchObject({ status: 'Cancelled', endTimeUtc: expect.any(String) });
    const after = await nodeRequest(instanceUrl(instance), { headers: fabricHeaders() });
    expect(JSON.parse(after.body)).toMatchObject({ status: 'Cancelled' });
    expect(api.jobs('Cancelled')).toHaveLength(1);
    expect(api.violations).toEqual([]);
  });

  it('gets 401 AuthError for a malformed SubjectAndApp header', async () => {
    const denied = await nodeRequest(instanceUrl(randomUUID()), { headers: fabricHeaders('Bearer x') });
    expect(denied.status).toBe(401);
    expect(JSON.parse(denied.body)).toMatchObject({ errorCode: 'AuthError' });
  });

  it('gets 401 for the header with its parameters swapped: the sample’s pattern is strict', async () => {
    const swapped = `SubjectAndAppToken1.0 appToken="${JWT}", subjectToken="${JWT}"`;
    const denied = await nodeRequest(instanceUrl(randomUUID()), { headers: fabricHeaders(swapped) });
    expect(denied.status).toBe(401);
  });
});

describe('intercept("fabric", { profile: "upstream" }): the official sample’s cancel', () => {
  let api: Interceptor;
  beforeAll(() => {
    api = intercept('fabric', BASE_URL, { profile: 'upstream' });
  });
  beforeEach(() => api.reset());
  afterAll(() => api.dispose());

  it('cancels a Completed instance and recreates an unknown one, both {"status":"Cancelled"}', async () => {
    const completed = api.createJob('Completed');
    const unknown = randomUUID();
    for (const id of [completed.id, unknown]) {
      const cancelled = await nodeRequest(`${instanceUrl(id)}/cancel`, {
        method: 'POST',
        headers: fabricHeaders(),
      });
      expect([cancelled.status, JSON.parse(cancelled.body)]).toEqual([200, { status: 'Cancelled' }]);
      expect(api.getJob(id).state).toBe('Cancelled');
    }
    expect(api.violations).toEqual([]);
  });
});
