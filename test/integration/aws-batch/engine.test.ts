import { signBatchRequest } from '../../support/sigv4-signer';
import { testEngine } from '../../support/engine-harness';

async function batch(t: ReturnType<typeof testEngine>, op: string, body: unknown, base = '/aws-batch') {
  const headers = await signBatchRequest(`${base}/v1/${op}`, body);
  return t.send('POST', `${base}/v1/${op}`, { headers, body: JSON.stringify(body) });
}

describe('aws-batch through the engine', () => {
  it('submits, cancels a RUNNABLE job and describes it FAILED with isCancelled', async () => {
    const t = testEngine();
    const submitted = await batch(t, 'submitjob', {
      jobName: 'nightly',
      jobQueue: 'q',
      jobDefinition: 'd:1',
    });
    expect(submitted.status).toBe(200);
    const { jobId } = submitted.body as { jobId: string };
    t.tx((tx) => tx.advanceClock(2_500));
    const described = await batch(t, 'describejobs', { jobs: [jobId] });
    expect((described.body as { jobs: { status: string }[] }).jobs[0]!.status).toBe('RUNNABLE');
    const cancelled = await batch(t, 'canceljob', { jobId, reason: 'not needed' });
    expect(cancelled).toMatchObject({ status: 200, body: {} });
    const after = await batch(t, 'describejobs', { jobs: [jobId] });
    expect((after.body as { jobs: unknown[] }).jobs[0]).toMatchObject({
      status: 'FAILED',
      statusReason: 'not needed',
      isCancelled: true,
    });
  });

  it('answers a bad signature with 403 InvalidSignatureException', async () => {
    const t = testEngine();
    const headers = await signBatchRequest(
      '/aws-batch/v1/canceljob',
      { jobId: 'x', reason: 'y' },
      { secret: 'wrong' },
    );
    const reply = await t.send('POST', '/aws-batch/v1/canceljob', {
      headers,
      body: JSON.stringify({ jobId: 'x', reason: 'y' }),
    });
    expect(reply.status).toBe(403);
    expect(reply.headers['x-amzn-errortype']).toBe('InvalidSignatureException');
  });
});
