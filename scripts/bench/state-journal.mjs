#!/usr/bin/env node
// The state journal (`--state-file`) at scale: the cost of one append, load and compaction times for many jobs,
// and the longest the event loop is held while a compaction runs with appends going on.
//
//   npm run build && node scripts/bench/state-journal.mjs            100,000 and 400,000 jobs
//   node scripts/bench/state-journal.mjs --sizes 1000000 --appends 200000
//
// Jobs are real AWS Batch jobs of the engine (seeded), walked by the engine's PersistentState, so records
// have the size they have in `jobmock serve`. The figures go to stdout as one JSON document.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const dist = new URL('../../dist/', import.meta.url).pathname;
const { createMockService } = require(join(dist, 'src/mock-service.js'));
const { registry } = require(join(dist, 'mocks/index.js'));
const { openStateJournal } = require(join(dist, 'src/persistence/state-journal.js'));
const { engineState } = require(join(dist, 'src/persistence/engine-snapshots.js'));

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000,400000' },
    appends: { type: 'string', default: '100000' },
  },
});
const round = (n, digits = 2) => Number(n.toFixed(digits));
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** An engine with `count` AWS Batch jobs in the default session. */
function engineWith(count) {
  const service = createMockService({
    apis: registry,
    clock: 'manual',
    maxJobs: count + 1,
    seed: count ? [{ api: 'aws-batch', state: 'RUNNABLE', count }] : [],
  });
  service.engine.sessionFor('default');
  return service.engine;
}

/** µs per append of one small record (a job of ~600 bytes), with the fsync cadence running. */
async function appendCost(dir, appends) {
  const engine = engineWith(1);
  const [job] = [...engine.allSessions()[0].jobs.get('aws-batch').values()];
  const record = { t: 'job', session: 'default', api: 'aws-batch', job };
  const journal = openStateJournal(join(dir, 'append.jsonl'), { compactMinBytes: Number.MAX_SAFE_INTEGER });
  journal.load(engineState(engine));
  const perBatch = [];
  for (let done = 0; done < appends; done += 1000) {
    const started = performance.now();
    for (let i = 0; i < 1000; i++) journal.append([record]);
    perBatch.push(performance.now() - started); // ms per 1,000 appends = µs per append
    await nextTurn(); // let the fsync cadence run, as in a server
  }
  journal.close();
  perBatch.sort((a, b) => a - b);
  return {
    appends,
    recordBytes: JSON.stringify(record).length + 1,
    medianUs: round(perBatch[Math.floor(perBatch.length / 2)]),
    p99Us: round(perBatch[Math.floor(perBatch.length * 0.99)]),
  };
}

/** Load and compaction at `count` jobs, with appends every turn during the compaction. */
async function atScale(dir, count) {
  const path = join(dir, `state-${count}.jsonl`);
  const engine = engineWith(count);
  const journal = openStateJournal(path, { compactMinBytes: Number.MAX_SAFE_INTEGER });
  let started = performance.now();
  journal.load(engineState(engine)); // a missing file: the whole state written at once
  const firstWriteMs = performance.now() - started;
  const bytes = statSync(path).size;

  const session = engine.allSessions()[0];
  const jobs = [...session.jobs.get('aws-batch').values()];
  let appended = 0;
  let appending = true;
  const appendSome = () => {
    if (!appending) return;
    for (let i = 0; i < 20; i++) {
      const job = jobs[(appended++ * 7919) % jobs.length];
      journal.append([{ t: 'job', session: 'default', api: 'aws-batch', job }]);
    }
    setImmediate(appendSome);
  };
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  setImmediate(appendSome);
  started = performance.now();
  const compaction = await journal.compact();
  const compactMs = performance.now() - started;
  appending = false;
  delay.disable();
  journal.close();

  const restored = engineWith(0);
  started = performance.now();
  const reader = openStateJournal(path);
  const contents = reader.load(engineState(restored));
  const loadMs = performance.now() - started;
  reader.close();
  if (restored.allSessions()[0].jobs.get('aws-batch').size !== count) throw new Error('load lost jobs');

  return {
    jobs: count,
    fileMiB: round(bytes / 2 ** 20, 1),
    firstWriteMs: Math.round(firstWriteMs),
    compactMs: Math.round(compactMs),
    compactSteps: compaction.steps,
    compactMaxStepMs: round(compaction.maxStepMs, 1),
    eventLoopMaxDelayMs: round(delay.max / 1e6, 1),
    appendedDuringCompaction: compaction.replayed,
    loadMs: Math.round(loadMs),
    loadedRecords: contents.records,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'jobmock-journal-bench-'));
try {
  const result = {
    node: process.version,
    append: await appendCost(dir, Number(opts.appends)),
    scale: [],
  };
  for (const size of opts.sizes.split(',').map(Number)) result.scale.push(await atScale(dir, size));
  console.log(JSON.stringify(result, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
