import type { BatchClient } from '@aws-sdk/client-batch';
import {
  ClientException,
  DeleteComputeEnvironmentCommand,
  DeleteJobQueueCommand,
  DeregisterJobDefinitionCommand,
  DescribeComputeEnvironmentsCommand,
  DescribeJobDefinitionsCommand,
  DescribeJobQueuesCommand,
  DescribeJobsCommand,
  ListJobsCommand,
  ListTagsForResourceCommand,
  RegisterJobDefinitionCommand,
  SubmitJobCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateComputeEnvironmentCommand,
  UpdateJobQueueCommand,
} from '@aws-sdk/client-batch';
import { demoSeed } from '../../../src/engine/seed-entry';
import { registry } from '../../../mocks/index';
import { startServer } from '../../support/server-harness';
import { batchClient, setUpQueue } from './batch-client';

type Server = Awaited<ReturnType<typeof startServer>>;

describe('queues, compute environments, definitions and tags through @aws-sdk/client-batch', () => {
  let server: Server;
  let batch: BatchClient;
  let names: Awaited<ReturnType<typeof setUpQueue>>;
  beforeAll(async () => {
    server = await startServer({ profile: 'upstream' });
    batch = batchClient(`${server.url}/aws-batch`);
    names = await setUpQueue(batch, 'res');
  });
  afterAll(() => server.close());

  it('a queue is the same by its name and its ARN, and JobDetail shows ARNs of the caller region', async () => {
    const byName = await batch.send(
      new SubmitJobCommand({ jobName: 'n', jobQueue: 'res', jobDefinition: names.definitionName }),
    );
    const byArn = await batch.send(
      new SubmitJobCommand({ jobName: 'a', jobQueue: names.queueArn, jobDefinition: names.definitionArn }),
    );
    const { jobs } = await batch.send(new DescribeJobsCommand({ jobs: [byName.jobId!, byArn.jobId!] }));
    expect(jobs!.map((j) => [j.jobQueue, j.jobDefinition])).toEqual([
      [names.queueArn, names.definitionArn],
      [names.queueArn, names.definitionArn],
    ]);
    expect(names.queueArn).toBe('arn:aws:batch:eu-west-1:123456789012:job-queue/res');
    expect(byName.jobArn).toMatch(/^arn:aws:batch:eu-west-1:123456789012:job\//);
    const east = batchClient(`${server.url}/aws-batch`, { region: 'us-west-2' });
    const listed = await east.send(new ListJobsCommand({ jobQueue: names.queueArn, jobStatus: 'SUBMITTED' }));
    expect(listed.jobSummaryList?.map((j) => j.jobArn?.split(':')[3])).toEqual(['us-west-2', 'us-west-2']);
  });

  it('refuses an unknown queue or definition, a DISABLED queue and an INACTIVE revision (upstream)', async () => {
    const send = (jobQueue: string, jobDefinition: string) =>
      batch.send(new SubmitJobCommand({ jobName: 'x', jobQueue, jobDefinition }));
    await expect(send('nope', names.definitionName)).rejects.toThrow('JobQueue nope not found.');
    await expect(send('res', 'nope')).rejects.toThrow(
      'JobDefinition name nope does not exist or is not in ACTIVE status',
    );
    const { revision } = await batch.send(
      new RegisterJobDefinitionCommand({
        jobDefinitionName: 'gone',
        type: 'container',
        containerProperties: { image: 'x' },
      }),
    );
    await batch.send(new DeregisterJobDefinitionCommand({ jobDefinition: `gone:${revision}` }));
    await expect(send('res', 'gone')).rejects.toBeInstanceOf(ClientException);
    await batch.send(new UpdateJobQueueCommand({ jobQueue: 'res', state: 'DISABLED' }));
    await expect(send('res', names.definitionName)).rejects.toThrow(/DISABLED/);
    await batch.send(new UpdateJobQueueCommand({ jobQueue: names.queueArn, state: 'ENABLED' }));
  });

  it('registers revisions, never reuses one, describes by name:revision and ARN, deregisters to INACTIVE', async () => {
    const register = () =>
      batch.send(
        new RegisterJobDefinitionCommand({
          jobDefinitionName: 'rev',
          type: 'container',
          containerProperties: { image: 'a' },
        }),
      );
    const [one, two] = [await register(), await register()];
    expect([one.revision, two.revision]).toEqual([1, 2]);
    await batch.send(new DeregisterJobDefinitionCommand({ jobDefinition: two.jobDefinitionArn }));
    expect((await register()).revision).toBe(3);
    const all = await batch.send(new DescribeJobDefinitionsCommand({ jobDefinitionName: 'rev' }));
    expect(all.jobDefinitions?.map((d) => [d.revision, d.status])).toEqual([
      [1, 'ACTIVE'],
      [2, 'INACTIVE'],
      [3, 'ACTIVE'],
    ]);
    const named = await batch.send(
      new DescribeJobDefinitionsCommand({ jobDefinitions: ['rev:1', one.jobDefinitionArn!, 'rev'] }),
    );
    expect(named.jobDefinitions?.map((d) => d.revision)).toEqual([1]);
    await expect(
      batch.send(new DeregisterJobDefinitionCommand({ jobDefinition: 'rev' })),
    ).rejects.toBeInstanceOf(ClientException);
  });

  it('pages queues with key-based tokens, maxResults 1 to 100', async () => {
    const first = await batch.send(new DescribeJobQueuesCommand({ maxResults: 1 }));
    expect(first.jobQueues).toHaveLength(1);
    expect(first.nextToken).toBeUndefined(); // one queue in this session
    await expect(batch.send(new DescribeJobQueuesCommand({ maxResults: 101 }))).rejects.toBeInstanceOf(
      ClientException,
    );
    const { jobQueues } = await batch.send(
      new DescribeJobQueuesCommand({ jobQueues: ['res', names.queueArn, 'nope'] }),
    );
    expect(jobQueues).toMatchObject([
      {
        jobQueueName: 'res',
        state: 'ENABLED',
        status: 'VALID',
        computeEnvironmentOrder: [
          { order: 1, computeEnvironment: 'arn:aws:batch:eu-west-1:123456789012:compute-environment/res-ce' },
        ],
      },
    ]);
  });

  it('deletes a compute environment only when DISABLED and in no queue; a queue only when DISABLED', async () => {
    await expect(
      batch.send(new DeleteComputeEnvironmentCommand({ computeEnvironment: 'res-ce' })),
    ).rejects.toThrow(/DISABLED/);
    await batch.send(
      new UpdateComputeEnvironmentCommand({ computeEnvironment: 'res-ce', state: 'DISABLED' }),
    );
    await expect(
      batch.send(new DeleteComputeEnvironmentCommand({ computeEnvironment: 'res-ce' })),
    ).rejects.toThrow('Cannot delete, found existing JobQueue relationship');
    const queued = await batch.send(
      new SubmitJobCommand({ jobName: 'left', jobQueue: 'res', jobDefinition: names.definitionName }),
    );
    await expect(batch.send(new DeleteJobQueueCommand({ jobQueue: 'res' }))).rejects.toThrow(/DISABLED/);
    await batch.send(new UpdateJobQueueCommand({ jobQueue: 'res', state: 'DISABLED' }));
    await batch.send(new DeleteJobQueueCommand({ jobQueue: 'res' }));
    await batch.send(new DeleteComputeEnvironmentCommand({ computeEnvironment: 'res-ce' }));
    expect((await batch.send(new DescribeJobQueuesCommand({}))).jobQueues).toEqual([]);
    expect((await batch.send(new DescribeComputeEnvironmentsCommand({}))).computeEnvironments).toEqual([]);
    const { jobs } = await batch.send(new DescribeJobsCommand({ jobs: [queued.jobId!] }));
    expect(jobs![0]).toMatchObject({ status: 'FAILED', isTerminated: true });
    names = await setUpQueue(batch, 'res2');
  });

  it('tags jobs, queues, compute environments and definitions; refuses array children', async () => {
    const { jobArn, jobId } = await batch.send(
      new SubmitJobCommand({
        jobName: 't',
        jobQueue: 'res2',
        jobDefinition: names.definitionName,
        arrayProperties: { size: 2 },
      }),
    );
    for (const arn of [jobArn!, names.queueArn, names.definitionArn]) {
      await batch.send(new TagResourceCommand({ resourceArn: arn, tags: { team: 'a', stage: 'dev' } }));
      await batch.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['stage', 'never-set'] }));
      expect((await batch.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual({
        team: 'a',
      });
    }
    const { jobs } = await batch.send(new DescribeJobsCommand({ jobs: [jobId!] }));
    expect(jobs![0]!.tags).toEqual({ team: 'a' });
    await expect(
      batch.send(
        new TagResourceCommand({ resourceArn: jobArn!.replace(jobId!, `${jobId}:0`), tags: { a: 'b' } }),
      ),
    ).rejects.toBeInstanceOf(ClientException);
    await expect(
      batch.send(new ListTagsForResourceCommand({ resourceArn: names.queueArn.replace('res2', 'nope') })),
    ).rejects.toBeInstanceOf(ClientException);
  });
});

describe('the demo data and the documented profile', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer({ seed: demoSeed(registry) });
  });
  afterAll(() => server.close());

  it('has a queue, its compute environment and a definition in every session, each by itself', async () => {
    const batch = batchClient(`${server.url}/aws-batch`);
    expect(
      (await batch.send(new DescribeJobQueuesCommand({}))).jobQueues?.map((q) => q.jobQueueName),
    ).toEqual(['demo-queue']);
    const { jobDefinitions } = await batch.send(new DescribeJobDefinitionsCommand({ status: 'ACTIVE' }));
    expect(jobDefinitions?.map((d) => `${d.jobDefinitionName}:${d.revision}`)).toEqual(['demo-definition:1']);
    await batch.send(new UpdateJobQueueCommand({ jobQueue: 'demo-queue', state: 'DISABLED' }));
    await batch.send(new DeleteJobQueueCommand({ jobQueue: 'demo-queue' }));
    expect((await batch.send(new DescribeJobQueuesCommand({}))).jobQueues).toEqual([]);
    const other = batchClient(`${server.url}/aws-batch`);
    other.middlewareStack.add(
      (next) => (args) => {
        (args.request as { headers: Record<string, string> }).headers['x-jobmock-session'] = 'other';
        return next(args);
      },
      { step: 'build' },
    );
    expect((await other.send(new DescribeJobQueuesCommand({}))).jobQueues).toHaveLength(1);
  });

  it('accepts a job for a queue and a definition nobody made, and names them in its ARNs', async () => {
    const batch = batchClient(`${server.url}/aws-batch`);
    const { jobId } = await batch.send(
      new SubmitJobCommand({ jobName: 'quick', jobQueue: 'anything', jobDefinition: 'whatever' }),
    );
    const { jobs } = await batch.send(new DescribeJobsCommand({ jobs: [jobId!] }));
    expect(jobs![0]).toMatchObject({
      jobQueue: 'arn:aws:batch:eu-west-1:123456789012:job-queue/anything',
      jobDefinition: 'arn:aws:batch:eu-west-1:123456789012:job-definition/whatever:1',
    });
  });
});
