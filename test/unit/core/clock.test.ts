import { createClock, retimedClock } from '../../../src/core/clock';

describe('clock', () => {
  it('manual time stands still until advanced', () => {
    let wall = 1_000;
    const clock = createClock('manual', 1, () => wall);
    wall += 5_000;
    expect(clock.now()).toBe(1_000);
    expect(clock.advance(250)).toBe(1_250);
  });

  it('real time runs with the wall clock, scaled by speed, plus advances', () => {
    let wall = 1_000;
    const clock = createClock('real', 10, () => wall);
    wall += 100;
    expect(clock.now()).toBe(2_000);
    clock.advance(5);
    expect(clock.now()).toBe(2_005);
  });
});

describe('retimedClock', () => {
  it('freezes a real clock where it is, lets it run again, at another speed, keeping its origin', () => {
    let wall = 1_000_000;
    const real = createClock('real', 1, () => wall);
    wall += 500;
    const frozen = retimedClock(real, 'manual', 1, () => wall);
    expect(frozen.now()).toBe(1_000_500);
    wall += 10_000;
    expect(frozen.now()).toBe(1_000_500);
    const fast = retimedClock(frozen, 'real', 10, () => wall);
    wall += 100;
    expect(fast.now()).toBe(1_001_500);
    expect(fast.snapshot()).toMatchObject({ mode: 'real', speed: 10, origin: 1_000_000 });
  });
});
