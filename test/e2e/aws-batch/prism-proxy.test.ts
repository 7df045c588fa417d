import {
  BatchClient,
  CancelJobCommand,
  DescribeJobsCommand,
  SubmitJobCommand,
  TerminateJobCommand,
} from '@aws-sdk/client-batch';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { machine } from '../../../mocks/aws-batch/machine';
import { expectNoPrismViolation, prismProxyScenario, startPrismProxy } from '../../support/prism-proxy';

/**
 * Prism as an independent oracle: every call of a full AWS Batch scenario goes through
 * `prism proxy specs/aws-batch/openapi.yaml <jobmock> --errors`, which fails any reply that breaks the spec.
 */
describe('prism proxy --errors finds no violation in an AWS Batch scenario', () => {
  const scenario = prismProxyScenario('aws-batch');
  let batch: BatchClient;

  beforeAll(() => {
    batch = new BatchClient({
      region: 'us-east-1',
      endpoint: scenario.prism.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    batch.middlewareStack.add(
      (next, context) => async (args) => {
        const record = (response: unknown) => {
          const { statusCode, headers } = response as { statusCode: number; headers: Record<string, string> };
          const call = context.commandName ?? 'AWS Batch call';
          scenario.record({ call, status: statusCode, violations: headers['sl-violations'] ?? null });
        };
        try {
          const result = await next(args);
          record(result.response);
          return result;
        } catch (error) {
          // Service errors carry the raw reply they were read from.
          const response = (error as { $response?: unknown }).$response;
          if (response) record(response);
          throw error;
        }
      },
      { step: 'deserialize', name: 'recordPrismVerdict' },
    );
  });

  it('submit, describe, cancel in every state, terminate, and bad input all pass through unflagged', async () => {
    const { server, prism } = scenario;
    const { jobId } = await batch.send(
      new SubmitJobCommand({ jobName: 'e2e', jobQueue: 'q', jobDefinition: 'd:1' }),
    );
    await batch.send(new DescribeJobsCommand({ jobs: [jobId!] }));
    for (const state of machine.states) {
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
    const unsigned = await scenario.fetch(
      new Request(`${prism.url}/v1/canceljob`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization:
            'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/batch/aws4_request, SignedHeaders=host, Signature=' +
            '0'.repeat(64),
          'x-amz-date': '20260101T000000Z',
        },
        body: JSON.stringify({ jobId: 'x', reason: 'y' }),
      }),
    );
    expect(unsigned.status).toBe(403);

    expect(scenario.verdicts.length).toBeGreaterThanOrEqual(17);
    expectNoPrismViolation(scenario.verdicts, [200, 400, 403]);
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
