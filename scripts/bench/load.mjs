// Drives load with autocannon and keeps every response time (autocannon's own histogram has 1 ms steps).
import autocannon from 'autocannon';

/**
 * Runs autocannon against `127.0.0.1:port` for `seconds`. `next()` gives the request to send (called per
 * request when `dynamic`, once otherwise). Resolves with requests/s, latency percentiles (ms) and counts.
 */
export function drive({ port, connections, seconds, request, next, samples }) {
  const latencies = samples ?? new Samples();
  let statuses = {};
  const options = {
    // autocannon takes the path from the URL, not from `path`
    url: `http://127.0.0.1:${port}${next ? next().path : request.path}`,
    connections,
    duration: seconds,
    timeout: 10,
    ...(next
      ? {
          requests: [
            {
              setupRequest: (req) => {
                const r = next();
                return { ...req, method: r.method, path: r.path, headers: r.headers, body: r.body };
              },
            },
          ],
        }
      : { method: request.method, path: request.path, headers: request.headers, body: request.body }),
  };
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => {
      if (error) return reject(error);
      const seconds = result.duration;
      const ok = result['2xx'];
      resolve({
        seconds: round(seconds, 2),
        requests: result.requests.total,
        requestsPerSecond: round(ok / seconds, 0),
        ok,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        statuses,
        latencyMs: samples ? undefined : latencies.summary(),
      });
    });
    instance.on('response', (_client, status, _bytes, ms) => {
      latencies.add(ms);
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
}

/**
 * Measures several servers in turns: `rounds` windows of `seconds / rounds` each, in ABC…CBA order, so that a
 * machine whose speed drifts (a shared VM does, by tens of percent within minutes) favours none of them.
 * Each target is `{port, request}` or `{port, next}`; `meter(target)` starts a CPU meter and returns its reading
 * function. Resolves with each target's figures over all its windows.
 */
export async function driveInTurns(targets, { connections, seconds, rounds, meter }) {
  const totals = targets.map(() => ({
    samples: new Samples(),
    seconds: 0,
    requests: 0,
    ok: 0,
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    statuses: {},
    cpu: [],
  }));
  for (let r = 0; r < rounds; r++) {
    const order = [...targets.keys()];
    if (r % 2) order.reverse();
    for (const i of order) {
      const t = totals[i];
      const read = meter?.(targets[i]);
      const run = await drive({ ...targets[i], connections, seconds: seconds / rounds, samples: t.samples });
      if (read) t.cpu.push({ seconds: run.seconds, ...read() });
      t.seconds += run.seconds;
      for (const key of ['requests', 'ok', 'non2xx', 'errors', 'timeouts']) t[key] += run[key];
      for (const [status, n] of Object.entries(run.statuses))
        t.statuses[status] = (t.statuses[status] ?? 0) + n;
    }
  }
  return totals.map((t) => {
    const cores = (key) => round(t.cpu.reduce((sum, c) => sum + c[key] * c.seconds, 0) / t.seconds, 2);
    return {
      seconds: round(t.seconds, 2),
      windows: rounds,
      requests: t.requests,
      requestsPerSecond: round(t.ok / t.seconds, 0),
      ok: t.ok,
      non2xx: t.non2xx,
      errors: t.errors,
      timeouts: t.timeouts,
      statuses: t.statuses,
      latencyMs: t.samples.summary(),
      ...(t.cpu.length
        ? {
            cpuCores: {
              server: cores('server'),
              loadGenerator: cores('loadGenerator'),
              others: cores('others'),
            },
          }
        : {}),
    };
  });
}

class Samples {
  constructor() {
    this.values = new Float64Array(1 << 16);
    this.length = 0;
  }
  add(v) {
    if (this.length === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.length++] = v;
  }
  summary() {
    const sorted = this.values.subarray(0, this.length).sort();
    const at = (p) =>
      sorted.length ? round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))], 2) : NaN;
    let sum = 0;
    for (const v of sorted) sum += v;
    return {
      p50: at(0.5),
      p90: at(0.9),
      p99: at(0.99),
      max: round(sorted[sorted.length - 1] ?? NaN, 2),
      mean: round(sum / (sorted.length || 1), 2),
    };
  }
}

export function round(n, digits) {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
