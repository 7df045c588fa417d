import { fabric } from '../../../mocks/fabric';
import { registry } from '../../../mocks/index';
import type { MockService } from '../../../src/mock-service';
import { createMockService } from '../../../src/mock-service';
import { adminCall } from '../../support/admin-call';
import { kbaseClient, kbaseEngine, rejection } from '../../support/clients/kbase-client';
import { withDemoCredentials } from '../../support/demo-client';

describe('POST /__admin/faults: what it refuses, saying why', () => {
  let service: MockService;
  beforeAll(() => {
    service = createMockService({ apis: registry, clock: 'manual' });
  });
  afterAll(() => service.close());
  const inject = (fault: Record<string, unknown>) => adminCall(service, 'POST', '/faults', fault, 'checks');

  it.each([
    [{ api: 'aws-batch' }, /needs an effect/],
    [{ api: 'aws-batch', ignore: false }, /needs an effect/],
    [{ api: 'aws-batch', operation: 'CancelJob', status: 418 }, /does not declare status 418/],
    [{ api: 'aws-batch', code: 10 }, /declares no error codes \(its errors are HTTP statuses/],
    [{ api: 'kbase', code: 12345 }, /does not declare error code 12345/],
    [{ api: 'aws-batch', status: 500, throttle: {} }, /one reply, not status and throttle/],
    [{ api: 'aws-batch', ignore: true, status: 500 }, /ignore keeps a handled call's reply/],
    [
      { api: 'aws-batch', rateLimit: { ratePerSecond: 1, burst: 1 }, times: 2 },
      /takes only api and operation/,
    ],
    [{ api: 'aws-batch', latency: { shape: 'uniform', minMs: 5, maxMs: 1 } }, /minMs ≤ maxMs/],
    [{ api: 'itential', failTo: 'nowhere' }, /"nowhere" is not a state itential jobs move to/],
  ])('%j', async (fault, message) => {
    const reply = await inject(fault);
    expect(reply.status).toBe(400);
    expect((reply.body!.error as { message: string }).message).toMatch(message);
  });

  it.each([
    { api: 'aws-batch', network: { kind: 'sideways' } },
    { api: 'aws-batch', latency: { shape: 'log-normal', medianMs: 100 } },
    { api: 'aws-batch', rateLimit: { ratePerSecond: 0, burst: 1 } },
    { api: 'aws-batch', jobId: '' },
  ])('refuses a shape the admin spec does not allow: %j', async (fault) => {
    expect((await inject(fault)).status).toBe(400);
  });

  it('holds at most 100 faults per session', async () => {
    for (let i = 0; i < 100; i++)
      expect(
        (await adminCall(service, 'POST', '/faults', { api: 'fabric', status: 500 }, 'full')).status,
      ).toBe(201);
    const refused = await adminCall(service, 'POST', '/faults', { api: 'fabric', status: 500 }, 'full');
    expect(refused).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringContaining('at most 100') } },
    });
  });

  it('lists open throttle windows; DELETE ends them and keeps chaos', async () => {
    const session = 'windows';
    await adminCall(service, 'POST', '/chaos', { seed: 1, rate: 0, apis: ['bigchange'] }, session);
    await adminCall(
      service,
      'POST',
      '/faults',
      { api: 'fabric', throttle: { windowMs: 5_000 }, times: 1 },
      session,
    );
    const created = await adminCall(
      service,
      'POST',
      '/jobs',
      { api: 'fabric', state: 'InProgress' },
      session,
    );
    const read = fabric.jobRequests.read(String(created.body!.id));
    const { headers } = await withDemoCredentials(fabric, 'http://127.0.0.1/fabric', read);
    const reply = await service.handle({
      method: read.method,
      url: '/fabric' + read.path,
      headers: { ...headers, host: '127.0.0.1', 'x-jobmock-session': session },
      rawBody: '',
    });
    expect(reply.status).toBe(429);
    const { now } = (await adminCall(service, 'GET', '/clock', undefined, session)).body as { now: number };
    expect((await adminCall(service, 'GET', '/faults', undefined, session)).body).toEqual({
      faults: [],
      throttled: [{ api: 'fabric', until: now + 5_000 }],
    });
    expect((await adminCall(service, 'DELETE', '/faults', undefined, session)).status).toBe(204);
    expect((await adminCall(service, 'GET', '/faults', undefined, session)).body).toEqual({ faults: [] });
    expect((await adminCall(service, 'GET', '/chaos', undefined, session)).body).toMatchObject({
      from: 'session',
    });
  });
});

describe('JSON-RPC error codes as faults', () => {
  it('answers with the error object the method declares for the code', async () => {
    const t = kbaseEngine();
    const injected = await adminCall(t.service, 'POST', '/faults', {
      api: 'kbase',
      operation: 'JobBrowserBFF.cancel_job',
      code: 21,
      times: 1,
    });
    expect(injected.status).toBe(201);
    const error = await rejection(
      kbaseClient(t).call('JobBrowserBFF.cancel_job', { job_id: 'x', timeout: 10 }),
    );
    expect(error).toMatchObject({
      code: 21,
      message: 'Job could not be canceled due to insufficient privileges',
    });
  });
});
