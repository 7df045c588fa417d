// Child processes under test: spawn, wait until they answer, read their memory, stop them.
import { spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';

/** A port nobody listens on now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts `node <args>` with stdout and stderr going to `log`. Returns the child and its launch time. */
export function launch(args, log, cwd) {
  const fd = openSync(log, 'w');
  const startedAt = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', fd, fd] });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, startedAt, exited, log };
}

/**
 * Sends one request; resolves with `{status, body}`, or rejects (connection refused while starting up).
 * `req` is `{method, path, headers, body}`.
 */
export function send(port, req, timeoutMs = 10_000) {
  return new Promise((resolve, reject) => {
    const r = request(
      {
        host: '127.0.0.1',
        port,
        method: req.method ?? 'GET',
        path: req.path,
        headers: req.headers ?? {},
        agent: false,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    r.on('timeout', () => r.destroy(new Error('timeout')));
    r.on('error', reject);
    r.end(req.body);
  });
}

/**
 * Polls with `req` in a tight loop (1 ms between refused connections) until the process answers anything;
 * resolves with the milliseconds from launch to that first answer.
 */
export async function untilAnswered(proc, port, req, limitMs = 60_000) {
  for (;;) {
    if (proc.child.exitCode !== null) {
      throw new Error(`process exited with ${proc.child.exitCode}; see ${proc.log}`);
    }
    try {
      const reply = await send(port, req);
      return { ms: elapsedMs(proc.startedAt), reply };
    } catch {
      if (elapsedMs(proc.startedAt) > limitMs)
        throw new Error(`no answer after ${limitMs} ms; see ${proc.log}`);
      await new Promise((r) => setTimeout(r, 1));
    }
  }
}

export function elapsedMs(since) {
  return Number(process.hrtime.bigint() - since) / 1e6;
}

/** Resident memory of a process from /proc: current (VmRSS) and peak (VmHWM), in MiB. */
export function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, peakRssMiB: kib('VmHWM') / 1024 };
}

/** Stops a process (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
export async function stop(proc, signal = 'SIGTERM') {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return proc.exited;
  proc.child.kill(signal);
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), 5_000);
  const result = await proc.exited;
  clearTimeout(timer);
  return result;
}

/** CPU time a process has used so far (user + system), in ms. */
export function cpuMsOf(pid) {
  return processTicks(pid) * 10;
}

/** CPU time (clock ticks) of one process and its children (the workers of `--workers N`). */
function processTicks(pid) {
  let ticks = 0;
  for (const id of [pid, ...childrenOf(pid)]) {
    try {
      const stat = readFileSync(`/proc/${id}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14 and 15)
    } catch {
      // a child that just exited
    }
  }
  return ticks;
}

function childrenOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function machineTicks() {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/);
  const n = values.map(Number);
  const idle = n[3] + n[4];
  const all = n.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: all - idle, all };
}

/**
 * Starts counting CPU use; the returned function gives, in cores used on average since then, the server's,
 * the load generator's (this process) and everything else's on the machine (other people's work is noise).
 */
export function cpuMeter(pid) {
  const t0 = process.hrtime.bigint();
  const server0 = processTicks(pid);
  const self0 = processTicks(process.pid);
  const machine0 = machineTicks();
  return () => {
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const hz = 100; // USER_HZ on Linux
    const server = (processTicks(pid) - server0) / hz / seconds;
    const loader = (processTicks(process.pid) - self0) / hz / seconds;
    const machine1 = machineTicks();
    const busy = (machine1.busy - machine0.busy) / hz / seconds;
    const r = (x) => Math.round(x * 100) / 100;
    return { server: r(server), loadGenerator: r(loader), others: r(Math.max(0, busy - server - loader)) };
  };
}

/** Cores the whole machine keeps busy over `ms` (call it while this process idles: other people's work). */
export async function machineBusyCores(ms = 1000) {
  const t0 = process.hrtime.bigint();
  const m0 = machineTicks();
  await new Promise((r) => setTimeout(r, ms));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return Math.round(((machineTicks().busy - m0.busy) / 100 / seconds) * 100) / 100;
}
