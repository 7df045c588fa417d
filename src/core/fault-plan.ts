import type { ChaosConfig } from './chaos';
import { CHAOS_THROTTLE_MS, DEFAULT_CHAOS_KINDS, chaosCovers } from './chaos';
import type { FaultEffect, OperationFaults } from './fault-effect';
import type { BucketState, FaultRule, FaultState, ThrottleWindow } from './fault-state';
import { chaosOf } from './fault-state';
import type { FaultTarget, InjectedFault } from './injected-fault';
import { aimsAt } from './injected-fault';
import { sampleLatency } from './latency';
import type { NetworkFault } from './network-fault';
import { DEFAULT_SLOW_BODY_MS } from './network-fault';
import { SeededRandom, seedState } from './seeded-random';

/** One call as fault injection sees it. */
export interface FaultCall extends FaultTarget {
  /** The session's virtual time. */
  readonly now: number;
  /** What the operation's spec offers (declared errors, throttling). */
  readonly declared: OperationFaults;
}

/** The server's settings that bound injection. */
export interface FaultSettings {
  /** `serve --chaos`: the chaos of every session that sets none of its own. */
  readonly chaos: ChaosConfig | undefined;
  /** The longest a hang or a slow body lasts (`--max-hang`). */
  readonly maxHangMs: number;
  /** The longest injected latency. */
  readonly maxLatencyMs: number;
}

/** How long a throttled reply keeps refusing calls when the fault names no window. */
export const DEFAULT_THROTTLE_MS = 1_000;

/** What happens to one call, and the session's fault state after it (the same value when nothing changed). */
export interface FaultPlan {
  readonly effect: FaultEffect | undefined;
  readonly state: FaultState;
}

/**
 * Decides what injection does to one call, in this order: an open throttle window refuses it; a rate limit
 * with an empty bucket refuses it; else the first injected fault aimed at it applies (when its probability
 * draw says so); else chaos may pick a fault for it. Every random choice comes from the session's seeded
 * generator, so the same seed and the same calls give the same faults. Pure: the new state is returned.
 *
 * @example const { effect, state } = planFault(tx.faultState(), call, settings);
 */
export function planFault(state: FaultState, call: FaultCall, settings: FaultSettings): FaultPlan {
  const planner = new Planner(state, call, settings);
  const effect = planner.windowed() ?? planner.rateLimited() ?? planner.injected() ?? planner.chaos();
  return { effect, state: planner.result() };
}

class Planner {
  private faults: readonly FaultRule[];
  private throttled: readonly ThrottleWindow[] | undefined;
  private random: SeededRandom | undefined;
  private readonly chaosConfig: ChaosConfig | undefined;

  constructor(
    private readonly state: FaultState,
    private readonly call: FaultCall,
    private readonly settings: FaultSettings,
  ) {
    this.faults = state.faults;
    this.throttled = state.throttled;
    this.chaosConfig = chaosOf(state, settings.chaos);
  }

  /** An earlier throttled reply's window still covers the call (expired windows are dropped). */
  windowed(): FaultEffect | undefined {
    const windows = this.throttled;
    if (windows === undefined) return undefined;
    const { now } = this.call;
    const open = windows.filter((w) => w.until > now);
    if (open.length !== windows.length) this.throttled = open.length ? open : undefined;
    if (!this.call.declared.throttling) return undefined;
    const window = open.find(
      (w) => w.api === this.call.api && (w.operation === undefined || w.operation === this.call.operation),
    );
    return window && { source: 'throttle-window', throttle: { retryAfterMs: window.until - now } };
  }

  /** Every rate limit aimed at the call takes a token; one with none left refuses the call. */
  rateLimited(): FaultEffect | undefined {
    if (!this.call.declared.throttling) return undefined;
    let refusal: FaultEffect | undefined;
    this.faults.forEach((rule, i) => {
      const limit = rule.rateLimit;
      if (!limit || !aimsAt(rule, this.call)) return;
      const bucket = refilled(rule, this.call.now);
      if (bucket.tokens >= 1) {
        this.replace(i, { ...rule, bucket: { tokens: bucket.tokens - 1, at: bucket.at } });
        return;
      }
      this.replace(i, { ...rule, bucket });
      const retryAfterMs = Math.ceil(((1 - bucket.tokens) * 1000) / limit.ratePerSecond);
      refusal ??= { source: 'rate-limit', throttle: { retryAfterMs } };
    });
    return refusal;
  }

  /** The first injected fault aimed at the call, if its probability draw hits; counted down. */
  injected(): FaultEffect | undefined {
    const index = this.faults.findIndex((rule) => !rule.rateLimit && this.applies(rule));
    const rule = this.faults[index];
    if (!rule) return undefined;
    if (rule.probability !== undefined && this.draw().next() >= rule.probability) return undefined;
    if (rule.times !== undefined) {
      if (rule.times <= 1) this.faults = this.faults.filter((_, i) => i !== index);
      else this.replace(index, { ...rule, times: rule.times - 1 });
    }
    return this.effectOf(rule);
  }

  /** Chaos covering the call hits a share of calls, each with a kind the operation allows. */
  chaos(): FaultEffect | undefined {
    const chaos = this.chaosConfig;
    if (!chaos || !chaosCovers(chaos, this.call)) return undefined;
    const random = this.draw();
    if (random.next() >= chaos.rate) return undefined;
    const { errors, throttling } = this.call.declared;
    const kinds = (chaos.kinds ?? DEFAULT_CHAOS_KINDS).filter((kind) =>
      kind === 'error' ? errors.length > 0 : kind === 'throttle' ? throttling !== undefined : true,
    );
    const kind = kinds[random.index(kinds.length)];
    if (kind === undefined) return undefined;
    if (kind === 'error') return { source: 'chaos', error: errors[random.index(errors.length)] };
    if (kind === 'throttle')
      return { source: 'chaos', throttle: this.openWindow(undefined, CHAOS_THROTTLE_MS) };
    return { source: 'chaos', network: this.network({ kind }) };
  }

  result(): FaultState {
    const random = this.random?.state;
    if (this.faults === this.state.faults && this.throttled === this.state.throttled && random === undefined)
      return this.state;
    const next: { -readonly [K in keyof FaultState]: FaultState[K] } = { ...this.state, faults: this.faults };
    if (this.throttled === undefined) delete next.throttled;
    else next.throttled = this.throttled;
    if (random !== undefined) next.random = random;
    return next;
  }

  /** Whether a fault (not a rate limit) applies to this call: aimed at it, and possible for its operation. */
  private applies(rule: InjectedFault): boolean {
    if (!aimsAt(rule, this.call)) return false;
    const { declared } = this.call;
    if (rule.throttle && !declared.throttling) return false;
    if (rule.code !== undefined) return declared.errors.some((e) => 'code' in e && e.code === rule.code);
    return true;
  }

  private effectOf(rule: InjectedFault): FaultEffect {
    const latency = rule.latency
      ? sampleLatency(rule.latency, () => this.draw().next())
      : (rule.latencyMs ?? 0);
    const error =
      rule.status !== undefined
        ? { status: rule.status }
        : rule.code !== undefined
          ? this.call.declared.errors.find((e) => 'code' in e && e.code === rule.code)
          : undefined;
    return {
      source: 'fault',
      ...(latency > 0 ? { latencyMs: Math.min(latency, this.settings.maxLatencyMs) } : {}),
      ...(error ? { error } : {}),
      ...(rule.throttle
        ? { throttle: this.openWindow(rule.operation, rule.throttle.windowMs ?? DEFAULT_THROTTLE_MS) }
        : {}),
      ...(rule.network ? { network: this.network(rule.network) } : {}),
      ...(rule.ignore ? { ignore: true } : {}),
      ...(rule.failTo !== undefined ? { failTo: { state: rule.failTo, jobId: rule.jobId } } : {}),
    };
  }

  /** Opens a throttle window for the API (or one operation) from now; the call may retry when it ends. */
  private openWindow(operation: string | undefined, ms: number): { retryAfterMs: number } {
    const window: ThrottleWindow = {
      api: this.call.api,
      ...(operation === undefined ? {} : { operation }),
      until: this.call.now + ms,
    };
    this.throttled = [...(this.throttled ?? []), window];
    return { retryAfterMs: ms };
  }

  /** A network fault with its time settled: a hang lasts until `--max-hang` unless it names less. */
  private network(fault: NetworkFault): NetworkFault {
    const { maxHangMs } = this.settings;
    if (fault.kind === 'hang') return { kind: 'hang', ms: Math.min(fault.ms ?? maxHangMs, maxHangMs) };
    if (fault.kind === 'slow-body')
      return { kind: 'slow-body', ms: Math.min(fault.ms ?? DEFAULT_SLOW_BODY_MS, maxHangMs) };
    return { kind: fault.kind };
  }

  private draw(): SeededRandom {
    this.random ??= new SeededRandom(this.state.random ?? seedState(this.chaosConfig?.seed ?? 0));
    return this.random;
  }

  private replace(index: number, rule: FaultRule): void {
    const faults = [...this.faults];
    faults[index] = rule;
    this.faults = faults;
  }
}

/** A rate limit's bucket refilled up to now: full at first, `ratePerSecond` tokens a second, at most `burst`. */
function refilled(rule: FaultRule, now: number): BucketState {
  const { ratePerSecond, burst } = rule.rateLimit!;
  const bucket = rule.bucket;
  if (!bucket) return { tokens: burst, at: now };
  const tokens = Math.min(burst, bucket.tokens + (Math.max(0, now - bucket.at) * ratePerSecond) / 1000);
  return { tokens, at: now };
}
