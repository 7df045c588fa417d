import { awsBatch } from '../../../mocks/aws-batch';
import { itential } from '../../../mocks/itential';
import type { FaultEffect } from '../../../src/core/fault-effect';
import type { Outcome } from '../../../src/engine/protocol';
import { adminCall } from '../../support/admin-call';
import { itentialClient, jobCalls, logIn } from '../../support/clients/itential-client';
import { jobIn, kbaseClient, kbaseEngine } from '../../support/clients/kbase-client';
import { apiTestEngine } from '../../support/engine-harness';
import { signBatchRequest } from '../../support/sigv4-signer';

function batchSetup() {
  const t = apiTestEngine(awsBatch);
  const call = async (op: string, body: unknown) => {
    const headers = await signBatchRequest(`/aws-batch/v1/${op}`, body);
    return t.send('POST', `/aws-batch/v1/${op}`, { headers, body: JSON.stringify(body) });
  };
  const statuses = async (...jobs: string[]) =>
    ((await call('describejobs', { jobs })).body as { jobs: { jobId: string; status: string }[] }).jobs.map(
      (j) => j.status,
    );
  return { t, call, statuses };
}

describe('stateful faults: the call succeeded but the job did not change', () => {
  it('AWS Batch: a CancelJob acknowledged with 200 {} and ignored', async () => {
    const { t, call, statuses } = batchSetup();
    const job = t.createJob({ state: 'RUNNABLE' });
    const injected = await adminCall(t.service, 'POST', '/faults', {
      api: 'aws-batch',
      operation: 'CancelJob',
      ignore: true,
      times: 1,
    });
    expect(injected.status).toBe(201);
    expect(await call('canceljob', { jobId: job.id, reason: 'x' })).toMatchObject({ status: 200, body: {} });
    expect(await statuses(job.id)).toEqual(['RUNNABLE']);
    expect(t.job(job.id)?.history).toEqual(job.history);
    // The fault is used up: the next cancel takes effect.
    await call('canceljob', { jobId: job.id, reason: 'x' });
    expect(await statuses(job.id)).toEqual(['FAILED']);
  });

  it('Itential: cancelJob answers with the canceled job document, and the job goes on running', async () => {
    const t = apiTestEngine(itential);
    const client = itentialClient(t.fetch);
    const calls = jobCalls(client, await logIn(client, 'admin'));
    const id = t.createJob({ state: 'running' }).id;
    await adminCall(t.service, 'POST', '/faults', { api: 'itential', operation: 'cancelJob', ignore: true });
    expect((await calls.cancel(id)).data).toMatchObject({ _id: id, status: 'canceled' });
    expect((await calls.get(id)).data).toMatchObject({ _id: id, status: 'running' });
  });

  it('with a reset before the headers: the request never arrived, as far as the client can tell', async () => {
    const { t, statuses } = batchSetup();
    const job = t.createJob({ state: 'PENDING' });
    await adminCall(t.service, 'POST', '/faults', {
      api: 'aws-batch',
      jobId: job.id,
      operation: 'CancelJob',
      network: { kind: 'reset-before-headers' },
      ignore: true,
    });
    const body = JSON.stringify({ jobId: job.id, reason: 'x' });
    const headers = await signBatchRequest('/aws-batch/v1/canceljob', { jobId: job.id, reason: 'x' });
    const sent = t.service.fetch('http://127.0.0.1:4010/aws-batch/v1/canceljob', {
      method: 'POST',
      headers,
      body,
    });
    await expect(sent).rejects.toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNRESET' } });
    expect(await statuses(job.id)).toEqual(['PENDING']);
  });
});

describe('stateful faults: the job moved to an error state on its own', () => {
  it('AWS Batch: a RUNNING job the call names is FAILED when the call reads it', async () => {
    const { t, statuses } = batchSetup();
    const running = t.createJob({ state: 'RUNNING' });
    const other = t.createJob({ state: 'RUNNING' });
    await adminCall(t.service, 'POST', '/faults', {
      api: 'aws-batch',
      jobId: running.id,
      failTo: 'FAILED',
      times: 1,
    });
    expect(await statuses(other.id)).toEqual(['RUNNING']);
    expect(await statuses(running.id, other.id)).toEqual(['FAILED', 'RUNNING']);
    expect(t.job(running.id)?.history.at(-1)).toMatchObject({
      state: 'FAILED',
      note: 'Injected fault: the job failed on its own',
    });
    expect((await adminCall(t.service, 'GET', '/faults')).body).toEqual({ faults: [] });
  });

  it('without a job id: every job the call names that can move there; finished jobs are left alone', async () => {
    const { t, statuses } = batchSetup();
    const a = t.createJob({ state: 'STARTING' });
    const b = t.createJob({ state: 'RUNNING' });
    const done = t.createJob({ state: 'SUCCEEDED' });
    await adminCall(t.service, 'POST', '/faults', {
      api: 'aws-batch',
      operation: 'DescribeJobs',
      failTo: 'FAILED',
      times: 1,
    });
    expect(await statuses(a.id, b.id, done.id)).toEqual(['FAILED', 'FAILED', 'SUCCEEDED']);
  });

  it('KBase: a running job is in error when get_jobs next reads it', async () => {
    const t = kbaseEngine();
    const id = jobIn(t, 'run');
    await adminCall(t.service, 'POST', '/faults', { api: 'kbase', jobId: id, failTo: 'error' });
    const { jobs } = await kbaseClient(t).call('JobBrowserBFF.get_jobs', { job_ids: [id], timeout: 10_000 });
    expect(jobs[0]!.state.status).toBe('error');
  });

  it('refuses a state the API’s jobs never move to', async () => {
    const t = apiTestEngine(awsBatch);
    const refused = await adminCall(t.service, 'POST', '/faults', { api: 'aws-batch', failTo: 'SUBMITTED' });
    expect(refused).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/SUBMITTED/) } },
    });
  });
});

describe('the fault that hit a call is on its outcome', () => {
  it('Outcome.injected carries the effect, for whatever reports calls', async () => {
    const { t, call } = batchSetup();
    const { protocol } = t.engine.served('aws-batch');
    const seen: (FaultEffect | undefined)[] = [];
    const encode = protocol.encode.bind(protocol);
    protocol.encode = (outcome: Outcome, context) => {
      seen.push(outcome.injected);
      return encode(outcome, context);
    };
    await adminCall(t.service, 'POST', '/faults', {
      api: 'aws-batch',
      operation: 'ListJobs',
      latency: { shape: 'uniform', minMs: 1, maxMs: 3 },
      status: 500,
      times: 1,
    });
    expect((await call('listjobs', { jobQueue: 'q' })).status).toBe(500);
    expect((await call('listjobs', { jobQueue: 'q' })).status).toBe(200);
    expect(seen).toEqual([
      { source: 'fault', latencyMs: expect.any(Number), error: { status: 500 } },
      undefined,
    ]);
    expect(seen[0]!.latencyMs).toBeGreaterThanOrEqual(1);
    expect(seen[0]!.latencyMs).toBeLessThanOrEqual(3);
  });
});
