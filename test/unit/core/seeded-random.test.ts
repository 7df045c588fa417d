import { SeededRandom, seedState } from '../../../src/core/seeded-random';

const draws = (seed: number, n: number) => {
  const random = new SeededRandom(seedState(seed));
  return Array.from({ length: n }, () => random.next());
};

describe('SeededRandom', () => {
  it('gives the same numbers for the same seed, and others for another seed', () => {
    expect(draws(42, 100)).toEqual(draws(42, 100));
    expect(draws(42, 100)).not.toEqual(draws(43, 100));
  });

  it('goes on from a saved state exactly where it stopped', () => {
    const random = new SeededRandom(seedState(7));
    random.next();
    random.next();
    const resumed = new SeededRandom(random.state);
    expect([resumed.next(), resumed.next()]).toEqual(draws(7, 4).slice(2));
  });

  it('draws numbers in [0, 1), spread over the whole range', () => {
    const values = draws(1, 10_000);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    const tenths = new Array<number>(10).fill(0);
    for (const v of values) tenths[Math.floor(v * 10)]! += 1;
    for (const count of tenths) expect(count).toBeGreaterThan(900);
  });

  it('takes seeds modulo 2³² and picks indexes within a length', () => {
    expect(draws(2 ** 32 + 5, 3)).toEqual(draws(5, 3));
    const random = new SeededRandom(seedState(3));
    const picks = Array.from({ length: 1_000 }, () => random.index(3));
    expect(new Set(picks)).toEqual(new Set([0, 1, 2]));
  });
});
