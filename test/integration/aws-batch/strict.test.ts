import { awsBatch } from '../../../mocks/aws-batch/index';
import { testEngine } from '../../support/engine-harness';
import { signBatchRequest } from '../../support/sigv4-signer';
import spec from '../../../specs/aws-batch/openapi.gen.json';

const QUEUE_ARN = 'arn:aws:batch:us-east-1:123456789012:job-queue/strict';

/** Every operation of the spec, called with the signed requests a client sends; strict mode checks each reply. */
describe('aws-batch in strict mode: every operation of the spec answers within it', () => {
  const t = testEngine({ apis: [awsBatch], only: 'aws-batch', profile: 'upstream' });
  const called = new Set<string>();
  async function call(operation: string, method: string, path: string, body?: unknown) {
    const raw = body === undefined ? '' : JSON.stringify(body);
    const headers = await signBatchRequest(path, raw, { raw: true, method });
    const reply = await t.send(method, path, { headers, body: raw || undefined });
    called.add(operation);
    expect({ operation, status: reply.status, body: reply.body }).toMatchObject({ operation, status: 200 });
    return reply.body as Record<string, unknown>;
  }

  it('runs a Batch user’s whole round: set-up, jobs, tags, tear-down', async () => {
    await call('CreateComputeEnvironment', 'POST', '/v1/createcomputeenvironment', {
      computeEnvironmentName: 'strict-ce',
      type: 'MANAGED',
      computeResources: { type: 'FARGATE', maxvCpus: 4, subnets: ['subnet-1'] },
    });
    await call('DescribeComputeEnvironments', 'POST', '/v1/describecomputeenvironments', {});
    await call('UpdateComputeEnvironment', 'POST', '/v1/updatecomputeenvironment', {
      computeEnvironment: 'strict-ce',
      computeResources: { maxvCpus: 8 },
    });
    await call('CreateJobQueue', 'POST', '/v1/createjobqueue', {
      jobQueueName: 'strict',
      priority: 1,
      computeEnvironmentOrder: [{ order: 1, computeEnvironment: 'strict-ce' }],
      tags: { team: 'a' },
    });
    await call('DescribeJobQueues', 'POST', '/v1/describejobqueues', { jobQueues: [QUEUE_ARN] });
    await call('RegisterJobDefinition', 'POST', '/v1/registerjobdefinition', {
      jobDefinitionName: 'strict-def',
      type: 'container',
      containerProperties: { image: 'busybox', command: ['echo', 'Ref::x'] },
      parameters: { x: 'y' },
      retryStrategy: { attempts: 2, evaluateOnExit: [{ action: 'retry', onExitCode: '1' }] },
    });
    await call('RegisterJobDefinition', 'POST', '/v1/registerjobdefinition', {
      jobDefinitionName: 'strict-mnp',
      type: 'multinode',
      nodeProperties: {
        numNodes: 2,
        mainNode: 0,
        nodeRangeProperties: [{ targetNodes: '0:', container: { image: 'busybox' } }],
      },
    });
    await call('DescribeJobDefinitions', 'POST', '/v1/describejobdefinitions', { status: 'ACTIVE' });
    const single = await call('SubmitJob', 'POST', '/v1/submitjob', {
      jobName: 'one',
      jobQueue: 'strict',
      jobDefinition: 'strict-def',
    });
    const array = await call('SubmitJob', 'POST', '/v1/submitjob', {
      jobName: 'many',
      jobQueue: QUEUE_ARN,
      jobDefinition: 'strict-def:1',
      arrayProperties: { size: 2 },
      dependsOn: [{ jobId: single.jobId, type: 'SEQUENTIAL' }],
      tags: { kind: 'array' },
    });
    const mnp = await call('SubmitJob', 'POST', '/v1/submitjob', {
      jobName: 'nodes',
      jobQueue: 'strict',
      jobDefinition: 'strict-mnp',
    });
    t.tx((tx) => tx.advanceClock(20_000));
    const ids = [single.jobId, array.jobId, `${array.jobId}:0`, mnp.jobId, `${mnp.jobId}#1`];
    const described = await call('DescribeJobs', 'POST', '/v1/describejobs', { jobs: ids });
    expect((described.jobs as { status: string }[]).map((j) => j.status)).toEqual([
      'SUCCEEDED',
      'PENDING',
      'RUNNING',
      'SUCCEEDED',
      'SUCCEEDED',
    ]);
    await call('ListJobs', 'POST', '/v1/listjobs', {
      jobQueue: 'strict',
      filters: [{ name: 'JOB_NAME', values: ['*'] }],
    });
    await call('ListJobs', 'POST', '/v1/listjobs', { arrayJobId: array.jobId, jobStatus: 'RUNNING' });
    await call('ListJobs', 'POST', '/v1/listjobs', { multiNodeJobId: mnp.jobId, jobStatus: 'SUCCEEDED' });
    const arn = encodeURIComponent(QUEUE_ARN);
    await call('TagResource', 'POST', `/v1/tags/${arn}`, { tags: { stage: 'dev' } });
    await call('ListTagsForResource', 'GET', `/v1/tags/${arn}`);
    await call('UntagResource', 'DELETE', `/v1/tags/${arn}?tagKeys=stage&tagKeys=team`);
    await call('CancelJob', 'POST', '/v1/canceljob', { jobId: array.jobId, reason: 'enough' });
    await call('TerminateJob', 'POST', '/v1/terminatejob', { jobId: `${array.jobId}:1`, reason: 'enough' });
    await call('DeregisterJobDefinition', 'POST', '/v1/deregisterjobdefinition', {
      jobDefinition: 'strict-def:1',
    });
    await call('UpdateJobQueue', 'POST', '/v1/updatejobqueue', { jobQueue: 'strict', state: 'DISABLED' });
    await call('DeleteJobQueue', 'POST', '/v1/deletejobqueue', { jobQueue: 'strict' });
    await call('UpdateComputeEnvironment', 'POST', '/v1/updatecomputeenvironment', {
      computeEnvironment: 'strict-ce',
      state: 'DISABLED',
    });
    await call('DeleteComputeEnvironment', 'POST', '/v1/deletecomputeenvironment', {
      computeEnvironment: 'strict-ce',
    });
  });

  it('has called every operation the spec declares', () => {
    const declared = Object.values(spec.paths).flatMap((item) =>
      Object.values(item as Record<string, { operationId: string }>).map((op) => op.operationId),
    );
    expect([...called].sort()).toEqual(declared.sort());
  });
});
