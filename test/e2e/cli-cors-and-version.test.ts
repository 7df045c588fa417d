import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ensureBuilt, startCli, stopCli } from '../support/built-cli';

const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

describe('jobmock CLI: --version, and --cors as the banner shows it', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
      version: string;
    };
    const result = run('--version');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(version);
  });

  it('the banner says CORS and admin-API CORS are off by default, and which origins --cors allows', async () => {
    const plain = await startCli([]);
    try {
      expect(plain.stdout()).toMatch(/CORS\s+off/);
      expect(plain.stdout()).toMatch(/admin API CORS\s+off/);
    } finally {
      await stopCli(plain);
    }
    const cors = await startCli(['--cors', 'http://localhost:5173, http://127.0.0.1:5173/', '--cors-admin']);
    try {
      expect(cors.stdout()).toMatch(/CORS\s+http:\/\/localhost:5173, http:\/\/127\.0\.0\.1:5173\n/);
      expect(cors.stdout()).toMatch(/admin API CORS\s+on/);
    } finally {
      await stopCli(cors);
    }
    const any = await startCli(['--cors']);
    try {
      expect(any.stdout()).toMatch(/CORS\s+any origin \(reflected, with credentials\)/);
    } finally {
      await stopCli(any);
    }
  });

  it.each(['notanorigin', 'http://localhost:5173/app', 'http://a.test,*'])(
    '--cors %j stops the start with exit code 1 and an error naming it',
    (value) => {
      const result = run('serve', '--port', '0', '--cors', value);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`jobmock: --cors "${value}"`);
    },
  );
});
