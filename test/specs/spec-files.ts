import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const ROOT = join(__dirname, '..', '..');

export interface SpecFile {
  readonly api: string;
  readonly kind: 'openapi' | 'openrpc';
  /** Relative to the repository root. */
  readonly path: string;
  readonly document: Record<string, unknown>;
}

/** Every spec document under specs/, parsed. */
export function specFiles(): SpecFile[] {
  const files: SpecFile[] = [];
  for (const api of readdirSync(join(ROOT, 'specs')).sort()) {
    for (const kind of ['openapi', 'openrpc'] as const) {
      const path = join('specs', api, `${kind}.yaml`);
      if (existsSync(join(ROOT, path))) {
        files.push({
          api,
          kind,
          path,
          document: parse(readFileSync(join(ROOT, path), 'utf8')) as Record<string, unknown>,
        });
      }
    }
  }
  return files;
}
