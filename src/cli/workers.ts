import cluster from 'node:cluster';
import type { Worker } from 'node:cluster';

/** How a worker process of `jobmock serve --workers N` tells the primary that it listens. */
export interface WorkerListening {
  readonly jobmock: 'listening';
  readonly url: string;
}

/**
 * Runs `count` copies of this command as worker processes on one port (node:cluster: the primary accepts the
 * connections and hands them out in turn). A worker that dies is started again; one that fails before it ever
 * listened stops the whole server (the same failure would repeat). SIGINT/SIGTERM stop every worker first.
 * `listening(url)` is called once, when every worker listens.
 */
export function runWorkers(count: number, listening: (url: string) => void): void {
  let up = 0;
  let stopping = false;
  let exitCode = 0;
  const listened = new WeakSet<Worker>();
  const start = () => {
    const worker = cluster.fork();
    worker.on('message', (message: WorkerListening) => {
      if (message?.jobmock !== 'listening' || listened.has(worker)) return;
      listened.add(worker);
      if (++up === count) listening(message.url);
    });
    worker.on('exit', (code, signal) => {
      if (stopping) {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
        return;
      }
      if (!listened.has(worker)) {
        console.error(`jobmock: a worker failed to start (exit ${code ?? signal}); stopping`);
        stop(1);
        return;
      }
      console.error(
        `jobmock: worker ${worker.process.pid} died (${signal ?? `exit ${code}`}); starting another`,
      );
      start();
    });
  };
  const stop = (code = 0) => {
    stopping = true;
    exitCode = code;
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(code);
    for (const worker of workers) worker?.process.kill('SIGTERM');
    setTimeout(() => process.exit(code), 10_000).unref();
  };
  for (let i = 0; i < count; i++) start();
  process.once('SIGINT', () => stop());
  process.once('SIGTERM', () => stop());
}

/** In a worker: tells the primary it listens, and stops when the primary goes away. */
export function reportListening(url: string, stop: () => void): void {
  if (!cluster.isWorker) return;
  process.send?.({ jobmock: 'listening', url } satisfies WorkerListening);
  process.once('disconnect', stop);
}

/** Whether this process is the primary of `--workers N` (N > 1) that must start the workers. */
export function isWorkerPrimary(workers: number): boolean {
  return workers > 1 && cluster.isPrimary;
}

/** Whether this process is one of the workers (it prints no banner of its own). */
export function isWorker(): boolean {
  return cluster.isWorker;
}
