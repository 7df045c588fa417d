import { sampleLatency } from '../../../src/core/latency';
import { SeededRandom, seedState } from '../../../src/core/seeded-random';

const sampler = (seed = 11) => {
  const random = new SeededRandom(seedState(seed));
  return () => random.next();
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('sampleLatency', () => {
  it('fixed: always the same time, drawing nothing', () => {
    const random = jest.fn(() => 0.5);
    expect(sampleLatency({ shape: 'fixed', ms: 250 }, random)).toBe(250);
    expect(random).not.toHaveBeenCalled();
  });

  it('uniform: whole milliseconds between the bounds, both included', () => {
    const random = sampler();
    const values = Array.from({ length: 5_000 }, () =>
      sampleLatency({ shape: 'uniform', minMs: 10, maxMs: 20 }, random),
    );
    expect(Math.min(...values)).toBe(10);
    expect(Math.max(...values)).toBe(20);
    expect(values.every(Number.isInteger)).toBe(true);
  });

  it('log-normal: half the draws below the median, a tail above it, none above the cap', () => {
    const random = sampler();
    const shape = { shape: 'log-normal', medianMs: 200, sigma: 0.8, capMs: 1_500 } as const;
    const values = Array.from({ length: 4_001 }, () => sampleLatency(shape, random));
    expect(median(values)).toBeGreaterThan(180);
    expect(median(values)).toBeLessThan(220);
    expect(Math.max(...values)).toBe(1_500);
    expect(values.filter((v) => v > 600).length).toBeGreaterThan(100);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
  });

  it('log-normal with sigma 0 is the median every time', () => {
    const random = sampler();
    const shape = { shape: 'log-normal', medianMs: 90, sigma: 0, capMs: 1_000 } as const;
    expect(new Set(Array.from({ length: 50 }, () => sampleLatency(shape, random)))).toEqual(new Set([90]));
  });
});
