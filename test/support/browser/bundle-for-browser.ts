import { build } from 'esbuild';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');
const BUILTINS = new Set(builtinModules);

/** A browser bundle and the Node built-ins its import graph asked for (none, for the browser entries). */
export interface BrowserBundle {
  readonly code: string;
  /** `node:crypto <- src/auth/x.ts`, one per import of a Node built-in. */
  readonly builtins: readonly string[];
}

/**
 * Bundles `entry` (a path from the repository root) as a bundler does for a web page (`platform: 'browser'`,
 * minified): every import of a Node built-in is recorded instead of failing the build, so a test can name them.
 */
export async function bundleForBrowser(
  entry: string,
  options: { globalName?: string; external?: string[] } = {},
): Promise<BrowserBundle> {
  const builtins: string[] = [];
  const result = await build({
    entryPoints: [join(ROOT, entry)],
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'browser',
    format: options.globalName === undefined ? 'esm' : 'iife',
    globalName: options.globalName,
    external: options.external,
    minify: true,
    write: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'record-node-builtins',
        setup(plugin) {
          plugin.onResolve({ filter: /^[^./]/ }, (args) => {
            const name = args.path.replace(/^node:/, '').split('/')[0]!;
            if (!args.path.startsWith('node:') && !BUILTINS.has(name)) return undefined;
            builtins.push(`${args.path} <- ${args.importer.slice(ROOT.length + 1)}`);
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  return { code: result.outputFiles[0]!.text, builtins };
}
