/**
 * How long an injected latency lasts: a fixed time, a uniform draw between two bounds, or a log-normal draw (the
 * shape of real service latencies: most calls near the median, a long tail) cut at a cap.
 */
export type LatencyShape =
  | { readonly shape: 'fixed'; readonly ms: number }
  | { readonly shape: 'uniform'; readonly minMs: number; readonly maxMs: number }
  | {
      readonly shape: 'log-normal';
      /** Half the calls wait less than this. */
      readonly medianMs: number;
      /** The spread of the underlying normal distribution (0: always the median; 1: a heavy tail). */
      readonly sigma: number;
      /** No call waits longer. */
      readonly capMs: number;
    };

/**
 * One latency drawn from a shape, in whole milliseconds, with `random` giving numbers in [0, 1).
 * The log-normal draw is `median · e^(sigma · z)` with z standard normal (Box–Muller transform).
 *
 * @example sampleLatency({ shape: 'log-normal', medianMs: 200, sigma: 0.5, capMs: 2000 }, random)
 */
export function sampleLatency(shape: LatencyShape, random: () => number): number {
  switch (shape.shape) {
    case 'fixed':
      return shape.ms;
    case 'uniform':
      return shape.minMs + Math.floor(random() * (shape.maxMs - shape.minMs + 1));
    case 'log-normal': {
      const u = 1 - random(); // (0, 1]: the logarithm stays finite
      const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
      return Math.min(shape.capMs, Math.round(shape.medianMs * Math.exp(shape.sigma * z)));
    }
  }
}
