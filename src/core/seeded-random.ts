/**
 * A small seeded random generator (mulberry32): its whole state is one 32-bit integer, so a session can keep it,
 * persist it and go on from it after a restart. The same seed gives the same numbers, on every platform.
 * jobmock draws every random choice of a session (fault probabilities, chaos, latency) from it, never from
 * `Math.random`, so a failing run can be replayed.
 *
 * @example const random = new SeededRandom(seedState(42)); random.next(); // 0.6011037519201636, always
 */
export class SeededRandom {
  constructor(
    /** The state to go on from (see seedState); it changes with every draw. */
    public state: number,
  ) {}

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An index in [0, length). */
  index(length: number): number {
    return Math.floor(this.next() * length);
  }
}

/** The state a seed starts from: any integer, taken modulo 2³². */
export function seedState(seed: number): number {
  return seed | 0;
}
