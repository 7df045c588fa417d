import type { BatchClient } from '@aws-sdk/client-batch';
import {
  CancelJobCommand,
  ClientException,
  ListJobsCommand,
  paginateListJobs,
  SubmitJobCommand,
} from '@aws-sdk/client-batch';
import { startServer } from '../../support/server-harness';
import { batchClient, setUpQueue } from './batch-client';

type Server = Awaited<ReturnType<typeof startServer>>;

describe('ListJobs through @aws-sdk/client-batch (upstream profile)', () => {
  let server: Server;
  let batch: BatchClient;
  let queueArn: string;
  let definitionName: string;
  beforeAll(async () => {
    server = await startServer({ profile: 'upstream' });
    batch = batchClient(`${server.url}/aws-batch`);
    ({ queueArn, definitionName } = await setUpQueue(batch, 'list'));
  });
  afterAll(() => server.close());

  const submit = (jobName: string) =>
    batch.send(new SubmitJobCommand({ jobName, jobQueue: 'list', jobDefinition: definitionName }));

  it('pages through 250 RUNNABLE jobs while cancelling each one, and visits every job once', async () => {
    const submitted = new Set<string>();
    for (let i = 0; i < 250; i++) submitted.add((await submit(`batch-${i}`)).jobId!);
    await server.admin.advance(2_000); // SUBMITTED → PENDING → RUNNABLE
    const visited: string[] = [];
    const pages = paginateListJobs(
      { client: batch, pageSize: 100 },
      { jobQueue: queueArn, jobStatus: 'RUNNABLE' },
    );
    for await (const page of pages) {
      for (const job of page.jobSummaryList ?? []) {
        visited.push(job.jobId!);
        await batch.send(new CancelJobCommand({ jobId: job.jobId, reason: 'draining the queue' }));
      }
    }
    expect(visited).toHaveLength(250);
    expect(new Set(visited)).toEqual(submitted);
    const left = await batch.send(new ListJobsCommand({ jobQueue: queueArn, jobStatus: 'RUNNABLE' }));
    expect(left.jobSummaryList).toEqual([]);
  }, 60_000); // 500 calls through the SDK: more than jest's 5 s on a busy machine

  it('lists newest first, and pages of at most 1000 (100 with a filter) whatever maxResults says', async () => {
    for (let i = 0; i < 3; i++) {
      await submit(`order-${i}`);
      await server.admin.advance(10);
    }
    const { jobSummaryList } = await batch.send(
      new ListJobsCommand({ jobQueue: 'list', filters: [{ name: 'JOB_NAME', values: ['ORDER-*'] }] }),
    );
    expect(jobSummaryList?.map((j) => j.jobName)).toEqual(['order-2', 'order-1', 'order-0']);
    const many = await batch.send(
      new ListJobsCommand({
        jobQueue: 'list',
        maxResults: 5000,
        filters: [{ name: 'JOB_NAME', values: ['batch-*'] }],
      }),
    );
    expect(many.jobSummaryList).toHaveLength(100);
    expect(many.nextToken).toBeDefined();
    const all = await batch.send(
      new ListJobsCommand({ jobQueue: 'list', jobStatus: 'FAILED', maxResults: 5000 }),
    );
    expect(all.jobSummaryList).toHaveLength(250);
  });

  it('applies every filter: JOB_NAME case-insensitive, JOB_DEFINITION, created before and after', async () => {
    const t0 = (await server.admin.call('GET', '/clock')).body!.now as number;
    await submit('Filter-Me');
    await server.admin.advance(1_000);
    const names = async (name: string, value: string) =>
      (
        await batch.send(new ListJobsCommand({ jobQueue: 'list', filters: [{ name, values: [value] }] }))
      ).jobSummaryList!.map((j) => j.jobName);
    expect(await names('JOB_NAME', 'filter-me')).toEqual(['Filter-Me']);
    expect(await names('JOB_NAME', 'FILTER*')).toEqual(['Filter-Me']);
    expect(await names('JOB_NAME', 'filter')).toEqual([]);
    expect(await names('JOB_DEFINITION', definitionName)).toHaveLength(100); // a full filtered page
    expect(await names('JOB_DEFINITION', `${definitionName}:1`)).toHaveLength(100);
    expect(await names('JOB_DEFINITION', `${definitionName}:2`)).toEqual([]);
    expect(await names('JOB_DEFINITION', 'other-def')).toEqual([]);
    expect(await names('AFTER_CREATED_AT', String(t0 - 1))).toEqual(['Filter-Me']);
    expect(await names('BEFORE_CREATED_AT', String(t0))).not.toContain('Filter-Me');
  });

  it.each([
    ['no scope', {}],
    ['two scopes', { jobQueue: 'list', arrayJobId: 'x' }],
    ['an unknown filter', { jobQueue: 'list', filters: [{ name: 'JOB_COLOUR', values: ['red'] }] }],
    [
      'two filters',
      {
        jobQueue: 'list',
        filters: [
          { name: 'JOB_NAME', values: ['a'] },
          { name: 'JOB_NAME', values: ['b'] },
        ],
      },
    ],
    ['a queue that does not exist', { jobQueue: 'no-such-queue' }],
    ['a token that is not one', { jobQueue: 'list', nextToken: 'garbage' }],
    ['maxResults 0', { jobQueue: 'list', maxResults: 0 }],
  ])('refuses %s with a ClientException', async (_what, input) => {
    await expect(batch.send(new ListJobsCommand(input))).rejects.toBeInstanceOf(ClientException);
  });
});
