import type { Profile } from '../../../src/index';
import type { JobInfo } from '../../../specs/kbase/types.gen';
import { INVALID_TOKEN, NO_AUTH_HEADER } from '../../../mocks/kbase/auth';
import { kbase } from '../../../mocks/kbase';
import { OTHER_USER } from '../../../mocks/kbase/demo-users';
import type { KbaseEngine } from '../../support/clients/kbase-client';
import { jobIn, kbaseClient, kbaseEngine, rejection } from '../../support/clients/kbase-client';

const ACTIVE = ['create', 'queue', 'run'] as const;
const FINISHED = ['complete', 'error', 'terminate'] as const;

async function stateOf(t: KbaseEngine, jobId: string, token = 'admin-token'): Promise<JobInfo['state']> {
  const { jobs } = await kbaseClient(t, token).call('JobBrowserBFF.get_jobs', {
    job_ids: [jobId],
    timeout: 10_000,
    admin: true,
  });
  return jobs[0]!.state;
}

describe('kbase cancel_job (json-rpc-2.0 client)', () => {
  describe.each<Profile>(['documented', 'upstream'])('in the %s profile', (profile) => {
    it.each(ACTIVE)('ends an active %s job in terminate with code 0 and a finish time', async (state) => {
      const t = kbaseEngine(profile);
      const id = jobIn(t, state);
      t.advance(5_000);
      const now = t.now();
      const result = await kbaseClient(t).call('JobBrowserBFF.cancel_job', { job_id: id, timeout: 10_000 });
      expect(result).toEqual({ canceled: true });
      expect(await stateOf(t, id)).toMatchObject({
        status: 'terminate',
        finish_at: now,
        reason: { code: 0 },
      });
    });

    it('fails an unknown job with 10 and data {job_id}', async () => {
      const t = kbaseEngine(profile);
      const error = await rejection(
        kbaseClient(t).call('JobBrowserBFF.cancel_job', { job_id: '65a0ffffffffffffffffffff', timeout: 10 }),
      );
      expect(error.code).toBe(10);
      expect(error.message).toBe(
        profile === 'upstream'
          ? 'The job specified for cancelation does not exist'
          : 'The requested job could not be found',
      );
      expect(error.data).toEqual({ job_id: '65a0ffffffffffffffffffff' });
    });
  });

  it.each(FINISHED)('documented: a %s job is not active (20), and stays as it was', async (state) => {
    const t = kbaseEngine('documented');
    const id = jobIn(t, state);
    const before = await stateOf(t, id);
    const error = await rejection(
      kbaseClient(t).call('JobBrowserBFF.cancel_job', { job_id: id, timeout: 10 }),
    );
    expect(error.code).toBe(20);
    expect(error.message).toBe('Job could not be canceled because it is not active');
    expect(error.data).toEqual({ job_id: id, status: state });
    expect(await stateOf(t, id)).toEqual(before);
  });

  it.each(FINISHED)(
    'upstream: cancelling a %s job is a silent success that changes nothing',
    async (state) => {
      const t = kbaseEngine('upstream');
      const id = jobIn(t, state);
      const before = await stateOf(t, id);
      t.advance(1_000);
      const result = await kbaseClient(t).call('JobBrowserBFF.cancel_job', { job_id: id, timeout: 10 });
      expect(result).toEqual({ canceled: true });
      expect(await stateOf(t, id)).toEqual(before);
    },
  );

  it('upstream: a second cancel answers {canceled: true} again', async () => {
    const t = kbaseEngine('upstream');
    const id = jobIn(t, 'run');
    const { call } = kbaseClient(t);
    expect(await call('JobBrowserBFF.cancel_job', { job_id: id, timeout: 10 })).toEqual({ canceled: true });
    expect(await call('JobBrowserBFF.cancel_job', { job_id: id, timeout: 10 })).toEqual({ canceled: true });
  });

  describe('termination code', () => {
    it('records the code param', async () => {
      const t = kbaseEngine();
      const id = jobIn(t, 'queue');
      await kbaseClient(t).call('JobBrowserBFF.cancel_job', { job_id: id, timeout: 10, code: 2 });
      expect(await stateOf(t, id)).toMatchObject({ status: 'terminate', reason: { code: 2 } });
    });

    it('defaults to 1 when an admin cancels with admin=true', async () => {
      const t = kbaseEngine();
      const id = jobIn(t, 'run', { owner: OTHER_USER });
      const result = await kbaseClient(t, 'admin-token').call('JobBrowserBFF.cancel_job', {
        job_id: id,
        timeout: 10,
        admin: true,
      });
      expect(result).toEqual({ canceled: true });
      expect(await stateOf(t, id)).toMatchObject({ status: 'terminate', reason: { code: 1 } });
      expect(t.job(id)!.data).toMatchObject({
        terminatedCode: 1,
      });
    });

    it('upstream: get_jobs shows reason.code 0 whatever code was recorded (the BFF hard-codes it)', async () => {
      const t = kbaseEngine('upstream');
      const id = jobIn(t, 'run');
      await kbaseClient(t).call('JobBrowserBFF.cancel_job', { job_id: id, timeout: 10, code: 2 });
      expect(await stateOf(t, id)).toMatchObject({ status: 'terminate', reason: { code: 0 } });
      expect(kbase.view(t.job(id)! as never)).toMatchObject({
        state: { reason: { code: 2 } },
      });
    });
  });

  describe('privileges', () => {
    it("documented: another user's job without admin is 21", async () => {
      const t = kbaseEngine('documented');
      const id = jobIn(t, 'run', { owner: OTHER_USER });
      const error = await rejection(
        kbaseClient(t).call('JobBrowserBFF.cancel_job', { job_id: id, timeout: 10 }),
      );
      expect(error).toMatchObject({
        code: 21,
        message: 'Job could not be canceled due to insufficient privileges',
        data: { job_id: id },
      });
      expect(await stateOf(t, id)).toMatchObject({ status: 'run' });
    });

    it("documented: an admin without admin=true may not cancel another user's job (21)", async () => {
      const t = kbaseEngine('documented');
      const id = jobIn(t, 'run', { owner: OTHER_USER });
      const error = await rejection(
        kbaseClient(t, 'admin-token').call('JobBrowserBFF.cancel_job', { job_id: id, timeout: 10 }),
      );
      expect(error.code).toBe(21);
    });

    it('documented: admin=true from a non-admin is 21, even on their own job', async () => {
      const t = kbaseEngine('documented');
      const id = jobIn(t, 'run');
      const error = await rejection(
        kbaseClient(t).call('JobBrowserBFF.cancel_job', { job_id: id, timeout: 10, admin: true }),
      );
      expect(error).toMatchObject({ code: 21, data: { job_id: id } });
      expect(await stateOf(t, id)).toMatchObject({ status: 'run' });
    });

    it("upstream: another user's job is EE2's -32000 permission error", async () => {
      const t = kbaseEngine('upstream');
      const id = jobIn(t, 'queue', { owner: OTHER_USER });
      const error = await rejection(
        kbaseClient(t).call('JobBrowserBFF.cancel_job', { job_id: id, timeout: 10 }),
      );
      expect(error.code).toBe(-32000);
      expect(error.message).toBe(`User user does not have permission to JobPermissions.WRITE job ${id}`);
      expect(error.data).toMatchObject({ name: 'PermissionError' });
      expect(await stateOf(t, id)).toMatchObject({ status: 'queue' });
    });

    it("upstream: admin=true from a non-admin is EE2's Access Denied, checked before the job exists", async () => {
      const t = kbaseEngine('upstream');
      const error = await rejection(
        kbaseClient(t).call('JobBrowserBFF.cancel_job', {
          job_id: '65a0ffffffffffffffffffff',
          timeout: 10,
          admin: true,
        }),
      );
      expect(error.code).toBe(-32000);
      expect(error.message).toMatch(/^Access Denied: You are not an administrator\./);
    });

    it('the provider state "a job {jobId} owned by another user in state {state}" makes such a job', async () => {
      const t = kbaseEngine('documented');
      t.providerState('a job {jobId} owned by another user in state {state}', {
        jobId: '5d769018aa5a4d298c5dc97a',
        state: 'queue',
      });
      const error = await rejection(
        kbaseClient(t).call('JobBrowserBFF.cancel_job', { job_id: '5d769018aa5a4d298c5dc97a', timeout: 10 }),
      );
      expect(error.code).toBe(21);
      const { jobs } = await kbaseClient(t, 'admin-token').call('JobBrowserBFF.get_jobs', {
        job_ids: ['5d769018aa5a4d298c5dc97a'],
        timeout: 10,
        admin: true,
      });
      expect(jobs[0]).toMatchObject({ owner: { username: OTHER_USER }, state: { status: 'queue' } });
    });

    it('the provider state refuses an unknown state', () => {
      const t = kbaseEngine();
      expect(() =>
        t.providerState('a job {jobId} owned by another user in state {state}', {
          jobId: 'x',
          state: 'running',
        }),
      ).toThrow(/needs params jobId and state/);
    });
  });

  describe('auth', () => {
    it.each([
      ['no Authorization header', null, NO_AUTH_HEADER],
      ['an unknown token', 'not-a-token', INVALID_TOKEN],
      ['a Bearer-prefixed token', 'Bearer user-token', INVALID_TOKEN],
    ])('answers %s with -32000 "Server error" and KBase\'s data text', async (_name, token, data) => {
      const t = kbaseEngine();
      const id = jobIn(t, 'run');
      const error = await rejection(
        kbaseClient(t, token).call('JobBrowserBFF.cancel_job', { job_id: id, timeout: 10 }),
      );
      expect(error).toMatchObject({ code: -32000, message: 'Server error', data });
      expect(await stateOf(t, id)).toMatchObject({ status: 'run' });
    });
  });

  describe('params', () => {
    it("reports the failure Python jsonschema's best_match picks: an unexpected param before bad values", async () => {
      const t = kbaseEngine();
      const error = await rejection(
        kbaseClient(t).client.request('JobBrowserBFF.cancel_job', {
          job_id: 5,
          timeout: -1,
          code: 7,
          extra: true,
        }),
      );
      expect(error.code).toBe(-32602);
      expect(error.message).toBe('Invalid params');
      expect(error.data).toEqual({
        schema_error: "Additional properties are not allowed ('extra' was unexpected)",
        schema_path: 'additionalProperties',
        schema_value: false,
      });
    });

    it('names the schema path and the keyword value of a negative timeout, as the spec example does', async () => {
      const t = kbaseEngine();
      const id = jobIn(t, 'run');
      const error = await rejection(
        kbaseClient(t).call('JobBrowserBFF.cancel_job', { job_id: id, timeout: -1 }),
      );
      expect(error.code).toBe(-32602);
      expect(error.data).toEqual({
        schema_error: '-1 is less than the minimum of 0',
        schema_path: 'properties.timeout.minimum',
        schema_value: 0,
      });
    });

    it.each([
      [
        { job_id: 'x', timeout: 'soon' },
        "'soon' is not of type 'integer'",
        'properties.timeout.type',
        'integer',
      ],
      [
        { job_id: 'x', timeout: 1, admin: 'yes' },
        "'yes' is not of type 'boolean'",
        'properties.admin.type',
        'boolean',
      ],
      [{ job_id: 'x', timeout: 1, code: 7 }, '7 is not one of [0, 1, 2]', 'properties.code.enum', [0, 1, 2]],
      [
        { job_id: 'x', timeout: 1, a: 1, b: 2 },
        "Additional properties are not allowed ('a', 'b' were unexpected)",
        'additionalProperties',
        false,
      ],
    ])('reports %j as jsonschema would: %s', async (params, message, path, value) => {
      const t = kbaseEngine();
      const error = await rejection(kbaseClient(t).client.request('JobBrowserBFF.cancel_job', params));
      expect(error.data).toEqual({ schema_error: message, schema_path: path, schema_value: value });
    });

    it('reports a missing required param with the required list', async () => {
      const t = kbaseEngine();
      const error = await rejection(kbaseClient(t).client.request('JobBrowserBFF.cancel_job', {}));
      expect(error.code).toBe(-32602);
      expect(error.data).toEqual({
        schema_error: "'job_id' is a required property",
        schema_path: 'required',
        schema_value: ['job_id', 'timeout'],
      });
    });
  });

  describe('timeout', () => {
    it('fails with 100 when injected upstream latency exceeds the timeout, and leaves the job alone', async () => {
      const t = kbaseEngine();
      const id = jobIn(t, 'run');
      t.injectFault({ latencyMs: 50, times: 1 });
      const error = await rejection(
        kbaseClient(t).call('JobBrowserBFF.cancel_job', { job_id: id, timeout: 10 }),
      );
      expect(error).toMatchObject({
        code: 100,
        message: 'Timeout calling service endpoint',
        data: { timeout: 10 },
      });
      expect(await stateOf(t, id)).toMatchObject({ status: 'run' });
    });

    it('succeeds when the latency is within the timeout', async () => {
      const t = kbaseEngine();
      const id = jobIn(t, 'run');
      t.injectFault({ latencyMs: 20, times: 1 });
      const result = await kbaseClient(t).call('JobBrowserBFF.cancel_job', { job_id: id, timeout: 10_000 });
      expect(result).toEqual({ canceled: true });
    });

    it('maps an injected 503 to 40000 "Unknown error"', async () => {
      const t = kbaseEngine();
      t.injectFault({ status: 503, times: 1 });
      const error = await rejection(kbaseClient(t).call('JobBrowserBFF.is_admin', {}));
      expect(error).toMatchObject({ code: 40000, message: 'Unknown error' });
    });

    it('maps an injected 500 to -32000 "Server error"', async () => {
      const t = kbaseEngine();
      t.injectFault({ status: 500, times: 1 });
      const error = await rejection(kbaseClient(t).call('JobBrowserBFF.is_admin', {}));
      expect(error).toMatchObject({ code: -32000, message: 'Server error' });
    });
  });
});
