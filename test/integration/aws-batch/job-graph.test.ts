import type { BatchClient, JobDetail } from '@aws-sdk/client-batch';
import {
  CancelJobCommand,
  DescribeJobsCommand,
  ListJobsCommand,
  SubmitJobCommand,
  TerminateJobCommand,
} from '@aws-sdk/client-batch';
import { startServer } from '../../support/server-harness';
import { batchClient, setUpQueue } from './batch-client';

type Server = Awaited<ReturnType<typeof startServer>>;

describe('array jobs and dependencies through @aws-sdk/client-batch, on the virtual clock', () => {
  let server: Server;
  let batch: BatchClient;
  let definitionName: string;
  beforeAll(async () => {
    server = await startServer({ profile: 'upstream' });
    batch = batchClient(`${server.url}/aws-batch`);
    ({ definitionName } = await setUpQueue(batch, 'graph'));
  });
  afterAll(() => server.close());

  const submit = async (
    jobName: string,
    extra: Partial<ConstructorParameters<typeof SubmitJobCommand>[0]> = {},
  ) =>
    (
      await batch.send(
        new SubmitJobCommand({ jobName, jobQueue: 'graph', jobDefinition: definitionName, ...extra }),
      )
    ).jobId!;
  const describe = async (...ids: string[]): Promise<JobDetail[]> =>
    (await batch.send(new DescribeJobsCommand({ jobs: ids }))).jobs!;
  const status = async (id: string) => (await describe(id))[0]!.status;

  it('an array job has children <id>:<index>, finishes when they do, and counts them by status', async () => {
    const parent = await submit('array', { arrayProperties: { size: 3 } });
    const children = await batch.send(new ListJobsCommand({ arrayJobId: parent, jobStatus: 'PENDING' }));
    expect(children.jobSummaryList?.map((j) => [j.jobId, j.arrayProperties?.index])).toEqual([
      [`${parent}:0`, 0],
      [`${parent}:1`, 1],
      [`${parent}:2`, 2],
    ]);
    await server.admin.advance(1_000 + 2_000 + 2_000);
    const [running] = await describe(parent);
    expect(running).toMatchObject({
      status: 'PENDING',
      arrayProperties: { size: 3, statusSummary: { RUNNING: 3 } },
    });
    await server.admin.advance(10_000);
    const [done, child] = await describe(parent, `${parent}:1`);
    expect(done).toMatchObject({
      status: 'SUCCEEDED',
      arrayProperties: { statusSummary: { SUCCEEDED: 3, FAILED: 0 } },
    });
    expect(child).toMatchObject({
      status: 'SUCCEEDED',
      arrayProperties: { index: 1 },
      container: { exitCode: 0, command: ['echo', 'hello'] },
    });
    expect(child!.container!.logStreamName).toMatch(/^graph-def\/default\/[0-9a-f]{32}$/);
    expect(done!.stoppedAt).toBe(child!.stoppedAt);
  });

  it('cancelling a PENDING array parent cancels its children, and the parent fails when they have', async () => {
    const parent = await submit('cancelled-array', { arrayProperties: { size: 2 } });
    await server.admin.advance(1_000); // parent PENDING, children RUNNABLE
    await batch.send(new CancelJobCommand({ jobId: parent, reason: 'not today' }));
    const jobs = await describe(parent, `${parent}:0`, `${parent}:1`);
    expect(jobs.map((j) => [j.status, j.isCancelled, j.statusReason])).toEqual([
      ['FAILED', true, 'not today'],
      ['FAILED', true, 'not today'],
      ['FAILED', true, 'not today'],
    ]);
  });

  it('a SEQUENTIAL array runs its children one after the other', async () => {
    const parent = await submit('sequential', {
      arrayProperties: { size: 2 },
      dependsOn: [{ type: 'SEQUENTIAL' }],
    });
    await server.admin.advance(14_000);
    expect([await status(`${parent}:0`), await status(`${parent}:1`)]).toEqual(['RUNNING', 'PENDING']);
    await server.admin.advance(1_000);
    expect([await status(`${parent}:0`), await status(`${parent}:1`)]).toEqual(['SUCCEEDED', 'RUNNABLE']);
    await server.admin.advance(14_000);
    expect([await status(`${parent}:1`), await status(parent)]).toEqual(['SUCCEEDED', 'SUCCEEDED']);
  });

  it('a job that depends on another stays PENDING until it succeeded, then runs', async () => {
    const first = await submit('first');
    const second = await submit('second', { dependsOn: [{ jobId: first }] });
    await server.admin.advance(1_000 + 1_000 + 2_000 + 2_000);
    expect([await status(first), await status(second)]).toEqual(['RUNNING', 'PENDING']);
    await server.admin.advance(10_000);
    expect([await status(first), await status(second)]).toEqual(['SUCCEEDED', 'RUNNABLE']);
    const [detail] = await describe(second);
    expect(detail!.dependsOn).toEqual([{ jobId: first }]);
  });

  it('a job whose dependency failed fails too, "Dependent Job failed"', async () => {
    const first = await submit('doomed');
    const second = await submit('after-doomed', { dependsOn: [{ jobId: first }] });
    await server.admin.advance(1_000);
    await batch.send(new TerminateJobCommand({ jobId: first, reason: 'stop' }));
    await server.admin.advance(1_000);
    expect(await describe(second)).toMatchObject([
      { status: 'FAILED', statusReason: 'Dependent Job failed' },
    ]);
  });

  it('N_TO_N makes each child wait for the child of the same index', async () => {
    const a = await submit('a', { arrayProperties: { size: 2 } });
    await batch.send(new TerminateJobCommand({ jobId: `${a}:1`, reason: 'one of them fails' }));
    const b = await submit('b', { arrayProperties: { size: 2 }, dependsOn: [{ jobId: a, type: 'N_TO_N' }] });
    await server.admin.advance(16_000);
    expect(await Promise.all([0, 1].map((i) => status(`${b}:${i}`)))).toEqual(['RUNNABLE', 'FAILED']);
  });

  it('cancelling a PENDING job with unfinished dependencies takes effect once they finished', async () => {
    const first = await submit('slow');
    const second = await submit('cancel-me', { dependsOn: [{ jobId: first }] });
    await server.admin.advance(1_000);
    await batch.send(new CancelJobCommand({ jobId: second, reason: 'changed my mind' }));
    expect(await status(second)).toBe('PENDING');
    await server.admin.advance(15_000);
    expect(await describe(second)).toMatchObject([
      { status: 'FAILED', isCancelled: true, statusReason: 'changed my mind' },
    ]);
  });

  it('refuses dependencies on jobs that do not exist', async () => {
    await expect(submit('orphan', { dependsOn: [{ jobId: 'no-such-job' }] })).rejects.toMatchObject({
      name: 'ClientException',
    });
  });
});
