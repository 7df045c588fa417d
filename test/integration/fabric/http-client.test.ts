import createClient from 'openapi-fetch';
import { fabric } from '../../../mocks/fabric/index';
import type { paths } from '../../../specs/fabric/types.gen';
import { startServer } from '../../support/server-harness';
import { fabricHeaders, instancePath, jobCalls } from '../../support/clients/fabric-client';

type Server = Awaited<ReturnType<typeof startServer>>;

const JOB = '00000000-0000-4000-8000-0000000000f1';

describe('fabric over HTTP with the typed client (openapi-fetch over the generated paths)', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer({ apis: [fabric] });
  });
  afterAll(() => server.close());

  it('creates, polls and cancels a job instance through jobmock serve', async () => {
    const client = createClient<paths>({ baseUrl: `${server.url}/fabric` });
    const jobs = jobCalls(client);
    const created = await jobs.create(instancePath(JOB), { invokeType: 'Manual' });
    expect(created.response.status).toBe(202);
    expect(created.response.headers.get('x-jobmock-violations')).toBeNull();

    await server.admin.advance(2_000);
    const running = await jobs.get(instancePath(JOB));
    expect(running.data).toMatchObject({ status: 'InProgress', startTimeUtc: expect.any(String) });

    const cancelled = await jobs.cancel(instancePath(JOB));
    expect(cancelled.response.status).toBe(200);
    expect(cancelled.response.headers.get('x-jobmock-violations')).toBeNull();
    expect(cancelled.data).toEqual({
      status: 'Cancelled',
      startTimeUtc: running.data!.startTimeUtc,
      endTimeUtc: expect.any(String),
    });
  });

  it('answers a call without the Fabric headers with 401 AuthError', async () => {
    const client = createClient<paths>({ baseUrl: `${server.url}/fabric` });
    const reply = await jobCalls(client, fabricHeaders({ Authorization: undefined })).get(instancePath(JOB));
    expect(reply.response.status).toBe(401);
    expect(reply.error).toMatchObject({ errorCode: 'AuthError', source: 'External', isPermanent: false });
  });

  it('shows an admin-created job as Fabric sees it', async () => {
    const made = await server.admin.createJob('fabric', 'Completed');
    expect(made.status).toBe(201);
    const id = String(made.body!.id);
    const client = createClient<paths>({ baseUrl: `${server.url}/fabric` });
    const got = await jobCalls(client).get(instancePath(id));
    expect(got.data).toMatchObject({ status: 'Completed', endTimeUtc: expect.any(String) });
  });
});
