// A process that keeps a state of many jobs in a state journal, changes them as fast as it can and prints an
// acknowledgement after each append has returned (as a server replies after it). The kill -9 test kills it at
// a random moment, compactions included, and checks that every acknowledged change is in the file.
//
//   node journal-writer.mjs <built state-journal.js> <path> <jobs>
//
// Prints `ready` once the jobs are written, `<id> <step>` per change, `compacted` after each compaction.
import { createRequire } from 'node:module';

const [modulePath, path, jobsArg] = process.argv.slice(2);
const { openStateJournal } = createRequire(import.meta.url)(modulePath);
const count = Number(jobsArg);

const session = {
  t: 'session',
  session: 'default',
  clock: { mode: 'manual', speed: 1, origin: 0, offset: 0 },
  faults: [],
  counters: {},
};
const jobs = new Map();
const record = (job) => ({ t: 'job', session: 'default', api: 'kbase', job });
const state = {
  *records() {
    yield session;
    for (const job of jobs.values()) yield record(job);
  },
  restore() {},
};
const job = (id, step) => ({
  id,
  state: step === 0 ? 'queue' : 'run',
  held: true,
  owner: 'user',
  history: [{ state: 'queue', at: step }],
  data: { step, name: `job number ${id}` },
});

const journal = openStateJournal(path, { compactMinBytes: 4 << 20 });
journal.load(state);
const bulk = [session];
for (let i = 0; i < count; i++) {
  const created = job(`job-${i}`, 0);
  jobs.set(created.id, created);
  bulk.push(record(created));
}
journal.append(bulk);
process.stdout.write('ready\n');

let step = 0;
const burst = () => {
  let acknowledged = '';
  for (let k = 0; k < 100; k++) {
    step += 1;
    const changed = job(`job-${(step * 7919) % count}`, step);
    jobs.set(changed.id, changed);
    journal.append([record(changed)]);
    acknowledged += `${changed.id} ${step}\n`;
  }
  process.stdout.write(acknowledged);
  setImmediate(burst);
};
setImmediate(burst);

const compactSoon = () =>
  setTimeout(() => {
    void journal.compact().then((result) => {
      if (result) process.stdout.write('compacted\n');
      compactSoon();
    });
  }, 200);
compactSoon();
