#!/usr/bin/env node
// Bundles the web inspector (src/inspector/page, preact) into dist/inspector: app.js (minified, everything
// inlined: no CDN, works offline), app.css and index.html. `npm run build` runs it after tsc; `jobmock serve`
// serves the files at /__admin/ui.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const page = join(root, 'src', 'inspector', 'page');
const out = join(root, 'dist', 'inspector');

mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(page, 'main.tsx')],
  outfile: join(out, 'app.js'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
});
for (const file of ['index.html', 'app.css']) copyFileSync(join(page, file), join(out, file));
