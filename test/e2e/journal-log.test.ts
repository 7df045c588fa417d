import type { CliServer } from '../support/built-cli';
import { ensureBuilt, startCli, stopCli } from '../support/built-cli';

const KBASE_TOKEN = 'user-token';
const CANCEL = {
  jsonrpc: '2.0',
  id: 1,
  method: 'JobBrowserBFF.cancel_job',
  params: { job_id: '65a000000000000000000001', timeout: 1000 },
};

async function withCli(args: string[], use: (cli: CliServer) => Promise<void>): Promise<void> {
  const cli = await startCli(args);
  try {
    await use(cli);
  } finally {
    await stopCli(cli);
  }
}

/** Known traffic: a KBase cancel of the first demo job, and a path no API is served at. */
async function traffic(cli: CliServer): Promise<void> {
  const cancel = await fetch(`${cli.url}/kbase`, {
    method: 'POST',
    headers: { authorization: KBASE_TOKEN, 'content-type': 'application/json' },
    body: JSON.stringify(CANCEL),
  });
  expect(await cancel.json()).toMatchObject({ result: { canceled: true } });
  expect((await fetch(`${cli.url}/v1/canceljob`, { method: 'POST', body: '{}' })).status).toBe(404);
}

/** The lines written after the banner, once they are all there. */
async function logLines(cli: CliServer, count: number): Promise<string[]> {
  const lines = () =>
    cli
      .stdout()
      .split('\n')
      .filter((line) => line && !/^( |jobmock listening)/.test(line));
  for (let i = 0; i < 50 && lines().length < count; i++) await new Promise((r) => setTimeout(r, 20));
  return lines();
}

describe('jobmock serve --log', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('json: one object per call, with its operation, status, job and transition, and no credential', () =>
    withCli(['--demo', '--log', 'json'], async (cli) => {
      await traffic(cli);
      const lines = await logLines(cli, 2);
      expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
        expect.objectContaining({
          session: 'default',
          api: 'kbase',
          operation: 'JobBrowserBFF.cancel_job',
          status: 200,
          jobId: '65a000000000000000000001',
          transitions: [
            { jobId: '65a000000000000000000001', from: 'create', to: 'terminate', cause: 'call' },
          ],
        }),
        expect.objectContaining({
          operation: 'unmatched',
          status: 404,
          hints: ['Every API is served under /<id>: did you mean /aws-batch/v1/canceljob?'],
        }),
      ]);
      expect(lines.join('\n')).not.toContain(KBASE_TOKEN);
    }));

  it('pretty: a readable line per call', () =>
    withCli(['--demo', '--log', 'pretty'], async (cli) => {
      await traffic(cli);
      const [cancel, unmatched] = await logLines(cli, 2);
      expect(cancel).toMatch(
        /^\d\d:\d\d:\d\d\.\d{3} default kbase JobBrowserBFF\.cancel_job 200 [\d.]+ms job 65a000000000000000000001 create→terminate$/,
      );
      expect(unmatched).toMatch(/ default - unmatched 404 [\d.]+ms hint: Every API is served under/);
    }));

  it('is off by default when stdout is not a terminal', () =>
    withCli(['--demo'], async (cli) => {
      await traffic(cli);
      await new Promise((r) => setTimeout(r, 200));
      expect(await logLines(cli, 0)).toEqual([]);
    }));
});

describe('jobmock serve --journal', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  const journal = async (cli: CliServer) =>
    ((await (await fetch(`${cli.url}/__admin/requests`)).json()) as { requests: { operation: string }[] })
      .requests;

  it('keeps the last --journal-size calls', () =>
    withCli(['--demo', '--journal-size', '1'], async (cli) => {
      await traffic(cli);
      expect((await journal(cli)).map((r) => r.operation)).toEqual(['unmatched']);
    }));

  it('off keeps none', () =>
    withCli(['--demo', '--journal', 'off'], async (cli) => {
      await traffic(cli);
      expect(await journal(cli)).toEqual([]);
    }));
});
