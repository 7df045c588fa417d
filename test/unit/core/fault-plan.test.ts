import type { ChaosConfig } from '../../../src/core/chaos';
import type { FaultEffect, OperationFaults } from '../../../src/core/fault-effect';
import type { FaultCall, FaultSettings } from '../../../src/core/fault-plan';
import { planFault } from '../../../src/core/fault-plan';
import type { FaultRule, FaultState } from '../../../src/core/fault-state';
import { NO_FAULTS } from '../../../src/core/fault-state';

const REST: OperationFaults = {
  errors: [{ status: 400 }, { status: 404 }, { status: 500 }],
  throttling: { status: 429, retryAfter: true },
};
const RPC: OperationFaults = {
  errors: [
    { code: 10, message: 'Job not found' },
    { code: -32000, message: 'Server error' },
  ],
  throttling: undefined,
};
const SETTINGS: FaultSettings = { chaos: undefined, maxHangMs: 5_000, maxLatencyMs: 60_000 };

function call(over: Partial<FaultCall> = {}): FaultCall {
  return {
    api: 'a',
    operation: 'Cancel',
    now: 1_000,
    names: (id) => id === 'job-1',
    declared: REST,
    ...over,
  };
}

/**
 * Plans `count` calls one after another, 2 s of virtual time apart (past any throttle window), the state going
 * on from call to call.
 */
function run(state: FaultState, count: number, over: Partial<FaultCall> = {}, settings = SETTINGS) {
  const effects: (FaultEffect | undefined)[] = [];
  for (let i = 0; i < count; i++) {
    const plan = planFault(state, call({ now: 1_000 + i * 2_000, ...over }), settings);
    effects.push(plan.effect);
    state = plan.state;
  }
  return { effects, state };
}

const withFaults = (...faults: FaultRule[]): FaultState => ({ faults });

describe('planFault: injected faults', () => {
  it('leaves a call alone, and the state as it was, when nothing aims at it', () => {
    const state = withFaults({ api: 'b', status: 500 }, { api: 'a', operation: 'Other', status: 500 });
    const plan = planFault(state, call(), SETTINGS);
    expect(plan).toEqual({ effect: undefined, state });
    expect(plan.state).toBe(state);
  });

  it('applies the first fault aimed at the call and counts it down until it is gone', () => {
    const { effects, state } = run(withFaults({ api: 'a', status: 500, times: 2 }), 3);
    expect(effects).toEqual([{ source: 'fault', error: { status: 500 } }, expect.anything(), undefined]);
    expect(state.faults).toEqual([]);
  });

  it('aims at one job: only calls that name it', () => {
    const state = withFaults({ api: 'a', jobId: 'job-2', network: { kind: 'empty-reply' } });
    expect(planFault(state, call(), SETTINGS).effect).toBeUndefined();
    expect(planFault(state, call({ names: (id) => id === 'job-2' }), SETTINGS).effect).toEqual({
      source: 'fault',
      network: { kind: 'empty-reply' },
    });
  });

  it('draws probabilities from the seeded generator: the same state gives the same hits', () => {
    const state = withFaults({ api: 'a', status: 500, probability: 0.3 });
    const first = run(state, 200).effects.map(Boolean);
    expect(run(state, 200).effects.map(Boolean)).toEqual(first);
    const hits = first.filter(Boolean).length;
    expect(hits).toBeGreaterThan(40);
    expect(hits).toBeLessThan(80);
  });

  it('combines latency, an error and the stateful effects of one fault', () => {
    const state = withFaults({ api: 'a', latencyMs: 70_000, failTo: 'FAILED', jobId: 'job-1', status: 404 });
    expect(planFault(state, call(), SETTINGS).effect).toEqual({
      source: 'fault',
      latencyMs: 60_000,
      error: { status: 404 },
      failTo: { state: 'FAILED', jobId: 'job-1' },
    });
  });

  it('gives a JSON-RPC code the message the method declares, and skips methods that do not declare it', () => {
    const state = withFaults({ api: 'a', code: -32000 });
    expect(planFault(state, call({ declared: RPC }), SETTINGS).effect?.error).toEqual({
      code: -32000,
      message: 'Server error',
    });
    expect(planFault(state, call({ declared: REST }), SETTINGS).effect).toBeUndefined();
  });

  it('bounds a hang and a slow body by the longest hang, and settles their time', () => {
    const hang = planFault(withFaults({ api: 'a', network: { kind: 'hang' } }), call(), SETTINGS);
    expect(hang.effect?.network).toEqual({ kind: 'hang', ms: 5_000 });
    const slow = planFault(withFaults({ api: 'a', network: { kind: 'slow-body' } }), call(), SETTINGS);
    expect(slow.effect?.network).toEqual({ kind: 'slow-body', ms: 1_000 });
    const long = planFault(
      withFaults({ api: 'a', network: { kind: 'slow-body', ms: 9_000 } }),
      call(),
      SETTINGS,
    );
    expect(long.effect?.network).toEqual({ kind: 'slow-body', ms: 5_000 });
  });
});

describe('planFault: throttling', () => {
  it('a throttled reply keeps the operation throttled until the window ends on the virtual clock', () => {
    let state: FaultState = withFaults({
      api: 'a',
      operation: 'Cancel',
      throttle: { windowMs: 2_500 },
      times: 1,
    });
    const first = planFault(state, call({ now: 1_000 }), SETTINGS);
    expect(first.effect).toEqual({ source: 'fault', throttle: { retryAfterMs: 2_500 } });
    state = first.state;
    expect(planFault(state, call({ now: 3_000 }), SETTINGS).effect).toEqual({
      source: 'throttle-window',
      throttle: { retryAfterMs: 500 },
    });
    expect(planFault(state, call({ now: 3_000, operation: 'Read' }), SETTINGS).effect).toBeUndefined();
    const reopened = planFault(state, call({ now: 3_500 }), SETTINGS);
    expect(reopened.effect).toBeUndefined();
    expect(reopened.state.throttled).toBeUndefined();
  });

  it('a token bucket lets a burst through, then refills at its rate on the virtual clock', () => {
    let state: FaultState = withFaults({ api: 'a', rateLimit: { ratePerSecond: 2, burst: 3 } });
    const at = (now: number) => {
      const plan = planFault(state, call({ now }), SETTINGS);
      state = plan.state;
      return plan.effect;
    };
    expect([at(0), at(0), at(0)]).toEqual([undefined, undefined, undefined]);
    expect(at(0)).toEqual({ source: 'rate-limit', throttle: { retryAfterMs: 500 } });
    expect(at(250)).toEqual({ source: 'rate-limit', throttle: { retryAfterMs: 250 } });
    expect(at(500)).toBeUndefined();
    expect(at(10_000)).toBeUndefined();
    expect(state.faults[0]!.bucket).toEqual({ tokens: 2, at: 10_000 });
  });

  it('never throttles an operation that declares no throttled reply', () => {
    const state = withFaults(
      { api: 'a', throttle: {} },
      { api: 'a', rateLimit: { ratePerSecond: 1, burst: 1 } },
    );
    expect(run(state, 5, { declared: RPC }).effects).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('planFault: chaos', () => {
  const chaos = (over: Partial<ChaosConfig> = {}): FaultState => ({
    faults: [],
    chaos: { seed: 1234, rate: 0.2, ...over },
  });
  const describeEffect = (e: FaultEffect | undefined) =>
    e === undefined ? '-' : JSON.stringify([e.error, e.throttle, e.network]);

  it('reproduces the same sequence of faults over 1,000 calls from the same seed', () => {
    const first = run(chaos(), 1_000).effects.map(describeEffect);
    expect(run(chaos(), 1_000).effects.map(describeEffect)).toEqual(first);
    expect(run(chaos({ seed: 1235 }), 1_000).effects.map(describeEffect)).not.toEqual(first);
    const hit = first.filter((e) => e !== '-').length;
    expect(hit).toBeGreaterThan(150);
    expect(hit).toBeLessThan(250);
  });

  it('picks only errors the operation declares, its throttled reply and network faults', () => {
    const effects = run(chaos({ rate: 1 }), 500).effects;
    expect(effects.every((e) => e?.source === 'chaos')).toBe(true);
    const statuses = new Set(
      effects.flatMap((e) => (e?.error && 'status' in e.error ? [e.error.status] : [])),
    );
    expect(statuses).toEqual(new Set([400, 404, 500]));
    expect(effects.some((e) => e?.throttle)).toBe(true);
    const kinds = new Set(effects.flatMap((e) => (e?.network ? [e.network.kind] : [])));
    expect(kinds).toEqual(
      new Set([
        'reset-before-headers',
        'reset-after-headers',
        'empty-reply',
        'malformed-body',
        'truncated-body',
      ]),
    );
  });

  it('keeps to its kinds, APIs and operations; calls outside it draw nothing', () => {
    const state = chaos({ rate: 1, kinds: ['hang'], operations: ['Cancel'] });
    expect(run(state, 20).effects.every((e) => e?.network?.kind === 'hang')).toBe(true);
    const outside = run(state, 20, { operation: 'Read' });
    expect(outside.effects.every((e) => e === undefined)).toBe(true);
    expect(outside.state).toBe(state);
  });

  it('never throttles a JSON-RPC method, and picks its declared error objects', () => {
    const effects = run(chaos({ rate: 1, kinds: ['error', 'throttle'] }), 200, { declared: RPC }).effects;
    expect(effects.every((e) => e?.error && 'code' in e.error)).toBe(true);
  });

  it("follows the server's chaos unless the session has its own, or turned it off", () => {
    const server = { ...SETTINGS, chaos: { seed: 9, rate: 1 } };
    expect(planFault(NO_FAULTS, call(), server).effect?.source).toBe('chaos');
    expect(planFault({ faults: [], chaos: null }, call(), server).effect).toBeUndefined();
  });

  it('leaves a call that an injected fault hit to that fault', () => {
    const state: FaultState = { ...chaos({ rate: 1 }), faults: [{ api: 'a', status: 404 }] };
    expect(run(state, 10).effects.every((e) => e?.source === 'fault')).toBe(true);
  });
});
