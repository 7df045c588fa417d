// `jobmock serve` with every API found in dist/mocks/*/index.js, for the start-up figure "all five APIs" while
// mocks/index.ts does not list them all yet. Same command as dist/src/cli/main.js, another registry.
//   node scripts/bench/serve-all.mjs serve --port 4010
import { readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const dist = new URL('../../dist/', import.meta.url).pathname;
const { Command } = require('commander');
const { addServeCommand } = require(join(dist, 'src/cli/serve-command.js'));
const { registry: listed } = require(join(dist, 'mocks/index.js'));

const registry = [...listed];
for (const dir of readdirSync(join(dist, 'mocks')).sort()) {
  const file = join(dist, 'mocks', dir, 'index.js');
  if (!existsSync(file)) continue;
  for (const value of Object.values(require(file))) {
    const api = value;
    if (api && typeof api === 'object' && typeof api.id === 'string' && api.machine && api.handlers) {
      if (!registry.some((a) => a.id === api.id)) registry.push(api);
    }
  }
}
const program = new Command('jobmock');
addServeCommand(program, registry);
program.parseAsync(process.argv).catch((error) => {
  console.error(`jobmock: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
