import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { registry } from '../../../mocks/index';
import { isCancellable } from '../../../src/core/machine';
import { createMockService } from '../../../src/mock-service';
import type { RunningServer } from '../../../src/server/http-server';
import { listen } from '../../../src/server/http-server';
import { launchChromium, serveFolder } from '../../support/browser/chromium';

const itential = registry.find((api) => api.id === 'itential')!;

/**
 * A front end on http://localhost:<port> calling `jobmock serve --cors <that origin> --cors-admin` on
 * http://127.0.0.1:<port>: another site to the browser, the case of a Vite dev server and the mock.
 */
describe('credentialed CORS in headless Chromium: a page on localhost, the mock on 127.0.0.1', () => {
  let folder: string;
  let page: Awaited<ReturnType<typeof serveFolder>>;
  let mock: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'jobmock-front-end-'));
    writeFileSync(
      join(folder, 'index.html'),
      '<!doctype html><title>front end</title><link rel="icon" href="data:,">',
    );
    page = await serveFolder(folder);
    const service = createMockService({ apis: registry, clock: 'manual' });
    mock = await listen(service, {
      port: 0,
      host: '127.0.0.1',
      corsOrigin: `http://localhost:${page.port}`,
      corsAdmin: true,
    });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await mock?.close();
    await page?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('logs in to Itential, cancels with only the session cookie, and lists the job through the admin API', async () => {
    const tab = await browser.newPage();
    await tab.goto(`http://localhost:${page.port}/`);
    const state = itential.machine.states.find((s) => isCancellable(itential.machine, s))!;
    const result = await tab.evaluate(
      async ({ base, state, cancelTo, cancelPath }) => {
        const json = { 'content-type': 'application/json' };
        const created = await fetch(`${base}/__admin/jobs`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ api: 'itential', state }),
        });
        const { id } = (await created.json()) as { id: string };
        const login = await fetch(`${base}/itential/login`, {
          method: 'POST',
          credentials: 'include',
          headers: json,
          body: JSON.stringify({ user: { username: 'admin', password: 'admin' } }),
        });
        const cancel = await fetch(`${base}/itential${cancelPath}`, {
          method: 'POST',
          credentials: 'include',
          headers: json,
          body: JSON.stringify({ job_id: id }),
        });
        const listed = await fetch(`${base}/__admin/jobs?api=itential&state=${cancelTo}`, {
          credentials: 'include',
        });
        const { jobs } = (await listed.json()) as { jobs: { id: string }[] };
        const unsigned = await fetch(`${base}/aws-batch/v1/describejobs`, {
          method: 'POST',
          headers: json,
          body: '{}',
        });
        return {
          created: created.status,
          login: login.status,
          cancel: cancel.status,
          listed: jobs.some((job) => job.id === id),
          requestId: unsigned.headers.get('x-amzn-requestid'),
          errorType: unsigned.headers.get('x-amzn-errortype'),
        };
      },
      {
        base: mock.url,
        state,
        cancelTo: itential.machine.cancelTo,
        cancelPath: itential.jobRequests.cancel('x').path,
      },
    );
    expect(result).toMatchObject({ created: 201, login: 200, cancel: 200, listed: true });
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.errorType).toMatch(/MissingAuthenticationToken/);
    await tab.close();
  }, 60_000);
});
