import { ensureBuilt, startCli, stopCli } from '../support/built-cli';

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
