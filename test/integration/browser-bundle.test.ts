import { createContext, runInContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import type { CancelOutcome } from '../support/browser/cancel-in-every-api';
import { bundleForBrowser } from '../support/browser/bundle-for-browser';
import { ensureBuilt } from '../support/built-cli';

/** The goal for all five APIs, engine and specs included, gzipped. */
const MAX_GZIP_BYTES = 150 * 1024;

/** What a browser (or a service worker) offers scripts: web APIs, and no process, Buffer, require or module. */
function browserGlobals(): Record<string, unknown> {
  const { crypto } = globalThis;
  return {
    ...{ URL, URLSearchParams, Request, Response, Headers, TextEncoder, TextDecoder, AbortController },
    ...{ atob, btoa, structuredClone, queueMicrotask, setTimeout, clearTimeout, setInterval, clearInterval },
    performance: { now: performance.now.bind(performance) },
    crypto: {
      getRandomValues: crypto.getRandomValues.bind(crypto),
      randomUUID: crypto.randomUUID.bind(crypto),
    },
    console,
  };
}

describe('jobmock/browser bundled for the browser', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it.each(['src/browser.ts', 'dist/src/browser.js'])(
    '%s imports no Node built-in and uses no Buffer, within the size goal',
    async (entry) => {
      const { code, builtins } = await bundleForBrowser(entry);
      expect(builtins).toEqual([]);
      expect(code).not.toMatch(/\bBuffer\b/);
      const gzip = gzipSync(code).length;
      console.log(
        `${entry}: ${(code.length / 1024).toFixed(1)} KiB minified, ${(gzip / 1024).toFixed(1)} KiB gzip`,
      );
      expect(gzip).toBeLessThanOrEqual(MAX_GZIP_BYTES);
    },
  );

  it('jobmock/msw (msw itself left to the app) imports no Node built-in either', async () => {
    const { builtins } = await bundleForBrowser('src/msw.ts', { external: ['msw'] });
    expect(builtins).toEqual([]);
  });

  it('runs with only web APIs: every API cancels a job, its state changes, strict mode finds nothing', async () => {
    const { code, builtins } = await bundleForBrowser('test/support/browser/sandbox-probe.ts', {
      globalName: 'probe',
    });
    expect(builtins).toEqual([]);
    const sandbox = createContext(browserGlobals());
    runInContext(code, sandbox);
    const outcomes = (await runInContext('probe.run()', sandbox)) as CancelOutcome[];
    expect(outcomes.map((o) => o.api)).toEqual(['aws-batch', 'kbase', 'fabric', 'itential', 'bigchange']);
    for (const outcome of outcomes) {
      expect(outcome.status).toBeLessThan(300);
      expect(outcome.after).toBe(outcome.expected);
      expect(outcome.after).not.toBe(outcome.before);
      expect(outcome.violations).toBe(0);
    }
    expect(runInContext('typeof process + typeof Buffer + typeof require', sandbox)).toBe(
      'undefinedundefinedundefined',
    );
  });
});
