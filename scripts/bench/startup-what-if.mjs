#!/usr/bin/env node
// What limits jobmock's start-up: the same `serve` with every API, launched from patched copies of dist/ in
// bench-results/what-if/ (the source tree is not touched), median of 5 launches each:
//   as built                  dist/ as it is
//   JSON specs                loadSpec reads specs/<api>/*.json converted beforehand instead of parsing the YAML
//   JSON specs, no meta check the same, and ajv does not check each spec against the JSON Schema meta-schema
//                             (validateSchema: false), so no instance compiles the meta-schema
//   node scripts/bench/startup-what-if.mjs
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cpuMsOf, freePort, launch, stop, untilAnswered } from './processes.mjs';

const root = new URL('../..', import.meta.url).pathname;
const dir = join(root, 'bench-results', 'what-if');
const require = createRequire(import.meta.url);
const { parse } = require('yaml');

rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
cpSync(join(root, 'package.json'), join(dir, 'package.json'));
cpSync(join(root, 'specs'), join(dir, 'specs'), { recursive: true });
cpSync(join(root, 'dist'), join(dir, 'dist'), { recursive: true });
cpSync(join(root, 'scripts', 'bench', 'serve-all.mjs'), join(dir, 'scripts', 'bench', 'serve-all.mjs'));
symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
for (const api of readdirSync(join(dir, 'specs'))) {
  for (const file of readdirSync(join(dir, 'specs', api)).filter((f) => f.endsWith('.yaml'))) {
    const yaml = join(dir, 'specs', api, file);
    writeFileSync(yaml.replace(/\.yaml$/, '.json'), JSON.stringify(parse(readFileSync(yaml, 'utf8'))));
  }
}

/** Replaces `from` by `to` in a file of the copy; fails loudly when the compiled code no longer has `from`. */
function patch(file, from, to) {
  const path = join(dir, 'dist', file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from))
    throw new Error(`${file}: cannot find ${JSON.stringify(from)}; update this script`);
  writeFileSync(path, text.replace(from, to));
}
patch(
  'src/spec/load-spec.js',
  "return (0, yaml_1.parse)((0, node_fs_1.readFileSync)(specPath(api, protocol), 'utf8'));",
  `const json = specPath(api, protocol).replace(/\\.yaml$/, '.json');
    if (process.env.WHAT_IF_JSON) return JSON.parse((0, node_fs_1.readFileSync)(json, 'utf8'));
    return (0, yaml_1.parse)((0, node_fs_1.readFileSync)(specPath(api, protocol), 'utf8'));`,
);
// Only load the yaml package when it is used.
patch(
  'src/spec/load-spec.js',
  'const yaml_1 = require("yaml");',
  'const yaml_1 = { get parse() { return require("yaml").parse; } };',
);
patch(
  'src/spec/schema-validator.js',
  'strict: false,',
  'strict: false, validateSchema: !process.env.WHAT_IF_NO_META,',
);

const variants = [
  ['as built', {}],
  ['JSON specs', { WHAT_IF_JSON: '1' }],
  ['JSON specs, no meta-schema check', { WHAT_IF_JSON: '1', WHAT_IF_NO_META: '1' }],
];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, env] of variants) {
  Object.assign(process.env, { WHAT_IF_JSON: '', WHAT_IF_NO_META: '' }, env);
  const walls = [];
  const cpus = [];
  let apis = [];
  for (let i = 0; i < 5; i++) {
    const port = await freePort();
    const proc = launch(
      [join(dir, 'scripts', 'bench', 'serve-all.mjs'), 'serve', '--port', String(port)],
      join(dir, 'serve.log'),
      dir,
    );
    try {
      const up = await untilAnswered(proc, port, { method: 'GET', path: '/__admin/health' });
      walls.push(Math.round(up.ms));
      cpus.push(cpuMsOf(proc.child.pid));
      apis = JSON.parse(up.reply.body).apis;
    } finally {
      await stop(proc);
    }
  }
  console.log(
    `${name.padEnd(34)} ${median(walls)} ms to /__admin/health (${median(cpus)} ms CPU), ${apis.length} APIs; runs: ${walls.join(' ')}`,
  );
}
