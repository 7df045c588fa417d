#!/usr/bin/env node
// Part of `npm run build`: writes each specs/<api>/<protocol>.yaml as dist/specs/<api>/<protocol>.json, so the
// server reads JSON at start-up instead of parsing YAML (about half of its start-up time otherwise).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = new URL('..', import.meta.url).pathname;
let written = 0;
for (const api of readdirSync(join(root, 'specs'))) {
  const from = join(root, 'specs', api);
  for (const file of readdirSync(from).filter((f) => /^(openapi|openrpc)\.yaml$/.test(f))) {
    const to = join(root, 'dist', 'specs', api);
    mkdirSync(to, { recursive: true });
    writeFileSync(
      join(to, file.replace(/\.yaml$/, '.json')),
      JSON.stringify(parse(readFileSync(join(from, file), 'utf8'))),
    );
    written += 1;
  }
}
console.log(`build-specs: ${written} specs written as JSON to dist/specs`);
