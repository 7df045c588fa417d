import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * The server process's own figures for `GET /__admin/health`: memory, and how long the event loop was held up
 * (the longest stall since start, and the 99th percentile), so a soak or an operator can see a server in
 * trouble before it falls over.
 *
 * @example const health = processHealth(); createMockService({ ..., healthDetails: () => ({ process: health() }) })
 */
export function processHealth(): () => Record<string, unknown> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  return () => {
    const memory = process.memoryUsage();
    return {
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      eventLoopDelayMs: { p99: ms(delay.percentile(99)), max: ms(delay.max) },
    };
  };
}
