import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { CancelOutcome } from '../../support/browser/cancel-in-every-api';
import { launchChromium, serveFolder } from '../../support/browser/chromium';
import { ensureBuilt } from '../../support/built-cli';

const ROOT = join(__dirname, '..', '..', '..');

describe('jobmock/msw in headless Chromium: a Vite-built page with MSW’s service worker', () => {
  let outDir: string;
  let page: Awaited<ReturnType<typeof serveFolder>>;
  let browser: Browser;

  beforeAll(async () => {
    ensureBuilt();
    outDir = mkdtempSync(join(tmpdir(), 'jobmock-page-'));
    const vite = spawnSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        'test/e2e/browser/page/vite.config.mjs',
      ],
      { cwd: ROOT, env: { ...process.env, JOBMOCK_PAGE_OUT_DIR: outDir }, encoding: 'utf8' },
    );
    if (vite.status !== 0) throw new Error(`vite build failed:\n${vite.stdout}\n${vite.stderr}`);
    copyFileSync(
      join(ROOT, 'node_modules/msw/lib/mockServiceWorker.js'),
      join(outDir, 'mockServiceWorker.js'),
    );
    page = await serveFolder(outDir);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await page?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('cancels a job in all five APIs through the service worker and sees each state change', async () => {
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    tab.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await tab.goto(`http://127.0.0.1:${page.port}/`);
    const { controlled, outcomes } = (await tab.evaluate('window.jobmockOutcome')) as {
      controlled: boolean;
      outcomes: CancelOutcome[];
    };
    expect(errors).toEqual([]);
    expect(controlled).toBe(true);
    expect(outcomes.map((o) => o.api)).toEqual(['aws-batch', 'kbase', 'fabric', 'itential', 'bigchange']);
    for (const outcome of outcomes) {
      expect(outcome.status).toBeLessThan(300);
      expect(outcome.after).toBe(outcome.expected);
      expect(outcome.after).not.toBe(outcome.before);
      expect(outcome.violations).toBe(0);
    }
    await tab.close();
  }, 60_000);
});
