import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InspectorFile, InspectorFiles } from '../admin/inspector-files';
import { packageRoot } from '../spec/package-root';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** The files `npm run build` bundled the web inspector into (`dist/inspector/`), or undefined when it did not. */
export function loadInspector(dir = join(packageRoot(), 'dist', 'inspector')): InspectorFiles | undefined {
  if (!existsSync(join(dir, 'index.html'))) return undefined;
  const files = new Map<string, InspectorFile>();
  for (const name of ['index.html', 'app.js', 'app.css']) {
    const path = join(dir, name);
    if (existsSync(path))
      files.set(name, { type: TYPES[name.slice(name.lastIndexOf('.'))]!, body: readFileSync(path, 'utf8') });
  }
  return files;
}
