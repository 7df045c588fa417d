import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import type { Profile } from '../../src/api';
import { specPath } from '../../src/spec/load-spec';
import { startServer } from './server-harness';

/** A free TCP port on 127.0.0.1 (Prism cannot listen on port 0 and report it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface PrismProxy {
  readonly url: string;
  readonly host: string;
  close(): Promise<void>;
}

/**
 * Runs `prism proxy <spec> <upstream>` on 127.0.0.1. Prism checks every request and reply against the spec:
 * with `errors`, a violation replaces the reply with an error; without, it is reported in `sl-violations`.
 */
export async function startPrismProxy(
  spec: string,
  upstream: string,
  options: { errors?: boolean; port?: number } = {},
): Promise<PrismProxy> {
  const port = options.port ?? (await freePort());
  const cli = join(dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist', 'index.js');
  const args = ['proxy', spec, upstream, '-p', String(port), '-h', '127.0.0.1'];
  const child: ChildProcess = spawn(
    process.execPath,
    [cli, ...args, ...(options.errors ? ['--errors'] : [])],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 30_000;
  while (!/Prism is listening/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`prism proxy did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** What Prism said about one call that went through it. */
export interface PrismVerdict {
  /** `POST /v1/canceljob`, or the name the caller gave. */
  readonly call: string;
  readonly status: number;
  /** Prism's `sl-violations` header: null when it found nothing. */
  readonly violations: string | null;
}

export interface PrismScenario {
  /** jobmock, serving the API at the root (strict, manual clock). */
  readonly server: Awaited<ReturnType<typeof startServer>>;
  /** `prism proxy <the API's spec> <jobmock> --errors` in front of it. */
  readonly prism: PrismProxy;
  /** Every call made through `fetch` or reported with `record`, in order. */
  readonly verdicts: PrismVerdict[];
  /** A fetch (for openapi-fetch clients) that records Prism's verdict on each call. */
  fetch(request: Request): Promise<Response>;
  /** Records a call made another way (an SDK's own transport). */
  record(verdict: PrismVerdict): void;
}

/**
 * Prism as an independent oracle for one describe block: before its tests, jobmock serving `api` at the root
 * (in `options.profile`, documented by default) behind `prism proxy specs/<api>/openapi.yaml --errors`, which fails any reply that breaks the spec; after
 * them, both stopped. jobmock takes Prism's address as the client's Host (`--client-host`), so requests signed
 * for Prism (SigV4) still verify.
 */
export function prismProxyScenario(api: string, options: { profile?: Profile } = {}): PrismScenario {
  // Prism takes seconds to start, and each call goes through two servers: the whole file gets a minute.
  jest.setTimeout(60_000);
  let server: PrismScenario['server'] | undefined;
  let prism: PrismProxy | undefined;
  const verdicts: PrismVerdict[] = [];
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the Prism scenario runs inside tests only');
    return value;
  };

  beforeAll(async () => {
    const port = await freePort();
    server = await startServer({ only: api, clientHost: `127.0.0.1:${port}`, profile: options.profile });
    prism = await startPrismProxy(specPath(api, 'openapi'), server.url, { errors: true, port });
  });
  afterAll(async () => {
    await prism?.close();
    await server?.close();
  });

  return {
    get server() {
      return started(server);
    },
    get prism() {
      return started(prism);
    },
    verdicts,
    record: (verdict) => verdicts.push(verdict),
    async fetch(request) {
      const call = `${request.method} ${new URL(request.url).pathname}`;
      const reply = await fetch(request);
      verdicts.push({ call, status: reply.status, violations: reply.headers.get('sl-violations') });
      return reply;
    },
  };
}

/** Prism flagged no call and none was a 5xx; the calls met at least `statuses`. */
export function expectNoPrismViolation(verdicts: readonly PrismVerdict[], statuses: readonly number[]): void {
  expect(verdicts.filter((v) => v.violations !== null)).toEqual([]);
  expect(verdicts.filter((v) => v.status >= 500)).toEqual([]);
  expect(verdicts.map((v) => v.status)).toEqual(expect.arrayContaining([...statuses]));
}
