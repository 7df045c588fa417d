import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import type { TlsOptions } from './http-client';
import { resolveOptionalPeer } from './optional-peer';

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
 * An https upstream is trusted as `tls` says (its CA file, or any certificate).
 * Prism is an optional peer dependency of jobmock (install `@stoplight/prism-cli` to use `--spec-check`).
 */
export async function startPrismProxy(
  spec: string,
  upstream: string,
  options: { errors?: boolean; port?: number; tls?: TlsOptions } = {},
): Promise<PrismProxy> {
  const port = options.port ?? (await freePort());
  const prism = resolveOptionalPeer('@stoplight/prism-cli', 'jobmock verify --spec-check', '/package.json');
  const cli = join(dirname(prism), 'dist', 'index.js');
  const args = [
    'proxy',
    spec,
    upstream,
    '-p',
    String(port),
    '-h',
    '127.0.0.1',
    ...(options.errors ? ['--errors'] : []),
  ];
  const env = { ...process.env };
  if (options.tls?.caFile) env.NODE_EXTRA_CA_CERTS = options.tls.caFile;
  if (options.tls?.insecure) env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  const child: ChildProcess = spawn(process.execPath, [cli, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
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
