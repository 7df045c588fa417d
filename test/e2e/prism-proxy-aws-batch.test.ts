import {
  BatchClient,
  CancelJobCommand,
  DescribeJobsCommand,
  SubmitJobCommand,
  TerminateJobCommand,
} from '@aws-sdk/client-batch';
import { freePort, startPrismProxy } from '../support/prism-proxy';
import type { PrismProxy } from '../support/prism-proxy';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startServer } from '../support/server-harness';

jest.setTimeout(60_000);

/**
 * Prism as an independent oracle: every call of a full AWS Batch scenario goes through
 * `prism proxy specs/aws-batch/openapi.yaml <jobmock> --errors`, which fails any reply that breaks the spec.
 */
describe('prism proxy --errors finds no violation in an AWS Batch scenario', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let prism: PrismProxy;
  let batch: BatchClient;
  const seen: { status: number; violations: string | null }[] = [];

  beforeAll(async () => {
    const port = await freePort();
    server = await startServer({ only: 'aws-batch', clientHost: `127.0.0.1:${port}` });
    prism = await startPrismProxy('specs/aws-batch/openapi.yaml', server.url, { errors: true, port });
    batch = new BatchClient({
      region: 'us-east-1',
      endpoint: prism.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    batch.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const response = result.response as { statusCode: number; headers: Record<string, string> };
        seen.push({ status: response.statusCode, violations: response.headers['sl-violations'] ?? null });
        return result;
      },
      { step: 'deserialize', name: 'recordPrismVerdict' },
    );
  });
  afterAll(async () => {
    await prism.close();
    await server.close();
  });

  it('submit, describe, cancel in every state, terminate, and bad input all pass through unflagged', async () => {
    const { jobId } = await batch.send(
      new SubmitJobCommand({ jobName: 'e2e', jobQueue: 'q', jobDefinition: 'd:1' }),
    );
    await batch.send(new DescribeJobsCommand({ jobs: [jobId!] }));
    for (const state of ['SUBMITTED', 'PENDING', 'RUNNABLE', 'STARTING', 'RUNNING', 'SUCCEEDED', 'FAILED']) {
      const id = String((await server.admin.createJob('aws-batch', state)).body!.id);
      await batch.send(new CancelJobCommand({ jobId: id, reason: `cancel from ${state}` }));
      await batch.send(new DescribeJobsCommand({ jobs: [id] }));
    }
    const running = String((await server.admin.createJob('aws-batch', 'RUNNING')).body!.id);
    await batch.send(new TerminateJobCommand({ jobId: running, reason: 'stop' }));
    await expect(
      batch.send(new CancelJobCommand({ jobId: 'no-such-job', reason: 'x' })),
    ).rejects.toMatchObject({
      name: 'ClientException',
    });
    const unsigned = await fetch(`${prism.url}/v1/canceljob`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization:
          'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/batch/aws4_request, SignedHeaders=host, Signature=' +
          '0'.repeat(64),
        'x-amz-date': '20260101T000000Z',
      },
      body: JSON.stringify({ jobId: 'x', reason: 'y' }),
    });
    seen.push({ status: unsigned.status, violations: unsigned.headers.get('sl-violations') });
    expect(unsigned.status).toBe(403);

    expect(seen.length).toBeGreaterThanOrEqual(17);
    expect(seen.filter((s) => s.violations !== null)).toEqual([]);
    expect(seen.map((s) => s.status).filter((s) => s >= 500)).toEqual([]);
  });
});

describe('the oracle can fail', () => {
  it('prism proxy --errors flags a reply that breaks the spec', async () => {
    const broken = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jobs: 'not a list' }));
    });
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    const upstream = `http://127.0.0.1:${(broken.address() as AddressInfo).port}`;
    const prism = await startPrismProxy('specs/aws-batch/openapi.yaml', upstream, { errors: true });
    try {
      const reply = await fetch(`${prism.url}/v1/describejobs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'AWS4-HMAC-SHA256 x' },
        body: JSON.stringify({ jobs: ['a'] }),
      });
      expect(reply.status).toBe(500);
      expect(await reply.text()).toMatch(/violation/i);
    } finally {
      await prism.close();
      broken.close();
    }
  });
});
