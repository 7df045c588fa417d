import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let root: string | undefined;

/** The folder of jobmock's own package.json, from source (ts-jest) or from the compiled `dist/` alike. */
export function packageRoot(): string {
  if (root) return root;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'specs'))) return (root = dir);
    if (dirname(dir) === dir) throw new Error(`jobmock: cannot find the package root above ${__dirname}`);
  }
}
