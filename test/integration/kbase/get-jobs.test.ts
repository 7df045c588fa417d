import { kbase } from '../../../mocks/kbase';
import { OTHER_USER } from '../../../mocks/kbase/demo-users';
import { jobIn, kbaseClient, kbaseEngine, rejection } from '../../support/clients/kbase-client';

const STATES = ['create', 'queue', 'run', 'complete', 'error', 'terminate'] as const;
const FINISHED = new Set<string>(['complete', 'error', 'terminate']);

describe('kbase get_jobs and is_admin (json-rpc-2.0 client)', () => {
  it('shows every state with the timestamps it has reached, in the order asked (strict spec check)', async () => {
    const t = kbaseEngine();
    const ids = STATES.map((state) => jobIn(t, state));
    const { jobs } = await kbaseClient(t).call('JobBrowserBFF.get_jobs', {
      job_ids: [...ids].reverse(),
      timeout: 10_000,
    });
    expect(jobs.map((j) => j.job_id)).toEqual([...ids].reverse());
    for (const job of jobs) {
      const state = STATES[ids.indexOf(job.job_id)]!;
      expect(job.state.status).toBe(state);
      expect(job.owner).toEqual({ username: 'user', realname: 'Demo User' });
      expect('finish_at' in job.state).toBe(FINISHED.has(state));
    }
  });

  it.each(STATES)('seeds a %s job exactly in that state, as view shows it', (state) => {
    const t = kbaseEngine();
    const id = jobIn(t, state);
    const job = t.job(id)!;
    expect(job.state).toBe(state);
    expect(job.history[job.history.length - 1]!.state).toBe(state);
    expect(kbase.view(job as never)).toMatchObject({ job_id: id, state: { status: state } });
  });

  it('answers an empty id list with no jobs', async () => {
    const t = kbaseEngine();
    expect(await kbaseClient(t).call('JobBrowserBFF.get_jobs', { job_ids: [], timeout: 10 })).toEqual({
      jobs: [],
    });
  });

  it('fails the whole call with 10 "Job not found" when any id is unknown', async () => {
    const t = kbaseEngine();
    const known = jobIn(t, 'run');
    const error = await rejection(
      kbaseClient(t).call('JobBrowserBFF.get_jobs', { job_ids: [known, 'nope'], timeout: 10 }),
    );
    expect(error).toMatchObject({
      code: 10,
      message: 'Job not found',
      data: { message: "Cannot find job with ids: ['nope']" },
    });
  });

  it('moves a released job along its timeline (create → queue → run → complete)', async () => {
    const t = kbaseEngine();
    const id = jobIn(t, 'create', { held: false });
    const { call } = kbaseClient(t);
    const status = async () =>
      (await call('JobBrowserBFF.get_jobs', { job_ids: [id], timeout: 10 })).jobs[0]!.state.status;
    expect(await status()).toBe('create');
    t.advance(1_000);
    expect(await status()).toBe('queue');
    t.advance(2_000);
    expect(await status()).toBe('run');
    t.advance(10_000);
    expect(await status()).toBe('complete');
  });

  it("refuses another user's job to a non-admin with 1 and EE2's error inside", async () => {
    const t = kbaseEngine();
    const id = jobIn(t, 'run', { owner: OTHER_USER });
    const error = await rejection(
      kbaseClient(t).call('JobBrowserBFF.get_jobs', { job_ids: [id], timeout: 10 }),
    );
    expect(error).toMatchObject({
      code: 1,
      message: 'Unknown error occurred',
      data: {
        upstream_error: {
          code: -32000,
          message: `User user does not have permission to JobPermissions.READ job ${id}`,
        },
      },
    });
  });

  it("shows another user's job to an admin asking with admin=true", async () => {
    const t = kbaseEngine();
    const id = jobIn(t, 'run', { owner: OTHER_USER });
    const { jobs } = await kbaseClient(t, 'admin-token').call('JobBrowserBFF.get_jobs', {
      job_ids: [id],
      timeout: 10,
      admin: true,
    });
    expect(jobs[0]!.owner.username).toBe(OTHER_USER);
  });

  it('documented: refuses admin=true from a non-admin with 50, as the KIDL says', async () => {
    const t = kbaseEngine('documented');
    const id = jobIn(t, 'run');
    const error = await rejection(
      kbaseClient(t).call('JobBrowserBFF.get_jobs', { job_ids: [id], timeout: 10, admin: true }),
    );
    expect(error.code).toBe(50);
    expect(error.message).toBe('Non-admin user attempt to use admin method');
  });

  it("upstream: refuses admin=true from a non-admin with 1, EE2's refusal passed on", async () => {
    const t = kbaseEngine('upstream');
    const id = jobIn(t, 'run');
    const error = await rejection(
      kbaseClient(t).call('JobBrowserBFF.get_jobs', { job_ids: [id], timeout: 10, admin: true }),
    );
    expect(error.code).toBe(1);
    expect((error.data as { upstream_error: { message: string } }).upstream_error.message).toMatch(
      /^Access Denied: You are not an administrator\./,
    );
  });

  it('documented: a call without timeout is -32602, the params the spec requires', async () => {
    const t = kbaseEngine('documented');
    const id = jobIn(t, 'run');
    const error = await rejection(kbaseClient(t).client.request('JobBrowserBFF.get_jobs', { job_ids: [id] }));
    expect(error.code).toBe(-32602);
    expect(error.data).toEqual({
      schema_error: "'timeout' is a required property",
      schema_path: 'required',
      schema_value: ['job_ids', 'timeout'],
    });
  });

  it("upstream: a call without timeout fails on the implementation's KeyError: -32000 with a trace", async () => {
    const t = kbaseEngine('upstream');
    const id = jobIn(t, 'run');
    const error = await rejection(kbaseClient(t).client.request('JobBrowserBFF.get_jobs', { job_ids: [id] }));
    expect(error).toMatchObject({
      code: -32000,
      message: 'Server error',
      data: { message: "'timeout'", trace: expect.arrayContaining(["KeyError: 'timeout'"]) },
    });
  });

  it('upstream: a call without timeout that has other invalid params is still -32602', async () => {
    const t = kbaseEngine('upstream');
    const error = await rejection(kbaseClient(t).client.request('JobBrowserBFF.get_jobs', { job_ids: 'x' }));
    expect(error.code).toBe(-32602);
  });

  it.each([
    ['user-token', false],
    ['admin-token', true],
  ])('is_admin answers per token (%s → %s)', async (token, expected) => {
    const t = kbaseEngine();
    expect(await kbaseClient(t, token).call('JobBrowserBFF.is_admin', {})).toEqual({ is_admin: expected });
  });

  it('is_admin needs a token', async () => {
    const t = kbaseEngine();
    const error = await rejection(kbaseClient(t, null).call('JobBrowserBFF.is_admin', {}));
    expect(error).toMatchObject({ code: -32000, message: 'Server error' });
  });
});
