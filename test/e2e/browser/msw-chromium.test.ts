import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { CancelOutcome } from '../../support/browser/cancel-in-every-api';
import { ensureBuilt } from '../../support/built-cli';

const ROOT = join(__dirname, '..', '..', '..');
/** Debian's chromium (`apt-get install chromium`; .ci/run installs it): playwright cannot download a browser here. */
const CHROMIUM = process.env.JOBMOCK_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };

/** Serves a folder on 127.0.0.1 (a secure context, so the page may register a service worker). */
async function serveFolder(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(dir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(dir) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

describe('jobmock/msw in headless Chromium: a Vite-built page with MSW’s service worker', () => {
  let outDir: string;
  let page: { server: Server; url: string };
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium`);
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
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => page?.server.close(resolve));
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('cancels a job in all five APIs through the service worker and sees each state change', async () => {
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    tab.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await tab.goto(page.url);
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
