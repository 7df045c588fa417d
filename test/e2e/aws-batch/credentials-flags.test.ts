import { BatchClient, DescribeJobQueuesCommand } from '@aws-sdk/client-batch';
import { ensureBuilt, startCli, stopCli } from '../../support/built-cli';
import type { CliServer } from '../../support/built-cli';

const client = (url: string, accessKeyId: string, secretAccessKey: string) =>
  new BatchClient({
    region: 'us-east-1',
    endpoint: url,
    credentials: { accessKeyId, secretAccessKey },
    maxAttempts: 1,
  });

describe('jobmock serve --aws-credentials and --aws-any-key', () => {
  beforeAll(() => ensureBuilt());
  let cli: CliServer | undefined;
  afterEach(() => (cli ? stopCli(cli) : undefined));

  it('--aws-credentials adds keys whose secrets are checked, and the banner names them', async () => {
    cli = await startCli(['--api', 'aws-batch', '--aws-credentials', 'AKIDEXAMPLE:s3cret']);
    await expect(
      client(cli.url, 'AKIDEXAMPLE', 's3cret').send(new DescribeJobQueuesCommand({})),
    ).resolves.toBeDefined();
    await expect(
      client(cli.url, 'AKIDEXAMPLE', 'nope').send(new DescribeJobQueuesCommand({})),
    ).rejects.toMatchObject({
      name: 'InvalidSignatureException',
    });
    expect(cli.stdout()).toContain('AKIDEXAMPLE (--aws-credentials)');
  });

  it('--aws-any-key accepts a made-up key and secret', async () => {
    cli = await startCli(['--api', 'aws-batch', '--aws-any-key']);
    await expect(
      client(cli.url, 'FOOBARKEY', 'FOOBARSECRET').send(new DescribeJobQueuesCommand({})),
    ).resolves.toBeDefined();
  });

  it('stops with a message for a pair that is not key:secret', async () => {
    await expect(startCli(['--api', 'aws-batch', '--aws-credentials', 'lonely'])).rejects.toThrow(
      /key:secret/,
    );
  });
});
