import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { registry } from '../../mocks/index';
import type { CliServer } from '../support/built-cli';
import { ensureBuilt, startCli, stopCli } from '../support/built-cli';
import { signBatchRequest } from '../support/sigv4-signer';

const ROOT = join(__dirname, '..', '..');
/** Debian's chromium, as CI installs it (`apt-get install chromium`). */
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const ADMIN_TOKEN = 'inspector-admin-token-7f3a9c';
const KBASE_TOKEN = 'user-token';
/** The third demo job of AWS Batch: RUNNABLE, held there. */
const BATCH_JOB = '00000000-0000-4000-8000-000000000003';

/**
 * The web inspector in a real browser (headless Chromium): it asks for the admin token once, shows the demo jobs
 * of every API, follows a cancel made through the API, injects a fault through its form and shows the call it
 * hit in the traffic, with no credential on the page.
 */
describe('the web inspector (/__admin/ui)', () => {
  let cli: CliServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureBuilt();
    const bundled = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-inspector.mjs')], {
      cwd: ROOT,
    });
    if (bundled.status !== 0) throw new Error(`the inspector did not build: ${bundled.stderr.toString()}`);
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
    cli = await startCli(['--demo', '--admin-token', ADMIN_TOKEN]);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    if (cli) await stopCli(cli);
  });

  const row = (id: string) => page.locator(`tr[data-job-id="${id}"]`);
  const cancelBatchJob = async (jobId: string) => {
    const body = { jobId, reason: 'cancelled in the inspector test' };
    const headers = await signBatchRequest('/aws-batch/v1/canceljob', body, { host: new URL(cli.url).host });
    return fetch(`${cli.url}/aws-batch/v1/canceljob`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
  };

  it('asks for the admin token once, then shows the demo jobs of every API', async () => {
    await page.goto(`${cli.url}/__admin/ui`);
    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Open the inspector' }).click();
    for (const api of registry) {
      await page.getByRole('tab', { name: api.id }).click();
      const first = api.newId(1);
      await row(first).waitFor();
      for (const [i, state] of api.machine.states.entries())
        await row(api.newId(i + 1))
          .filter({ hasText: state })
          .waitFor();
      expect(await page.locator('tr[data-job-id]').count()).toBe(api.machine.states.length);
    }
    await page.reload();
    await page.getByRole('tab', { name: 'aws-batch' }).waitFor();
    expect(await page.getByLabel('Admin token').count()).toBe(0);
  }, 60_000);

  it('shows a cancel made through the API: the row changes and the call is in the traffic', async () => {
    await page.getByRole('tab', { name: 'aws-batch' }).click();
    await row(BATCH_JOB).filter({ hasText: 'RUNNABLE' }).waitFor();
    expect((await cancelBatchJob(BATCH_JOB)).status).toBe(200);
    await row(BATCH_JOB).locator('td').nth(1).filter({ hasText: 'FAILED' }).waitFor();
    await page
      .locator('.traffic tbody tr')
      .filter({ hasText: `${BATCH_JOB} RUNNABLE→FAILED` })
      .waitFor();
  }, 60_000);

  it('injects a fault through its form and shows the call it hit', async () => {
    await page.getByRole('tab', { name: 'aws-batch' }).click();
    await page.getByLabel('Operation').selectOption('CancelJob');
    await page.getByLabel('Status').selectOption('500');
    await page.getByRole('button', { name: 'Add fault' }).click();
    await page.getByRole('list', { name: 'Faults injected' }).getByText('CancelJob · status 500').waitFor();
    expect((await cancelBatchJob('00000000-0000-4000-8000-000000000002')).status).toBe(500);
    const hit = page.locator('.traffic tbody tr').filter({ hasText: 'fault' }).filter({ hasText: '500' });
    await hit.first().click();
    await page.getByRole('article').getByText('Injected fault', { exact: true }).waitFor();
    expect(await page.getByRole('article').textContent()).toContain('"status":500');
    // Each call is one row, however its reads overlapped (an action reads again beside the poll): a call made,
    // then two actions at once, each reading the calls after the same last one.
    const third = '00000000-0000-4000-8000-000000000003';
    expect((await cancelBatchJob(third)).status).toBe(200); // the fault was for one call
    const add = page.getByRole('button', { name: 'Add fault' });
    await Promise.all([add.click(), add.click()]);
    await page
      .getByRole('list', { name: 'Faults injected' })
      .getByText('CancelJob · status 500')
      .nth(1)
      .waitFor();
    await page.locator('.traffic tbody tr').filter({ hasText: third }).first().waitFor();
    const seqs = await page
      .locator('.traffic tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.dataset.seq));
    expect(seqs.length).toBeGreaterThanOrEqual(2);
    expect(new Set(seqs).size).toBe(seqs.length);
  }, 60_000);

  it('shows no credential anywhere on the page, and labels every control', async () => {
    const kbase = await fetch(`${cli.url}/kbase`, {
      method: 'POST',
      headers: { authorization: KBASE_TOKEN, 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'JobBrowserBFF.is_admin', params: {} }),
    });
    expect(kbase.status).toBe(200);
    const call = page.locator('.traffic tbody tr').filter({ hasText: 'JobBrowserBFF.is_admin' });
    await call.first().click();
    await page.getByRole('article').getByText('authorization: [redacted]').waitFor();
    const html = await page.content();
    expect(html).not.toContain(ADMIN_TOKEN);
    expect(html).not.toContain(KBASE_TOKEN);
    expect(html).not.toMatch(/Signature=[0-9a-f]{64}/);
    // Run in the page: each control has a label, an aria-label or text of its own.
    const unlabelled = await page.evaluate<string[]>(`
      [...document.querySelectorAll('input, select, button')]
        .filter((el) => !el.labels?.length && !el.getAttribute('aria-label') && !el.textContent.trim())
        .map((el) => el.outerHTML)
    `);
    expect(unlabelled).toEqual([]);
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results', 'inspector.png') });
  }, 60_000);
});
