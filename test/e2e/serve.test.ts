import { spawnSync } from 'node:child_process';
import { CLI, ensureBuilt, startCli, stopCli } from '../support/built-cli';

describe('jobmock serve: binding', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('binds 127.0.0.1 by default, without a warning', async () => {
    const cli = await startCli([]);
    try {
      expect(cli.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(cli.stderr()).not.toMatch(/warning/);
    } finally {
      await stopCli(cli);
    }
  });

  it('--host 0.0.0.0 prints a warning naming the missing admin token', async () => {
    const cli = await startCli(['--host', '0.0.0.0']);
    try {
      await new Promise((r) => setTimeout(r, 100));
      expect(cli.stderr()).toMatch(/warning: listening on 0\.0\.0\.0.*no --admin-token/);
    } finally {
      await stopCli(cli);
    }
  });
});

describe('jobmock serve: faults', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('--chaos gives every session seeded chaos, shown by GET /__admin/chaos', async () => {
    const cli = await startCli([
      '--api',
      'kbase',
      '--chaos',
      'seed=9,rate=1,kinds=empty-reply',
      '--max-hang',
      '2s',
    ]);
    try {
      const chaos = await fetch(`${cli.url}/__admin/chaos`, { headers: { 'x-jobmock-session': 'ci' } });
      expect(await chaos.json()).toEqual({
        chaos: { seed: 9, rate: 1, kinds: ['empty-reply'] },
        from: 'server',
      });
      const call = fetch(cli.url, {
        method: 'POST',
        headers: { authorization: 'user-token', 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'JobBrowserBFF.is_admin', params: {} }),
      });
      await expect(call).rejects.toMatchObject({ message: 'fetch failed' });
      expect(cli.stdout()).toMatch(/chaos in every session\s+seed=9,rate=1,kinds=empty-reply/);
    } finally {
      await stopCli(cli);
    }
  });

  it.each([
    [['--chaos', 'seed=1,rate=3'], /chaos: .*rate/],
    [['--chaos', 'seed=1,colour=red'], /--chaos: unknown "colour"/],
    [['--max-hang', '2m'], /--max-hang may be at most 30s/],
  ])('refuses %j with a message', (args, message) => {
    const run = spawnSync(process.execPath, [CLI, 'serve', '--port', '0', ...args], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(message);
  });
});
