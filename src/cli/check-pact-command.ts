import type { Command } from 'commander';
import type { AnyApiDefinition } from '../api';
import { checkPact } from '../verify/check-pact';

/** `jobmock check-pact <file>`: every interaction of a pact against the API's spec. */
export function addCheckPactCommand(program: Command, registry: readonly AnyApiDefinition[]): void {
  program
    .command('check-pact')
    .description(
      "check each interaction of a pact against the API's spec (exit code 1 on any incompatibility)",
    )
    .argument('<pact-files...>', 'pact files (the provider names the API)')
    .action((files: string[]) => {
      let incompatible = 0;
      for (const file of files) {
        const { api, checks } = checkPact(file, registry);
        console.log(`${file} (${api}):`);
        for (const c of checks) {
          console.log(`  ${c.problems.length ? 'FAIL' : 'ok  '}  ${c.description}`);
          for (const p of c.problems) console.log(`          ${p}`);
          if (c.problems.length) incompatible++;
        }
      }
      console.log(
        incompatible
          ? `${incompatible} interaction(s) contradict the spec`
          : 'every interaction is compatible with its spec',
      );
      process.exitCode = incompatible ? 1 : 0;
    });
}
