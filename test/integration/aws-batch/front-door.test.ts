import { DescribeJobsCommand, ListJobsCommand, SubmitJobCommand } from '@aws-sdk/client-batch';
import { startServer } from '../../support/server-harness';
import { signBatchRequest } from '../../support/sigv4-signer';
import { batchClient } from './batch-client';

type Server = Awaited<ReturnType<typeof startServer>>;

describe("AWS Batch's front door: credentials, throttling, clock skew, unknown operations", () => {
  const servers: Server[] = [];
  const serve = async (options: Parameters<typeof startServer>[0] = {}) => {
    const server = await startServer(options);
    servers.push(server);
    return server;
  };
  afterAll(() => Promise.all(servers.map((s) => s.close())));

  it('accepts the keys of --aws-credentials (secrets checked) besides the demo one', async () => {
    const server = await serve({
      apiOptions: { 'aws-batch': { credentials: 'AKIDEXAMPLE:s3cret,OTHER:x' } },
    });
    const url = `${server.url}/aws-batch`;
    const client = (accessKeyId: string, secretAccessKey: string) =>
      batchClient(url, { credentials: { accessKeyId, secretAccessKey } });
    await expect(
      client('AKIDEXAMPLE', 's3cret').send(new DescribeJobsCommand({ jobs: [] })),
    ).resolves.toBeDefined();
    await expect(client('test', 'test').send(new DescribeJobsCommand({ jobs: [] }))).resolves.toBeDefined();
    await expect(
      client('AKIDEXAMPLE', 'wrong').send(new DescribeJobsCommand({ jobs: [] })),
    ).rejects.toMatchObject({
      name: 'InvalidSignatureException',
    });
    await expect(client('FOOBARKEY', 'x').send(new DescribeJobsCommand({ jobs: [] }))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
  });

  it('accepts any access key in the any-key mode, as moto-style harnesses need (FOOBARKEY)', async () => {
    const server = await serve({ apiOptions: { 'aws-batch': { anyAccessKey: true } } });
    const batch = batchClient(`${server.url}/aws-batch`, {
      credentials: { accessKeyId: 'FOOBARKEY', secretAccessKey: 'FOOBARSECRET' },
    });
    const { jobId } = await batch.send(
      new SubmitJobCommand({ jobName: 'j', jobQueue: 'q', jobDefinition: 'd' }),
    );
    expect(jobId).toBeDefined();
    const unsigned = await fetch(`${server.url}/aws-batch/v1/describejobs`, {
      method: 'POST',
      body: '{"jobs":[]}',
    });
    expect(unsigned.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
  });

  it('refuses option values it cannot read', async () => {
    await expect(serve({ apiOptions: { 'aws-batch': { credentials: 'no-colon' } } })).rejects.toThrow(
      /key:secret/,
    );
    await expect(serve({ apiOptions: { 'aws-batch': { colour: 'red' } } })).rejects.toThrow(
      /unknown option colour/,
    );
  });

  it.each([['standard'], ['adaptive']])(
    'answers an injected 429 TooManyRequestsException, which the SDK retries (%s mode)',
    async (retryMode) => {
      const server = await serve();
      const faulted = await server.admin.call('POST', '/faults', {
        api: 'aws-batch',
        operation: 'DescribeJobs',
        status: 429,
        times: 2,
      });
      expect(faulted.status).toBe(201);
      const batch = batchClient(`${server.url}/aws-batch`, { maxAttempts: 3, retryMode });
      const reply = await batch.send(new DescribeJobsCommand({ jobs: [] }));
      expect(reply.$metadata.attempts).toBe(3);
      await server.admin.call('POST', '/faults', {
        api: 'aws-batch',
        operation: 'DescribeJobs',
        status: 429,
        times: 1,
      });
      await expect(
        batchClient(`${server.url}/aws-batch`).send(new DescribeJobsCommand({ jobs: [] })),
      ).rejects.toMatchObject({
        name: 'TooManyRequestsException',
        $metadata: { httpStatusCode: 429 },
      });
    },
  );

  it('refuses a signature 15 minutes away from the virtual clock (upstream); the SDK corrects from Date and retries', async () => {
    const server = await serve({ profile: 'upstream' });
    await server.admin.advance(60 * 60_000);
    const once = batchClient(`${server.url}/aws-batch`);
    await expect(once.send(new DescribeJobsCommand({ jobs: [] }))).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      message: expect.stringMatching(/^Signature expired: \d{8}T\d{6}Z is now earlier than/),
    });
    const retrying = batchClient(`${server.url}/aws-batch`, { maxAttempts: 2 });
    const reply = await retrying.send(new DescribeJobsCommand({ jobs: [] }));
    expect(reply.$metadata.attempts).toBe(2);
  });

  it('lets the machine clock vouch in the documented profile, so a moved virtual clock locks nobody out', async () => {
    const server = await serve();
    await server.admin.advance(60 * 60_000);
    await expect(
      batchClient(`${server.url}/aws-batch`).send(new ListJobsCommand({ jobQueue: 'q' })),
    ).resolves.toBeDefined();
    const headers = await signBatchRequest(
      '/aws-batch/v1/describejobs',
      { jobs: [] },
      {
        host: new URL(server.url).host,
        signingDate: new Date(Date.now() - 30 * 60_000),
      },
    );
    const stale = await fetch(`${server.url}/aws-batch/v1/describejobs`, {
      method: 'POST',
      headers,
      body: '{"jobs":[]}',
    });
    expect([stale.status, stale.headers.get('x-amzn-errortype')]).toEqual([403, 'InvalidSignatureException']);
  });

  it('answers an unknown Batch operation with 404 UnknownOperationException', async () => {
    const server = await serve();
    const host = new URL(server.url).host;
    const headers = await signBatchRequest('/aws-batch/v1/nosuchoperation', {}, { host });
    const reply = await fetch(`${server.url}/aws-batch/v1/nosuchoperation`, {
      method: 'POST',
      headers,
      body: '{}',
    });
    expect([reply.status, reply.headers.get('x-amzn-errortype')]).toEqual([404, 'UnknownOperationException']);
  });

  it("answers another service's query call with that protocol's XML error, and a JSON protocol's with JSON", async () => {
    const server = await serve();
    const form = 'Action=DescribeVpcs&Version=2016-11-15';
    const ec2 = await fetch(`${server.url}/aws-batch/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        authorization:
          'AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=00',
      },
      body: form,
    });
    expect(ec2.status).toBe(400);
    expect(await ec2.text()).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<Response><Errors><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code><Message>jobmock mocks AWS Batch only: ec2 \(Action=DescribeVpcs\) is not mocked<\/Message><\/Error><\/Errors><RequestID>[0-9a-f-]{36}<\/RequestID><\/Response>$/,
    );
    const iam = await fetch(`${server.url}/aws-batch/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=ListRoles&Version=2010-05-08',
    });
    expect(await iam.text()).toMatch(/<ErrorResponse><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code>/);
    const ecs = await fetch(`${server.url}/aws-batch/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListClusters',
      },
      body: '{}',
    });
    expect(await ecs.json()).toEqual({
      __type: 'UnknownOperationException',
      message: 'jobmock mocks AWS Batch only: AmazonEC2ContainerServiceV20141113.ListClusters is not mocked',
    });
  });
});
