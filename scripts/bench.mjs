#!/usr/bin/env node
// npm run bench (issue #7): the same signed AWS Batch CancelJob, driven at jobmock (with its request journal on,
// the default, and off), Prism and a bare node:http server in one run on one machine (and at jobmock on a Redis
// store, with 1 and 2 workers, when redis-server is installed); then cancels of random jobs among 1,000 and
// 1,000,000; then start-up time.
//
//   node scripts/bench.mjs                      everything (about 2 minutes; needs `npm run build` first)
//   node scripts/bench.mjs --json out.json      also write the figures to out.json
//   node scripts/bench.mjs --only throughput    one part: throughput, scale, startup (comma-separated)
//   node scripts/bench.mjs --profile            CPU-profile jobmock under load and print the top self-time functions
//   node scripts/bench.mjs --profile --profile-jobs 1000000   the same with random cancels among that many jobs
//   node scripts/bench.mjs --only throughput --baseline ../other-checkout   also measure that checkout's
//        build (its dist/) in the same turns, as `jobmock-baseline`: before/after figures from one run
//   options: --duration 10 --warmup 5 --rounds 2 --connections 32 --scale-duration 10 --startup-runs 5
//            --quiet-wait 20 (seconds to wait for other work on the machine to stop; 0 for none)
//            --no-redis (leave out the Redis store figures)
//
// Each server runs as its own child process; autocannon runs in this process (the machine has 2 cores: one
// for the server under test, one for the load generator). The servers of a part run side by side and are
// measured in turns (`--rounds` windows each, in ABC…CBA order, `--duration` seconds in all per server), so a
// drift in the machine's speed favours none of them. Results go to bench-results/.
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { drive, driveInTurns, round } from './bench/load.mjs';
import {
  cpuMeter,
  cpuMsOf,
  elapsedMs,
  freePort,
  launch,
  machineBusyCores,
  memoryOf,
  send,
  stop,
  untilAnswered,
} from './bench/processes.mjs';
import { formatSummary, summarise } from './bench/profile-summary.mjs';
import { hasRedisServer, startRedisServer } from './bench/redis-server.mjs';
import { signedCancel } from './bench/sign.mjs';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'bench-results');
const logs = join(out, 'logs');
const jobmockMain = join(root, 'dist', 'src', 'cli', 'main.js');
const prismMain = join(root, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');
const bareMain = join(root, 'scripts', 'bench', 'bare-server.mjs');
const batchSpec = join(root, 'specs', 'aws-batch', 'openapi.yaml');

const { values: opts } = parseArgs({
  options: {
    json: { type: 'string' },
    only: { type: 'string', default: 'throughput,scale,startup' },
    profile: { type: 'boolean', default: false },
    'profile-jobs': { type: 'string' },
    'node-args': { type: 'string', default: '' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '2' },
    connections: { type: 'string', default: '32' },
    'scale-duration': { type: 'string', default: '10' },
    'scale-sizes': { type: 'string', default: '1000,1000000' },
    'startup-runs': { type: 'string', default: '5' },
    'quiet-wait': { type: 'string', default: '20' },
    baseline: { type: 'string' },
    'no-redis': { type: 'boolean', default: false },
  },
});
const duration = Number(opts.duration);
const warmup = Number(opts.warmup);
const connections = Number(opts.connections);
const parts = new Set(opts.only.split(','));

/** What issue #7 asks of jobmock. */
const TARGETS = {
  vsPrism: 10,
  vsCeiling: 0.5,
  p99Ms: 5,
  scaleP99Ratio: 1.5,
  rssAt1MMiB: 512,
  startupMs: 400,
  /** What the request journal (on by default) may cost in requests/s, against `--journal off`. */
  journalCost: 0.1,
};

if (!existsSync(jobmockMain)) {
  console.error('bench: dist/ is missing; run `npm run build` first');
  process.exit(1);
}
mkdirSync(logs, { recursive: true });

const health = { method: 'GET', path: '/__admin/health' };

/**
 * Waits (up to --quiet-wait seconds) until the rest of the machine uses under 0.3 cores, so that other work on a
 * shared machine disturbs the figures less. Returns the cores it used when the wait ended.
 */
async function quiet() {
  const limit = Number(opts['quiet-wait']) * 1000;
  const start = Date.now();
  let told = false;
  for (;;) {
    const busy = await machineBusyCores(limit > 0 ? 1000 : 250);
    if (busy <= 0.3 || Date.now() - start >= limit) return busy;
    if (!told)
      console.error(`  (waiting up to ${limit / 1000} s for the machine to quieten: ${busy} cores busy)`);
    told = true;
  }
}

// ---------------------------------------------------------------------------------------------------------

/** Starts one server and checks that the CancelJob it will be sent is answered 200. */
async function startTarget(name, { args, ready, path = '/v1/canceljob', jobId = 'bench-job' }) {
  const port = await freePort();
  const proc = launch(args(port), join(logs, `${name}.log`), root);
  try {
    const { ms: upMs } = await untilAnswered(proc, port, ready(port));
    const request = await signedCancel(`127.0.0.1:${port}`, jobId, path);
    const check = await send(port, request);
    if (check.status !== 200) throw new Error(`${name}: CancelJob answered ${check.status} ${check.body}`);
    return { name, proc, port, request, readyMs: round(upMs, 1), reply: check.body };
  } catch (error) {
    await stop(proc);
    throw error;
  }
}

function memory2({ rssMiB, peakRssMiB }) {
  return { rssMiB: round(rssMiB, 1), peakRssMiB: round(peakRssMiB, 1) };
}

const rounds = () => Number(opts.rounds);
const meter = (target) => cpuMeter(target.proc.child.pid);

/**
 * The same signed CancelJob at jobmock, Prism (default logging, and with -v warn for context) and a bare
 * node:http server. All four run side by side (idle ones cost nothing) and are measured in turns.
 */
async function throughput() {
  const seed = join(logs, 'seed-bench-job.yaml');
  writeFileSync(seed, 'jobs:\n  - { api: aws-batch, state: RUNNING, id: bench-job }\n');
  const prismReady = () => ({ method: 'GET', path: '/v1/canceljob' });
  const targets = [];
  const redis = !opts['no-redis'] && hasRedisServer() ? await startRedisServer() : undefined;
  try {
    targets.push(
      await startTarget('jobmock', {
        args: (port) => [jobmockMain, 'serve', '--api', 'aws-batch', '--port', port, '--seed', seed],
        ready: () => health,
      }),
    );
    // The same server without its request journal: what keeping every call costs.
    targets.push(
      await startTarget('jobmock-journal-off', {
        args: (port) => [
          jobmockMain,
          'serve',
          '--api',
          'aws-batch',
          '--port',
          port,
          '--seed',
          seed,
          '--journal',
          'off',
        ],
        ready: () => health,
      }),
    );
    // The same server on a Redis store: one process, and two workers on one port (node:cluster).
    for (const workers of redis ? [1, 2] : []) {
      targets.push(
        await startTarget(`redis-${workers}w`, {
          args: (port) => [
            ...[jobmockMain, 'serve', '--api', 'aws-batch', '--port', port, '--seed', seed],
            ...['--store', redis.url, '--store-prefix', `bench-${workers}:`, '--workers', String(workers)],
          ],
          ready: () => health,
        }),
      );
    }
    if (opts.baseline) {
      const baselineMain = join(opts.baseline, 'dist', 'src', 'cli', 'main.js');
      targets.push(
        await startTarget('jobmock-baseline', {
          args: (port) => [baselineMain, 'serve', '--api', 'aws-batch', '--port', port, '--seed', seed],
          ready: () => health,
        }),
      );
    }
    targets.push(
      await startTarget('prism', {
        args: (port) => [prismMain, 'mock', batchSpec, '-p', port, '-h', '127.0.0.1'],
        ready: prismReady,
      }),
    );
    // Prism logs five lines per request at its default level; the same run with warnings only, for context.
    targets.push(
      await startTarget('prism-quiet', {
        args: (port) => [prismMain, 'mock', batchSpec, '-p', port, '-h', '127.0.0.1', '-v', 'warn'],
        ready: prismReady,
      }),
    );
    targets.push(
      await startTarget('bare', {
        args: (port) => [bareMain, port],
        ready: () => ({ method: 'GET', path: '/' }),
      }),
    );
    const othersBefore = await quiet();
    for (const t of targets) await drive({ ...t, connections, seconds: warmup });
    const runs = await driveInTurns(targets, { connections, seconds: duration, rounds: rounds(), meter });
    const results = targets.map((t, i) => ({
      name: t.name,
      readyMs: t.readyMs,
      reply: t.reply,
      ...runs[i],
      ...memory2(memoryOf(t.proc.child.pid)),
    }));
    const by = Object.fromEntries(results.map((r) => [r.name, r]));
    const vsMemory = (name) =>
      by[name] && round(by[name].requestsPerSecond / by.jobmock.requestsPerSecond, 3);
    const ratios = {
      ...(redis ? { redis1VsMemory: vsMemory('redis-1w'), redis2VsMemory: vsMemory('redis-2w') } : {}),
      jobmockVsPrism: round(by.jobmock.requestsPerSecond / by.prism.requestsPerSecond, 2),
      jobmockVsQuietPrism: round(by.jobmock.requestsPerSecond / by['prism-quiet'].requestsPerSecond, 2),
      jobmockVsCeiling: round(by.jobmock.requestsPerSecond / by.bare.requestsPerSecond, 3),
      journalCost: round(1 - by.jobmock.requestsPerSecond / by['jobmock-journal-off'].requestsPerSecond, 3),
      journalCpuUsPerRequest: {
        on: round((by.jobmock.cpuCores.server * 1e6) / by.jobmock.requestsPerSecond, 1),
        off: round(
          (by['jobmock-journal-off'].cpuCores.server * 1e6) / by['jobmock-journal-off'].requestsPerSecond,
          1,
        ),
      },
      ...(by['jobmock-baseline']
        ? {
            jobmockVsBaseline: round(
              by.jobmock.requestsPerSecond / by['jobmock-baseline'].requestsPerSecond,
              3,
            ),
          }
        : {}),
    };
    return {
      connections,
      warmupSeconds: warmup,
      seconds: duration,
      windows: rounds(),
      othersBefore,
      redis: redis ? 'redis-server on loopback, no persistence (its CPU counts as "others")' : 'not measured',
      targets: results,
      ratios,
    };
  } finally {
    for (const t of targets) await stop(t.proc);
    await redis?.stop();
  }
}

// ---------------------------------------------------------------------------------------------------------

/** Jobs seeded N at a time get ids 00000000-0000-4000-8000-<12 hex> from sequence 1..N. */
const batchId = (n) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/**
 * `jobmock serve` with `size` RUNNABLE jobs held there (the first cancel of a job moves it to FAILED, later ones
 * are 200 no-ops), the seeding timed, and a pool of 10,000 requests cancelling random ones of them.
 */
async function startScaled(size, nodeArgs = []) {
  const seed = join(logs, `seed-${size}.yaml`);
  writeFileSync(seed, `jobs:\n  - { api: aws-batch, state: RUNNABLE, count: ${size}, held: true }\n`);
  const port = await freePort();
  const proc = launch(
    [...nodeArgs, jobmockMain, 'serve', '--api', 'aws-batch', '--port', port, '--seed', seed],
    join(logs, `jobmock-scale-${size}.log`),
    root,
  );
  try {
    // Any admin operation (health too) and any API call opens the default session, which applies the seed; an
    // unknown admin path is answered (404) before that, so the seeding can be timed on its own below.
    await untilAnswered(proc, port, { method: 'GET', path: '/__admin/bench-probe' });
    const beforeSeed = memoryOf(proc.child.pid);
    const first = await signedCancel(`127.0.0.1:${port}`, batchId(1));
    const t0 = process.hrtime.bigint();
    const check = await send(port, first, 120_000);
    const seedMs = elapsedMs(t0);
    if (check.status !== 200)
      throw new Error(`scale ${size}: CancelJob answered ${check.status} ${check.body}`);
    const afterSeed = memoryOf(proc.child.pid);
    const poolSize = 10_000;
    const pool = [];
    for (let i = 0; i < poolSize; i++) {
      pool.push(await signedCancel(`127.0.0.1:${port}`, batchId(1 + Math.floor(Math.random() * size))));
    }
    let i = 0;
    return {
      jobs: size,
      proc,
      port,
      next: () => pool[i++ % poolSize],
      pool: poolSize,
      seedMs: round(seedMs, 0),
      rssBeforeSeedMiB: round(beforeSeed.rssMiB, 1),
      rssAfterSeedMiB: round(afterSeed.rssMiB, 1),
    };
  } catch (error) {
    await stop(proc);
    throw error;
  }
}

async function scale() {
  const sizes = opts['scale-sizes'].split(',').map(Number);
  const nodeArgs = opts['node-args'].split(' ').filter(Boolean);
  const servers = [];
  try {
    for (const size of sizes) servers.push(await startScaled(size, nodeArgs));
    const othersBefore = await quiet();
    for (const t of servers) await drive({ ...t, connections, seconds: warmup });
    const runs = await driveInTurns(servers, {
      connections,
      seconds: Number(opts['scale-duration']),
      rounds: rounds(),
      meter,
    });
    const results = servers.map((t, i) => ({
      jobs: t.jobs,
      seedMs: t.seedMs,
      rssBeforeSeedMiB: t.rssBeforeSeedMiB,
      rssAfterSeedMiB: t.rssAfterSeedMiB,
      pool: t.pool,
      ...runs[i],
      ...memory2(memoryOf(t.proc.child.pid)),
    }));
    const small = results[0];
    const large = results[results.length - 1];
    return { othersBefore, runs: results, p99Ratio: round(large.latencyMs.p99 / small.latencyMs.p99, 2) };
  } finally {
    for (const t of servers) await stop(t.proc, nodeArgs.length ? 'SIGINT' : 'SIGTERM');
  }
}

// ---------------------------------------------------------------------------------------------------------

async function startupOnce(kind) {
  const port = await freePort();
  if (kind === 'jobmock') {
    const proc = launch([jobmockMain, 'serve', '--port', port], join(logs, 'startup-jobmock.log'), root);
    try {
      const up = await untilAnswered(proc, port, health);
      const cpuMs = cpuMsOf(proc.child.pid);
      const cancel = await signedCancel(`127.0.0.1:${port}`, batchId(1), '/aws-batch/v1/canceljob');
      const first = await send(port, cancel);
      const firstCancelMs = elapsedMs(proc.startedAt);
      const apis = JSON.parse(up.reply.body).apis;
      return { ms: up.ms, cpuMs, firstCancelMs, firstCancelStatus: first.status, apis };
    } finally {
      await stop(proc);
    }
  }
  const proc = launch(
    [prismMain, 'mock', batchSpec, '-p', port, '-h', '127.0.0.1'],
    join(logs, 'startup-prism.log'),
    root,
  );
  try {
    const cancel = await signedCancel(`127.0.0.1:${port}`, batchId(1));
    const up = await untilAnswered(proc, port, cancel);
    return { ms: up.ms, cpuMs: cpuMsOf(proc.child.pid), status: up.reply.status };
  } finally {
    await stop(proc);
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function startup() {
  const runs = Number(opts['startup-runs']);
  const jobmock = [];
  const prism = [];
  const othersBefore = await quiet();
  for (let i = 0; i < runs; i++) {
    jobmock.push(await startupOnce('jobmock'));
    prism.push(await startupOnce('prism'));
  }
  return {
    runs,
    othersBefore,
    jobmock: {
      via: 'jobmock serve (dist/src/cli/main.js)',
      apis: jobmock[0].apis,
      medianMs: round(median(jobmock.map((r) => r.ms)), 1),
      medianCpuMs: median(jobmock.map((r) => r.cpuMs)),
      medianFirstCancelMs: round(median(jobmock.map((r) => r.firstCancelMs)), 1),
      firstCancelStatus: jobmock[0].firstCancelStatus,
      samplesMs: jobmock.map((r) => round(r.ms, 1)),
    },
    prism: {
      spec: 'specs/aws-batch/openapi.yaml',
      medianMs: round(median(prism.map((r) => r.ms)), 1),
      medianCpuMs: median(prism.map((r) => r.cpuMs)),
      status: prism[0].status,
      samplesMs: prism.map((r) => round(r.ms, 1)),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------

async function profile() {
  const dir = join(out, 'profile');
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  let load;
  if (opts['profile-jobs']) {
    // Random cancels among N seeded jobs, as the scale part does.
    const server = await startScaled(Number(opts['profile-jobs']), ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
    try {
      await drive({ ...server, connections, seconds: warmup });
      load = await drive({ ...server, connections, seconds: Math.min(duration, 5) });
    } finally {
      await stop(server.proc, 'SIGINT');
    }
  } else load = await profileFixed(dir);
  const file = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).mtimeMs >= started)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!file) throw new Error('no .cpuprofile was written');
  const text = formatSummary(summarise(file, 30));
  writeFileSync(join(out, 'profile-summary.txt'), `${file}\n${load.requestsPerSecond} req/s\n\n${text}\n`);
  console.log(
    `profile of jobmock under load (${load.requestsPerSecond} req/s, p99 ${load.latencyMs.p99} ms while profiled): ${file}\n`,
  );
  console.log(text);
}

/** The fixed CancelJob of the throughput part, under --cpu-prof. */
async function profileFixed(dir) {
  const seed = join(logs, 'seed-bench-job.yaml');
  writeFileSync(seed, 'jobs:\n  - { api: aws-batch, state: RUNNING, id: bench-job }\n');
  const port = await freePort();
  const proc = launch(
    [
      '--cpu-prof',
      `--cpu-prof-dir=${dir}`,
      jobmockMain,
      'serve',
      '--api',
      'aws-batch',
      '--port',
      port,
      '--seed',
      seed,
    ],
    join(logs, 'jobmock-profile.log'),
    root,
  );
  let load;
  try {
    await untilAnswered(proc, port, health);
    const request = await signedCancel(`127.0.0.1:${port}`, 'bench-job');
    await drive({ port, connections, seconds: warmup, request });
    load = await drive({ port, connections, seconds: Math.min(duration, 5), request });
  } finally {
    await stop(proc, 'SIGINT');
  }
  return load;
}

// ---------------------------------------------------------------------------------------------------------

function machine() {
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: root }).toString().trim();
    if (execSync('git status --porcelain -- src mocks', { cwd: root }).toString().trim())
      commit += '+changes';
  } catch {
    // not a git checkout
  }
  return {
    cpus: availableParallelism(),
    model: cpus()[0]?.model ?? 'unknown',
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    kernel: release(),
    autocannon: '9 (in the bench process, sharing the machine with the server under test)',
    commit,
    date: new Date().toISOString(),
  };
}

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const cores = (c) => `${c.server}/${c.loadGenerator}/${c.others}`;
const mark = (ok) => (ok ? 'met' : 'MISSED');

function report(results) {
  const lines = [];
  const m = results.machine;
  lines.push(
    `machine: ${m.cpus} CPUs (${m.model}), ${m.memoryGiB} GiB, node ${m.node}, linux ${m.kernel}; commit ${m.commit}`,
  );
  const t = results.throughput;
  if (t) {
    lines.push(
      '',
      `CancelJob, ${t.connections} connections; each server ${t.warmupSeconds} s warm-up, then ${t.seconds} s measured in ${t.windows} turns (other load before: ${t.othersBefore} cores):`,
      `  ${pad('target', 20)}${lpad('req/s', 9)}${lpad('p50 ms', 9)}${lpad('p99 ms', 9)}${lpad('peak RSS MiB', 14)}${lpad('non-2xx', 9)}${lpad('errors', 8)}   CPU cores: server/loader/others`,
    );
    for (const r of t.targets) {
      lines.push(
        `  ${pad(r.name, 20)}${lpad(r.requestsPerSecond, 9)}${lpad(r.latencyMs.p50, 9)}${lpad(r.latencyMs.p99, 9)}${lpad(r.peakRssMiB, 14)}${lpad(r.non2xx, 9)}${lpad(r.errors + r.timeouts, 8)}   ${cores(r.cpuCores)}`,
      );
    }
    const jm = t.targets.find((r) => r.name === 'jobmock');
    if (t.ratios.redis1VsMemory !== undefined) {
      lines.push(
        `  Redis store/memory  ${t.ratios.redis1VsMemory}x with 1 worker, ${t.ratios.redis2VsMemory}x with 2 (${t.redis})`,
      );
    }
    lines.push(
      `  jobmock/Prism   ${t.ratios.jobmockVsPrism}x   (target >= ${TARGETS.vsPrism}x: ${mark(t.ratios.jobmockVsPrism >= TARGETS.vsPrism)}; ${t.ratios.jobmockVsQuietPrism}x Prism with -v warn)`,
      `  jobmock/ceiling ${round(t.ratios.jobmockVsCeiling * 100, 1)}%  (target >= ${TARGETS.vsCeiling * 100}%: ${mark(t.ratios.jobmockVsCeiling >= TARGETS.vsCeiling)})`,
      `  jobmock p99     ${jm.latencyMs.p99} ms (target <= ${TARGETS.p99Ms} ms: ${mark(jm.latencyMs.p99 <= TARGETS.p99Ms)})`,
      `  journal cost    ${round(t.ratios.journalCost * 100, 1)}% of req/s, on against off (target <= ${TARGETS.journalCost * 100}%: ${mark(t.ratios.journalCost <= TARGETS.journalCost)}); server CPU per request ${t.ratios.journalCpuUsPerRequest.on} µs on, ${t.ratios.journalCpuUsPerRequest.off} µs off`,
    );
  }
  const s = results.scale;
  if (s) {
    lines.push(
      '',
      `CancelJob of random seeded jobs (pool of 10,000 pre-signed requests), ${s.runs[0].seconds} s each in ${s.runs[0].windows} turns (other load before: ${s.othersBefore} cores):`,
      `  ${pad('jobs', 10)}${lpad('seed ms', 9)}${lpad('req/s', 9)}${lpad('p50 ms', 9)}${lpad('p99 ms', 9)}${lpad('RSS MiB', 9)}${lpad('peak RSS MiB', 14)}${lpad('non-2xx', 9)}   CPU cores: server/loader/others`,
    );
    for (const r of s.runs) {
      lines.push(
        `  ${pad(r.jobs, 10)}${lpad(r.seedMs, 9)}${lpad(r.requestsPerSecond, 9)}${lpad(r.latencyMs.p50, 9)}${lpad(r.latencyMs.p99, 9)}${lpad(r.rssMiB, 9)}${lpad(r.peakRssMiB, 14)}${lpad(r.non2xx, 9)}   ${cores(r.cpuCores)}`,
      );
    }
    const large = s.runs[s.runs.length - 1];
    lines.push(
      `  p99 ratio largest/smallest ${s.p99Ratio}x (target <= ${TARGETS.scaleP99Ratio}x: ${mark(s.p99Ratio <= TARGETS.scaleP99Ratio)})`,
      `  peak RSS at ${large.jobs} jobs ${large.peakRssMiB} MiB (target <= ${TARGETS.rssAt1MMiB} MiB: ${mark(large.peakRssMiB <= TARGETS.rssAt1MMiB)})`,
    );
  }
  const u = results.startup;
  if (u) {
    lines.push(
      '',
      `Start-up, launch to first answer, median of ${u.runs} (other load before: ${u.othersBefore} cores):`,
      `  jobmock, ${u.jobmock.apis.length} APIs (${u.jobmock.apis.join(', ')}), via ${u.jobmock.via}:`,
      `    ${u.jobmock.medianMs} ms to /__admin/health (${u.jobmock.medianCpuMs} ms CPU), ${u.jobmock.medianFirstCancelMs} ms to a first CancelJob answer  (target <= ${TARGETS.startupMs} ms: ${mark(u.jobmock.medianMs <= TARGETS.startupMs)})`,
      `  Prism, aws-batch spec: ${u.prism.medianMs} ms to a first CancelJob answer (${u.prism.medianCpuMs} ms CPU)`,
    );
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------

if (opts.profile) {
  await profile();
} else {
  const begun = Date.now();
  const results = { machine: machine() };
  if (parts.has('throughput')) results.throughput = await throughput();
  if (parts.has('scale')) results.scale = await scale();
  if (parts.has('startup')) results.startup = await startup();
  results.benchSeconds = Math.round((Date.now() - begun) / 1000);
  const text = report(results);
  console.log(text);
  writeFileSync(join(out, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(join(out, 'latest.txt'), text + '\n');
  if (opts.json) {
    mkdirSync(dirname(opts.json), { recursive: true });
    writeFileSync(opts.json, JSON.stringify(results, null, 2) + '\n');
  }
  console.log(
    `\n(${results.benchSeconds} s; figures in bench-results/latest.json${opts.json ? ` and ${opts.json}` : ''})`,
  );
}
