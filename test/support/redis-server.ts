import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A redis-server of the tests' own, on 127.0.0.1, writing every change to its append-only file. */
export interface TestRedis {
  readonly port: number;
  readonly url: string;
  /** Stops it (SIGTERM: it saves and exits). */
  stop(): Promise<void>;
  /** Kills it (SIGKILL: what its append-only file holds survives) and starts it again on the same port. */
  restart(options?: { downMs?: number }): Promise<void>;
  /** Freezes it (SIGSTOP): it holds connections open and answers nothing, as a Redis that is far too slow. */
  pause(): void;
  resume(): void;
}

/** Debian's redis-server, from PATH; the tests that need it fail with this message when it is missing. */
export function redisServerBinary(): string {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  if (!found)
    throw new Error('redis-server is not installed: apt-get install -y redis-server (.ci/run does it)');
  return found;
}

/** Starts a redis-server in a temporary folder on a free port. */
export async function startTestRedis(): Promise<TestRedis> {
  const binary = redisServerBinary();
  const dir = mkdtempSync(join(tmpdir(), 'jobmock-redis-'));
  const port = await freePort();
  let child: ChildProcess = await launch(binary, dir, port);
  return {
    port,
    url: `redis://127.0.0.1:${port}/0`,
    async stop() {
      await ended(child, 'SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
    async restart({ downMs = 0 } = {}) {
      await ended(child, 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, downMs));
      child = await launch(binary, dir, port);
    },
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
  };
}

function launch(binary: string, dir: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'always',
      '--protected-mode',
      'yes',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${out}`)), 10_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (/Ready to accept connections/.test(out)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}: ${out}`));
    });
  });
}

function ended(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGCONT');
    child.kill(signal);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
