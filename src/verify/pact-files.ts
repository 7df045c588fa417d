import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../spec/package-root';

/** The committed pact whose provider is the API (contracts/pacts/<consumer>-<api>.json). */
export function defaultPactFile(api: string): string {
  const dir = join(packageRoot(), 'contracts', 'pacts');
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const pact = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { provider?: { name?: string } };
    if (pact.provider?.name === api) return join(dir, name);
  }
  throw new Error(`no pact in ${dir} has the provider "${api}"; pass --pact <file>`);
}
