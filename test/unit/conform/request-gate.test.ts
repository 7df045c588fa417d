import { RequestGate, retryAfterMs, RunLimit } from '../../../src/conform/request-gate';

describe('retryAfterMs', () => {
  it.each([
    ['delay-seconds', '3', 3_000],
    ['an HTTP-date', 'Wed, 21 Oct 2015 07:28:10 GMT', 10_000],
    ['an HTTP-date already past', 'Wed, 21 Oct 2015 07:27:00 GMT', 0],
    ['nothing readable', 'soon', undefined],
    ['no header', undefined, undefined],
  ])('reads %s', (_what, value, ms) => {
    expect(retryAfterMs(value, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(ms);
  });
});

describe('RequestGate', () => {
  const none = () => undefined;

  it('sends at most maxRequests, then refuses with RunLimit', async () => {
    const gate = new RequestGate({ maxRequests: 2, timeoutMs: 10_000, concurrency: 1 });
    await gate.run(async () => 1, none);
    await gate.run(async () => 2, none);
    await expect(gate.run(async () => 3, none)).rejects.toEqual(new RunLimit('requests'));
    expect(gate.requests).toBe(2);
  });

  it('sends nothing after the deadline', async () => {
    const gate = new RequestGate({ maxRequests: 10, timeoutMs: 1, concurrency: 1 });
    await new Promise((r) => setTimeout(r, 5));
    await expect(gate.run(async () => 1, none)).rejects.toEqual(new RunLimit('time'));
    expect(gate.requests).toBe(0);
  });

  it('lets `concurrency` requests be in flight at once, no more', async () => {
    const gate = new RequestGate({ maxRequests: 10, timeoutMs: 10_000, concurrency: 2 });
    let inFlight = 0;
    let most = 0;
    const request = async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 10));
      inFlight--;
    };
    await Promise.all([1, 2, 3, 4, 5].map(() => gate.run(request, none)));
    expect(most).toBe(2);
  });

  it('holds the next request back until the time a Retry-After asked for', async () => {
    const gate = new RequestGate({ maxRequests: 10, timeoutMs: 10_000, concurrency: 1 });
    await gate.run(
      async () => 'busy',
      () => '1',
    );
    const asked = Date.now();
    const sentAt = await gate.run(async () => Date.now(), none);
    expect(sentAt - asked).toBeGreaterThanOrEqual(950);
  });

  it('refuses to wait for a Retry-After that ends after the deadline', async () => {
    const gate = new RequestGate({ maxRequests: 10, timeoutMs: 2_000, concurrency: 1 });
    await gate.run(
      async () => 'slow down',
      () => '60',
    );
    await expect(gate.run(async () => 'again', none)).rejects.toEqual(new RunLimit('time'));
    expect(gate.requests).toBe(1);
  });
});
