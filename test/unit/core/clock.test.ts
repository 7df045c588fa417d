import { createClock } from '../../../src/core/clock';

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
