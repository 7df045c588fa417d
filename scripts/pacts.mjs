#!/usr/bin/env node
// Runs the Pact consumer suites (jest project `pact`).
//   node scripts/pacts.mjs          writes contracts/pacts/*.json afresh
//   node scripts/pacts.mjs --check  writes them aside and fails when they differ from the committed files
// Both then (re)generate, or check, the provider-state types of the kit (scripts/gen-pact-states.mjs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const committed = join(root, 'contracts', 'pacts');
const check = process.argv.includes('--check');
const out = check ? mkdtempSync(join(tmpdir(), 'jobmock-pacts-')) : committed;
if (!check)
  for (const f of readdirSync(committed).filter((n) => n.endsWith('.json'))) rmSync(join(committed, f));

const jest = spawnSync(
  process.execPath,
  [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--selectProjects', 'pact'],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, JOBMOCK_PACT_DIR: out },
  },
);
if (jest.status !== 0) process.exit(jest.status ?? 1);

const states = spawnSync(
  process.execPath,
  [join(root, 'scripts', 'gen-pact-states.mjs'), '--pacts', out, ...(check ? ['--check'] : [])],
  { cwd: root, stdio: 'inherit' },
);

if (check) {
  const list = (dir) =>
    readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort();
  const problems = [];
  const fresh = list(out);
  for (const name of new Set([...fresh, ...list(committed)])) {
    if (!fresh.includes(name)) problems.push(`${name}: committed, but no suite writes it any more`);
    else if (!list(committed).includes(name))
      problems.push(`${name}: written by the suites, but not committed`);
    else if (readFileSync(join(out, name), 'utf8') !== readFileSync(join(committed, name), 'utf8')) {
      problems.push(`${name}: differs from what the suites write`);
    }
  }
  rmSync(out, { recursive: true, force: true });
  if (states.status !== 0)
    problems.push('src/provider-kit/pact-states.gen.ts: differs from what the pacts generate');
  if (problems.length) {
    console.error(`pact drift (run npm run pact and commit):\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`pact files match the consumer suites (${fresh.length} files)`);
} else if (states.status !== 0) process.exit(states.status ?? 1);
