/**
 * Virtual time. `real`: time passes as on the wall clock, scaled by `speed`. `manual`: time stands still
 * until `advance` moves it. Jobs read the clock when they are read; nothing runs on timers.
 */
export type ClockMode = 'real' | 'manual';

export interface Clock {
  readonly mode: ClockMode;
  now(): number;
  /** Moves time forward by `ms` (both modes). Returns the new time. */
  advance(ms: number): number;
  /** State to persist and restore. */
  snapshot(): ClockSnapshot;
}

export interface ClockSnapshot {
  readonly mode: ClockMode;
  readonly speed: number;
  readonly origin: number;
  readonly offset: number;
}

/** @example const clock = createClock('manual'); clock.advance(1000); */
export function createClock(mode: ClockMode, speed = 1, wall: () => number = Date.now): Clock {
  return restoreClock({ mode, speed, origin: wall(), offset: 0 }, wall);
}

/**
 * A clock that goes on from where `clock` is now, in another mode or at another speed: `manual` freezes the
 * time, `real` lets it run again, `speed` times as fast as the wall clock. It keeps the clock's origin (the
 * session's start, which seeded jobs are dated from).
 */
export function retimedClock(
  clock: Clock,
  mode: ClockMode,
  speed: number,
  wall: () => number = Date.now,
): Clock {
  const now = clock.now();
  const { origin } = clock.snapshot();
  const run = mode === 'manual' ? 0 : (wall() - origin) * speed;
  return restoreClock({ mode, speed, origin, offset: now - origin - run }, wall);
}

export function restoreClock(state: ClockSnapshot, wall: () => number = Date.now): Clock {
  const { mode, speed, origin } = state;
  let offset = state.offset;
  const now =
    mode === 'manual' ? () => origin + offset : () => Math.floor(origin + (wall() - origin) * speed + offset);
  return {
    mode,
    now,
    advance(ms) {
      offset += ms;
      return now();
    },
    snapshot: () => ({ mode, speed, origin, offset }),
  };
}
