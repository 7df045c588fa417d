import { fault, isCancellable } from '../../../src/index';
import { fabric, FABRIC_PROVIDER_STATES } from '../../../mocks/fabric/index';
import { fabricErrorReply } from '../../../mocks/fabric/errors';
import type { FabricState } from '../../../mocks/fabric/machine';
import { machine } from '../../../mocks/fabric/machine';
import type { MockServiceOptions } from '../../../src/mock-service';
import { apiTestEngine } from '../../support/engine-harness';
import { fabricClient, fabricHeaders, instancePath, jobCalls } from '../../support/clients/fabric-client';

const JOB = '63f77191-432d-4ee6-9c5f-31a1a6987072';
const OTHER_UUID = '11111111-2222-4333-8444-555555555555';

function setup(options: Partial<MockServiceOptions> = {}) {
  const t = apiTestEngine(fabric, options);
  const client = fabricClient(t.fetch);
  return {
    ...t,
    client,
    jobs: jobCalls(client),
    put: (state: FabricState, id = JOB) => t.createJob({ state, id }),
    iso: (offsetMs = 0) => new Date(t.now() + offsetMs).toISOString(),
  };
}

describe('fabric: the job lifecycle', () => {
  it('creates a job with 202 and no body, NotStarted with no times', async () => {
    const t = setup();
    const created = await t.jobs.create(instancePath(JOB), {
      invokeType: 'Manual',
      creationPayload: { days: 30 },
    });
    expect(created.response.status).toBe(202);
    expect(await created.response.text()).toBe('');
    const got = await t.jobs.get(instancePath(JOB));
    expect(got.response.status).toBe(200);
    expect(got.data).toEqual({ status: 'NotStarted' });
  });

  it('moves a created job to InProgress after 2 s (startTimeUtc) and Completed 10 s later (endTimeUtc)', async () => {
    const t = setup();
    const createdAt = t.now();
    await t.jobs.create(instancePath(JOB), { invokeType: 'Scheduled' });
    t.advance(1_999);
    expect((await t.jobs.get(instancePath(JOB))).data).toEqual({ status: 'NotStarted' });
    t.advance(1);
    const started = new Date(createdAt + 2_000).toISOString();
    expect((await t.jobs.get(instancePath(JOB))).data).toEqual({
      status: 'InProgress',
      startTimeUtc: started,
    });
    t.advance(60_000);
    expect((await t.jobs.get(instancePath(JOB))).data).toEqual({
      status: 'Completed',
      startTimeUtc: started,
      endTimeUtc: new Date(createdAt + 12_000).toISOString(),
    });
  });

  it('answers a second create with the same instance id with 409 ItemJobInstanceAlreadyExists, under any item', async () => {
    const t = setup();
    await t.jobs.create(instancePath(JOB));
    for (const path of [instancePath(JOB), instancePath(JOB, { itemId: OTHER_UUID })]) {
      const again = await t.jobs.create(path);
      expect(again.response.status).toBe(409);
      expect(again.error).toEqual({
        errorCode: 'ItemJobInstanceAlreadyExists',
        message: `Job instance ${JOB} already exists.`,
        source: 'User',
        isPermanent: true,
        messageParameters: [JOB],
      });
    }
  });

  it('gives admin-created jobs uuid ids from the sequence, reachable through the API', async () => {
    const t = setup();
    expect(fabric.newId(42)).toBe('00000000-0000-4000-8000-00000000002a');
    const job = t.createJob({ state: 'InProgress' });
    expect(job.id).toMatch(/^00000000-0000-4000-8000-[0-9a-f]{12}$/);
    expect((await t.jobs.get(instancePath(job.id))).data?.status).toBe('InProgress');
  });
});

describe('fabric: seeded jobs show their state as the API does', () => {
  it.each([
    ['NotStarted', false, false, false],
    ['InProgress', true, false, false],
    ['Completed', true, true, false],
    ['Failed', true, true, true],
    ['Cancelled', true, true, false],
  ] as const)('%s: startTimeUtc %s, endTimeUtc %s, errorDetails %s', async (state, start, end, error) => {
    const t = setup();
    t.put(state);
    const { data } = await t.jobs.get(instancePath(JOB));
    expect(data?.status).toBe(state);
    expect(data?.startTimeUtc !== undefined).toBe(start);
    expect(data?.endTimeUtc).toBe(end ? t.iso() : undefined);
    expect(data?.errorDetails !== undefined).toBe(error);
    if (start && end) expect(Date.parse(data!.startTimeUtc!)).toBeLessThan(Date.parse(data!.endTimeUtc!));
  });

  it('keeps a held job in its state as time passes', async () => {
    const t = setup();
    t.put('NotStarted');
    t.advance(600_000);
    expect((await t.jobs.get(instancePath(JOB))).data).toEqual({ status: 'NotStarted' });
  });
});

describe('fabric: cancel (documented profile)', () => {
  it.each([
    ['NotStarted', 'Cancelled'],
    ['InProgress', 'Cancelled'],
    ['Completed', 'Completed'],
    ['Failed', 'Failed'],
    ['Cancelled', 'Cancelled'],
  ] as const)('from %s answers 200 with status %s', async (from, to) => {
    const t = setup();
    t.put(from);
    const before = (await t.jobs.get(instancePath(JOB))).data!;
    t.advance(5_000);
    const cancelled = await t.jobs.cancel(instancePath(JOB));
    expect(cancelled.response.status).toBe(200);
    expect(cancelled.data?.status).toBe(to);
    expect(isCancellable(machine, from)).toBe(from !== to);
    if (from !== to) {
      expect(cancelled.data?.endTimeUtc).toBe(t.iso());
      expect(cancelled.data?.startTimeUtc).toBe(before.startTimeUtc);
    } else {
      expect(cancelled.data).toEqual(before);
    }
    expect((await t.jobs.get(instancePath(JOB))).data).toEqual(cancelled.data);
  });

  it('stops a running job: it stays Cancelled when its completion time passes', async () => {
    const t = setup();
    await t.jobs.create(instancePath(JOB));
    t.advance(3_000);
    const cancelled = await t.jobs.cancel(instancePath(JOB));
    t.advance(60_000);
    const got = await t.jobs.get(instancePath(JOB));
    expect(got.data).toEqual(cancelled.data);
    expect(got.data).toMatchObject({ status: 'Cancelled', startTimeUtc: expect.any(String) });
  });

  it('answers a second cancel with the same state and end time (idempotent)', async () => {
    const t = setup();
    t.put('InProgress');
    const first = await t.jobs.cancel(instancePath(JOB));
    t.advance(1_000);
    const second = await t.jobs.cancel(instancePath(JOB));
    expect(second.data).toEqual(first.data);
  });

  it('answers in the shape of the vendor example (status, startTimeUtc, endTimeUtc)', async () => {
    const t = setup();
    t.put('InProgress');
    t.advance(349_000);
    const { data } = await t.jobs.cancel(instancePath(JOB));
    expect(Object.keys(data!).sort()).toEqual(['endTimeUtc', 'startTimeUtc', 'status']);
    expect(data!.endTimeUtc).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});

describe('fabric: unknown job instances', () => {
  it.each(['get', 'cancel'] as const)(
    '%s answers 404 ErrorResponse in the documented profile',
    async (op) => {
      const t = setup();
      const reply = await t.jobs[op](instancePath(JOB));
      expect(reply.response.status).toBe(404);
      expect(reply.error).toEqual({
        errorCode: 'ItemJobInstanceNotFound',
        message: `Job instance ${JOB} was not found.`,
        source: 'User',
        isPermanent: true,
        messageParameters: [JOB],
      });
    },
  );

  it.each(['get', 'cancel'] as const)(
    '%s answers the sample’s 200 Failed ItemNotFound for an unknown item in the upstream profile',
    async (op) => {
      const t = setup({ profile: 'upstream' });
      const reply = await t.jobs[op](instancePath(JOB, { itemId: OTHER_UUID }));
      expect(reply.response.status).toBe(200);
      expect(reply.data).toEqual({
        status: 'Failed',
        errorDetails: { errorCode: 'ItemNotFound', message: 'Item not found.', source: 'System' },
      });
      expect((await t.jobs.get(instancePath(JOB, { itemId: OTHER_UUID }))).data?.errorDetails).toBeDefined();
    },
  );

  it('get answers a bare Failed for an instance a known item does not have (upstream profile)', async () => {
    const t = setup({ profile: 'upstream' });
    const reply = await t.jobs.get(instancePath(JOB));
    expect(reply.response.status).toBe(200);
    expect(reply.data).toEqual({ status: 'Failed' });
  });

  it('cancel recreates an instance a known item does not have, Cancelled (upstream profile)', async () => {
    const t = setup({ profile: 'upstream' });
    const cancelled = await t.jobs.cancel(instancePath(JOB));
    expect(cancelled.response.status).toBe(200);
    expect(cancelled.data).toEqual({ status: 'Cancelled' });
    expect(t.job(JOB)?.state).toBe('Cancelled');
    expect((await t.jobs.get(instancePath(JOB))).data).toMatchObject({ status: 'Cancelled' });
  });

  it('an item is known by any instance under it, not only the demo item (upstream profile)', async () => {
    const t = setup({ profile: 'upstream' });
    const item = { itemId: OTHER_UUID };
    await t.jobs.create(instancePath(OTHER_UUID, item));
    expect((await t.jobs.cancel(instancePath(JOB, item))).data).toEqual({ status: 'Cancelled' });
    expect((await t.jobs.get(instancePath(JOB, item))).data).toMatchObject({ status: 'Cancelled' });
  });

  it('leaves an instance id in use under another item alone (upstream profile)', async () => {
    const t = setup({ profile: 'upstream' });
    t.put('InProgress');
    const elsewhere = instancePath(JOB, { jobType: 'otherJob' });
    expect((await t.jobs.cancel(elsewhere)).data).toEqual({ status: 'Cancelled' });
    expect((await t.jobs.get(instancePath(JOB))).data?.status).toBe('InProgress');
  });

  it.each([
    ['workspace', { workspaceId: OTHER_UUID }],
    ['item type', { itemType: 'Contoso.Other.Item' }],
    ['item', { itemId: OTHER_UUID }],
    ['job type', { jobType: 'otherJob' }],
  ])(
    'treats a job instance id under another %s as unknown (404), leaving the job alone',
    async (_n, item) => {
      const t = setup();
      t.put('InProgress');
      expect((await t.jobs.get(instancePath(JOB, item))).response.status).toBe(404);
      expect((await t.jobs.cancel(instancePath(JOB, item))).response.status).toBe(404);
      expect((await t.jobs.get(instancePath(JOB))).data?.status).toBe('InProgress');
    },
  );
});

describe('fabric: cancel (upstream profile, the official sample)', () => {
  it.each(['NotStarted', 'InProgress', 'Completed', 'Failed', 'Cancelled'] as const)(
    'from %s answers 200 {"status":"Cancelled"} and leaves the instance Cancelled',
    async (from) => {
      const t = setup({ profile: 'upstream' });
      t.put(from);
      t.advance(5_000);
      const cancelled = await t.jobs.cancel(instancePath(JOB));
      expect(cancelled.response.status).toBe(200);
      expect(cancelled.data).toEqual({ status: 'Cancelled' });
      expect(t.job(JOB)?.state).toBe('Cancelled');
      const got = (await t.jobs.get(instancePath(JOB))).data!;
      expect(got.status).toBe('Cancelled');
      expect(got.errorDetails).toBeUndefined();
    },
  );

  it('answers a second cancel the same and records the cancel once', async () => {
    const t = setup({ profile: 'upstream' });
    t.put('Completed');
    await t.jobs.cancel(instancePath(JOB));
    const entries = t.job(JOB)!.history.length;
    t.advance(1_000);
    expect((await t.jobs.cancel(instancePath(JOB))).data).toEqual({ status: 'Cancelled' });
    expect(t.job(JOB)!.history).toHaveLength(entries);
  });

  it('keeps a finished instance’s history and ends it Cancelled at the cancel', async () => {
    const t = setup({ profile: 'upstream' });
    t.put('Failed');
    const before = t.job(JOB)!.history.map((h) => h.state);
    await t.jobs.cancel(instancePath(JOB));
    expect(t.job(JOB)!.history.map((h) => h.state)).toEqual([...before, 'Cancelled']);
    expect((await t.jobs.get(instancePath(JOB))).data?.endTimeUtc).toBe(t.iso());
  });
});

describe('fabric: the Authorization and tenant headers (401 AuthError before validation)', () => {
  const jwt = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.';
  const auth = (subject: string, app: string) =>
    `SubjectAndAppToken1.0 subjectToken="${subject}", appToken="${app}"`;
  const authError = (header: string) => ({
    errorCode: 'AuthError',
    message: `Missing or invalid ${header} header`,
    source: 'External',
    isPermanent: false,
  });

  it.each([
    ['no Authorization', { Authorization: undefined }, 'Authorization'],
    ['a Bearer token', { Authorization: `Bearer ${jwt}` }, 'Authorization'],
    ['another scheme version', { Authorization: auth(jwt, jwt).replace('1.0', '2.0') }, 'Authorization'],
    ['a subject token that is not a JWT', { Authorization: auth('abc.def', jwt) }, 'Authorization'],
    ['an empty app token', { Authorization: auth(jwt, '') }, 'Authorization'],
    ['an app token that is not a JWT', { Authorization: auth('', 'token') }, 'Authorization'],
    ['no appToken', { Authorization: `SubjectAndAppToken1.0 subjectToken="${jwt}"` }, 'Authorization'],
    ['an extra parameter', { Authorization: `${auth(jwt, jwt)}, x="1"` }, 'Authorization'],
    [
      'an unterminated quote',
      { Authorization: `SubjectAndAppToken1.0 subjectToken="${jwt}, appToken="${jwt}` },
      'Authorization',
    ],
    [
      'parameters in the other order',
      { Authorization: `SubjectAndAppToken1.0 appToken="${jwt}", subjectToken=""` },
      'Authorization',
    ],
    ['no space after the comma', { Authorization: auth(jwt, jwt).replace('", ', '",') }, 'Authorization'],
    [
      'the scheme in lower case',
      { Authorization: auth(jwt, jwt).replace('SubjectAndAppToken', 'subjectandapptoken') },
      'Authorization',
    ],
    ['two spaces after the scheme', { Authorization: auth(jwt, jwt).replace(' ', '  ') }, 'Authorization'],
    ['no tenant id', { 'x-ms-client-tenant-id': undefined }, 'x-ms-client-tenant-id'],
    ['a tenant id that is not a GUID', { 'x-ms-client-tenant-id': 'contoso' }, 'x-ms-client-tenant-id'],
  ])('rejects %s with 401 in the swagger’s camelCase shape', async (_name, overrides, header) => {
    const t = setup();
    t.put('InProgress');
    const reply = await jobCalls(t.client, fabricHeaders(overrides)).cancel(instancePath(JOB));
    expect(reply.response.status).toBe(401);
    expect(reply.error).toEqual({
      ...authError(header),
      moreDetails: [
        {
          errorCode: 'AuthError',
          message: `Missing or invalid ${header} header`,
          additionalParameters: [{ name: 'location', value: `header ${header}` }],
        },
      ],
    });
    expect((await t.jobs.get(instancePath(JOB))).data?.status).toBe('InProgress');
  });

  it('names the first missing header and lists both in moreDetails', async () => {
    const t = setup();
    const reply = await jobCalls(t.client, {}).get(instancePath(JOB));
    expect(reply.response.status).toBe(401);
    expect(reply.error).toMatchObject(authError('Authorization'));
    expect(reply.error?.moreDetails?.map((d) => d.additionalParameters?.[0]?.value)).toEqual([
      'header Authorization',
      'header x-ms-client-tenant-id',
    ]);
  });

  it.each([
    ['no ActivityId', { ActivityId: undefined }, ['header ActivityId']],
    ['an empty ActivityId', { ActivityId: '' }, ['header ActivityId']],
    ['no RequestId', { RequestId: undefined }, ['header RequestId']],
    ['neither', { ActivityId: undefined, RequestId: undefined }, ['header ActivityId', 'header RequestId']],
  ])(
    'answers %s with 400 InvalidItemPayload, as the spec requires the header',
    async (_n, overrides, where) => {
      const t = setup();
      t.put('InProgress');
      const reply = await jobCalls(t.client, fabricHeaders(overrides)).cancel(instancePath(JOB));
      expect(reply.response.status).toBe(400);
      expect(reply.error).toMatchObject({
        errorCode: 'InvalidItemPayload',
        source: 'User',
        isPermanent: true,
      });
      expect(reply.error?.moreDetails?.map((d) => d.additionalParameters?.[0]?.value)).toEqual(where);
      expect((await t.jobs.get(instancePath(JOB))).data?.status).toBe('InProgress');
    },
  );

  it('answers 401 for a bad Authorization even when ActivityId is missing too', async () => {
    const t = setup();
    const reply = await jobCalls(
      t.client,
      fabricHeaders({ Authorization: 'Bearer x', ActivityId: undefined }),
    ).get(instancePath(JOB));
    expect(reply.response.status).toBe(401);
  });

  it('answers 401, not 400, when headers are missing and the body and path are invalid too', async () => {
    const t = setup();
    const reply = await t.send('POST', `/fabric/workspaces/nope/items/T/nope/jobTypes/j/instances/nope`, {
      body: { invokeType: 'Bogus' },
    });
    expect(reply.status).toBe(401);
    expect(reply.body).toMatchObject({ errorCode: 'AuthError', source: 'External' });
  });

  it.each([
    ['the subject-and-app form', auth(jwt, jwt)],
    ['the app-only form (empty subjectToken)', auth('', jwt)],
    ['tokens with dots, dashes and underscores', auth('eyJa-b_c.d-e.f_', 'eyJ0.e30.s-_')],
  ])('accepts %s', async (_name, Authorization) => {
    const t = setup();
    const reply = await jobCalls(t.client, fabricHeaders({ Authorization })).create(instancePath(JOB));
    expect(reply.response.status).toBe(202);
  });

  it('adds the four headers with the demo credentials, and nothing to a request that has its own', async () => {
    const t = setup();
    const request = {
      method: 'GET',
      baseUrl: 'http://127.0.0.1:4010/fabric',
      path: '/x',
      headers: {},
      body: '',
    };
    const added = await fabric.demoAuth!(request);
    expect(Object.keys(added).sort()).toEqual([
      'activityid',
      'authorization',
      'requestid',
      'x-ms-client-tenant-id',
    ]);
    await t.jobs.create(instancePath(JOB));
    expect((await jobCalls(t.client, added).get(instancePath(JOB))).response.status).toBe(200);
    expect(await fabric.demoAuth!({ ...request, headers: { authorization: 'x' } })).toEqual({});
  });
});

describe('fabric: validation (400 InvalidItemPayload listing every issue)', () => {
  it('reports a bad invokeType, an unknown property and a non-GUID path id at once', async () => {
    const t = setup();
    const reply = await t.send(
      'POST',
      `/fabric/workspaces/not-a-guid/items/T/${OTHER_UUID}/jobTypes/j/instances/${JOB}`,
      { headers: fabricHeaders(), body: { invokeType: 'Bogus', extra: 1 } },
    );
    expect(reply.status).toBe(400);
    const body = reply.body as {
      errorCode: string;
      source: string;
      isPermanent: boolean;
      moreDetails: { additionalParameters: { value: string }[] }[];
    };
    expect(body).toMatchObject({ errorCode: 'InvalidItemPayload', source: 'User', isPermanent: true });
    const where = body.moreDetails.map((d) => d.additionalParameters[0]!.value);
    expect(where.sort()).toEqual(['body', 'body/invokeType', 'path workspaceId']);
  });

  it('requires a create body', async () => {
    const t = setup();
    const reply = await t.send(
      'POST',
      `/fabric/workspaces/${OTHER_UUID}/items/T/${OTHER_UUID}/jobTypes/j/instances/${JOB}`,
      {
        headers: fabricHeaders(),
      },
    );
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({
      errorCode: 'InvalidItemPayload',
      moreDetails: [{ message: 'a request body is required' }],
    });
  });

  it('answers a malformed JSON body with 400 InvalidItemPayload', async () => {
    const t = setup();
    const reply = await t.send(
      'POST',
      `/fabric/workspaces/${OTHER_UUID}/items/T/${OTHER_UUID}/jobTypes/j/instances/${JOB}`,
      {
        headers: { ...fabricHeaders(), 'content-type': 'application/json' },
        body: '{"invokeType":',
      },
    );
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ errorCode: 'InvalidItemPayload', source: 'User' });
  });
});

describe('fabric: errors', () => {
  it.each([
    [429, 'TooManyRequests', 'User', false],
    [500, 'InternalError', 'System', false],
    [503, 'InternalError', 'System', false],
  ] as const)('answers an injected %s as %s', async (status, errorCode, source, isPermanent) => {
    const t = setup();
    t.put('InProgress');
    t.injectFault({ operation: 'Jobs_CancelItemJobInstance', status, times: 1 });
    const reply = await t.jobs.cancel(instancePath(JOB));
    expect(reply.response.status).toBe(status);
    expect(reply.error).toMatchObject({ errorCode, source, isPermanent });
    expect((await t.jobs.get(instancePath(JOB))).data?.status).toBe('InProgress');
  });

  it('keeps a fault’s forced status and its code override', () => {
    const reply = fabricErrorReply(
      fault('Unauthenticated', 'consent', { status: 401, code: 'AuthUIRequired' }),
    );
    expect(reply).toMatchObject({ status: 401, body: { errorCode: 'AuthUIRequired', source: 'External' } });
  });
});

describe('fabric: provider states', () => {
  it('exports its own provider state names', () => {
    expect(FABRIC_PROVIDER_STATES).toEqual(Object.keys(fabric.providerStates!));
  });

  it('puts a job in a state under the item the params name', async () => {
    const t = setup();
    const item = { workspaceId: OTHER_UUID, itemId: OTHER_UUID };
    t.providerState('a job {jobId} in state {state} of item {itemId}', {
      jobId: JOB,
      state: 'InProgress',
      ...item,
    });
    expect((await t.jobs.get(instancePath(JOB, item))).data?.status).toBe('InProgress');
    expect((await t.jobs.get(instancePath(JOB))).response.status).toBe(404);
    t.advance(600_000);
    expect((await t.jobs.get(instancePath(JOB, item))).data?.status).toBe('InProgress');
  });

  it('rejects an unknown state', () => {
    const t = setup();
    expect(() =>
      t.providerState('a job {jobId} in state {state} of item {itemId}', { jobId: JOB, state: 'Running' }),
    ).toThrow(/needs params jobId and state/);
  });
});
