import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { registry } from '../../mocks/index';
import type { ApiFacts } from './facts';

/** The facts file of an API of the registry: `test/fidelity/<id>.facts.ts`. */
export function factsFile(api: string): string {
  return join(__dirname, `${api}.facts.ts`);
}

/** The facts of every API of the registry that has a facts file, in registry order. */
export function registryFacts(): ApiFacts[] {
  return (
    registry
      .filter((api) => existsSync(factsFile(api.id)))
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      .map((api) => (require(factsFile(api.id)) as { facts: ApiFacts }).facts)
  );
}
