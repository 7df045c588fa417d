import { itential } from '../../../mocks/itential';
import { MOUNTS, serveForTests } from '../../support/server-harness';
import { itentialClient, jobCalls, withQueryToken } from '../../support/clients/itential-client';

describe.each(MOUNTS)('a typed Itential client against jobmock serve, the API %s', (mount) => {
  const served = serveForTests(itential, mount);

  it('logs in, takes the token cookie, starts, pauses, resumes and cancels a job', async () => {
    const client = itentialClient((request) => fetch(request), served.url);
    const login = await client.POST('/login', { body: { user: { username: 'admin', password: 'admin' } } });
    expect(login.response.status).toBe(200);
    const cookie = login.response.headers.get('set-cookie')!;
    expect(cookie).toBe(`token=${login.data!}; HttpOnly; Path=/`);
    const token = cookie.slice('token='.length, cookie.indexOf(';'));
    const calls = jobCalls(client, token);
    const started = await calls.start('DeviceBackup', { variables: { host: 'rtr-1' } });
    expect(started.data).toMatchObject({ name: 'DeviceBackup', status: 'running', created_by: 'admin' });
    const id = started.data!._id;
    expect((await calls.pause(id)).data!.status).toBe('paused');
    expect((await calls.resume(id)).data!.status).toBe('running');
    const canceled = await calls.cancel(id);
    expect(canceled.data).toMatchObject({
      status: 'canceled',
      locked: true,
      tasks: { '4f2e': { metrics: { finish_state: 'canceled' } } },
    });
    expect(canceled.response.headers.get('x-jobmock-violations')).toBeNull();
    const again = await calls.cancel(id);
    expect(again.response.status).toBe(409);
    expect(again.error).toEqual({ message: `Job ${id} is not active (status canceled)` });
  });

  it('accepts ?token= and answers no token with 401, a role-less user with 403', async () => {
    const client = itentialClient((request) => fetch(request), served.url);
    const viewer = await client.POST('/login', {
      body: { user: { username: 'viewer', password: 'viewer' } },
    });
    const id = ((await served.admin.createJob('itential', 'running')).body as { id: string }).id;
    const denied = await withQueryToken(
      itentialClient((request) => fetch(request), served.url),
      viewer.data!,
    ).POST('/workflow_engine/cancelJob', { body: { job_id: id } });
    expect(denied.response.status).toBe(403);
    const anonymous = await client.POST('/workflow_engine/cancelJob', { body: { job_id: id } });
    expect(anonymous.response.status).toBe(401);
  });

  it('logs in with the demo admin through demoAuth, as `jobmock verify` does', async () => {
    const id = ((await served.admin.createJob('itential', 'paused')).body as { id: string }).id;
    const request = {
      method: 'POST',
      baseUrl: served.url,
      path: '/workflow_engine/cancelJob',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ job_id: id }),
    };
    const headers = await itential.demoAuth!(request);
    expect(headers.cookie).toMatch(/^token=[A-Za-z0-9]+$/);
    const reply = await fetch(`${served.url}${request.path}`, {
      method: 'POST',
      headers: { ...request.headers, ...headers },
      body: request.body,
    });
    expect(reply.status).toBe(200);
    expect(await itential.demoAuth!({ ...request, headers: headers })).toEqual({});
    expect(await itential.demoAuth!({ ...request, path: '/workflow_engine/getJob/x?token=abc' })).toEqual({});
    expect(await itential.demoAuth!({ ...request, path: '/login' })).toEqual({});
  });
});
