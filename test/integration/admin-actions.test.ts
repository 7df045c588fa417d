import { registry } from '../../mocks/index';
import { startServer } from '../support/server-harness';

type Server = Awaited<ReturnType<typeof startServer>>;

/** The admin calls the inspector's actions use: hold and release, freeze and speed the clock, the APIs. */
describe('admin API: holding jobs, the clock, the APIs', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());
  beforeEach(() => server.admin.call('POST', '/reset'));

  it('PATCH /jobs/{api}/{id} releases a held job onto its timeline, and holds it again', async () => {
    await server.admin.createJob('aws-batch', 'RUNNABLE', { id: 'hold-1' });
    const released = await server.admin.call('PATCH', '/jobs/aws-batch/hold-1', { held: false });
    expect(released).toMatchObject({ status: 200, body: { id: 'hold-1', held: false, state: 'RUNNABLE' } });
    await server.admin.advance(2_000);
    const moved = await server.admin.getJob('aws-batch', 'hold-1');
    expect(moved.body).toMatchObject({ state: 'STARTING', held: false });
    await server.admin.call('PATCH', '/jobs/aws-batch/hold-1', { held: true });
    await server.admin.advance(3_600_000);
    expect((await server.admin.getJob('aws-batch', 'hold-1')).body).toMatchObject({ state: 'STARTING' });
  });

  it.each([
    ['an unknown job', '/jobs/aws-batch/nope', { held: false }, 404],
    ['a body without held', '/jobs/aws-batch/hold-2', {}, 400],
    ['an unknown field', '/jobs/aws-batch/hold-2', { held: true, state: 'FAILED' }, 400],
  ])('PATCH with %s is refused, and nothing changes', async (_what, path, body, status) => {
    await server.admin.createJob('aws-batch', 'RUNNABLE', { id: 'hold-2' });
    expect((await server.admin.call('PATCH', path, body)).status).toBe(status);
    expect((await server.admin.getJob('aws-batch', 'hold-2')).body).toMatchObject({
      held: true,
      state: 'RUNNABLE',
    });
  });

  it('POST /clock runs a manual clock at a speed and freezes it again, where it is', async () => {
    const start = (await server.admin.call('GET', '/clock')).body as {
      now: number;
      mode: string;
      speed: number;
    };
    expect(start).toMatchObject({ mode: 'manual', speed: 1 });
    const running = await server.admin.call('POST', '/clock', { mode: 'real', speed: 1000 });
    expect(running.body).toMatchObject({ mode: 'real', speed: 1000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const frozen = (await server.admin.call('POST', '/clock', { mode: 'manual' })).body as { now: number };
    expect(frozen.now - start.now).toBeGreaterThanOrEqual(40_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const later = (await server.admin.call('POST', '/clock', { advanceMs: 5 })).body as { now: number };
    expect(later.now).toBe(frozen.now + 5);
    expect((await server.admin.call('POST', '/clock', {})).status).toBe(400);
    expect((await server.admin.call('POST', '/clock', { speed: 0 })).status).toBe(400);
  });

  it('GET /apis lists each API with its states and operations', async () => {
    const { body } = await server.admin.call('GET', '/apis');
    const apis = body!.apis as { id: string; states: string[]; operations: { id: string }[] }[];
    expect(apis.map((a) => a.id)).toEqual(registry.map((a) => a.id));
    for (const api of registry) {
      const listed = apis.find((a) => a.id === api.id)!;
      expect(listed.states).toEqual(api.machine.states);
      expect(listed.operations.map((o) => o.id).sort()).toEqual(Object.keys(api.handlers).sort());
    }
  });
});
