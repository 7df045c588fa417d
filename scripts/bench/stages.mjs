#!/usr/bin/env node
// What each stage of jobmock's request path costs under load: the bench's signed CancelJob at jobmock with
// stages stubbed out one after another (scripts/bench/stage-server.mjs), down to the node:http adapter alone and
// the bare server. All run side by side and are measured in turns; the figure to read is server CPU per request.
//   node scripts/bench/stages.mjs [--rounds 4] [--seconds 3]
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { drive, driveInTurns, round } from './load.mjs';
import { cpuMeter, freePort, launch, stop, untilAnswered } from './processes.mjs';
import { signedCancel } from './sign.mjs';

const { values: opts } = parseArgs({
  options: { rounds: { type: 'string', default: '4' }, seconds: { type: 'string', default: '3' } },
});
const here = new URL('.', import.meta.url).pathname;
const logs = join(here, '..', '..', 'bench-results', 'logs');
const variants = [
  ['full', 'jobmock as served'],
  ['no-sigv4', 'without the SigV4 check'],
  ['no-validation', '... and without request validation (JSON.parse only)'],
  ['no-handler', '... and without the CancelJob handler'],
  ['adapter', 'the node:http adapter alone (src/server/http-server.ts)'],
  ['bare', 'bare node:http'],
];
const targets = [];
try {
  for (const [name] of variants) {
    const port = await freePort();
    const args =
      name === 'bare' ? [join(here, 'bare-server.mjs'), port] : [join(here, 'stage-server.mjs'), port, name];
    const proc = launch(args, join(logs, `stage-${name}.log`), here);
    await untilAnswered(proc, port, { method: 'GET', path: '/__admin/health' });
    const request = await signedCancel(`127.0.0.1:${port}`, 'bench-job');
    targets.push({ name, proc, port, request });
    await drive({ port, connections: 32, seconds: 2, request });
  }
  const rounds = Number(opts.rounds);
  const runs = await driveInTurns(targets, {
    connections: 32,
    seconds: rounds * Number(opts.seconds),
    rounds,
    meter: (t) => cpuMeter(t.proc.child.pid),
  });
  let previous;
  for (const [i, [name, what]] of variants.entries()) {
    const r = runs[i];
    const us = round((r.cpuCores.server * 1e6) / r.requestsPerSecond, 0);
    const delta = previous === undefined ? '' : `  (stage ${round(previous - us, 0)} µs)`;
    console.log(
      `${name.padEnd(14)} ${String(r.requestsPerSecond).padStart(6)} req/s  ${String(us).padStart(4)} µs CPU/request${delta.padEnd(18)} ${what}`,
    );
    previous = us;
  }
} finally {
  for (const t of targets) await stop(t.proc);
}
