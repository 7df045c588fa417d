import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../spec/package-root';

/**
 * Loads an optional peer dependency of jobmock (Pact's verifier, the AWS credential chain) when a command
 * needs it. When it is not installed, the error names the command that needs it and the exact install command,
 * with the version range jobmock's package.json declares for it.
 *
 * @example const pact = requireOptionalPeer<typeof PactCore>('@pact-foundation/pact-core', 'jobmock verify')
 */
export function requireOptionalPeer<T>(name: string, neededBy: string, subpath = ''): T {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(name + subpath) as T;
  } catch (error) {
    throw missing(error, name, neededBy);
  }
}

/** The install command for a peer dependency, e.g. `npm install --save-dev @pact-foundation/pact-core@^20.2.0`. */
export function installCommand(name: string): string {
  const { peerDependencies = {} } = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {
    peerDependencies?: Record<string, string>;
  };
  const range = peerDependencies[name];
  return `npm install --save-dev ${range === undefined ? name : `${name}@${quoted(range)}`}`;
}

function missing(error: unknown, name: string, neededBy: string): Error {
  const { code, message } = error as { code?: string; message?: string };
  if (code !== 'MODULE_NOT_FOUND' || !message?.includes(name)) return error as Error;
  return new Error(
    `${neededBy} needs ${name}, an optional peer dependency of jobmock: ${installCommand(name)}`,
  );
}

/** A version range as a shell word (`"^20.2.0"` needs no quotes, `">=5 <6"` does). */
function quoted(range: string): string {
  return /^[\w.^~-]+$/.test(range) ? range : `'${range}'`;
}
