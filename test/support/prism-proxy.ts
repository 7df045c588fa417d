import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

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
 * `prism proxy <spec> <upstream> --errors` on a free port: Prism validates every request and every reply
 * against the spec and answers a violation with an error instead of the reply.
 */
export async function startPrismProxy(spec: string, upstream: string, port?: number): Promise<PrismProxy> {
  const listenPort = port ?? (await freePort());
  const child: ChildProcess = spawn(
    join(ROOT, 'node_modules', '.bin', 'prism'),
    ['proxy', join(ROOT, spec), upstream, '--errors', '-p', String(listenPort), '-h', '127.0.0.1'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
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
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${listenPort}`,
    host: `127.0.0.1:${listenPort}`,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
