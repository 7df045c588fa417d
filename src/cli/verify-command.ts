import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { AnyApiDefinition } from '../api';
import { junitReport } from '../verify/junit-report';
import { defaultPactFile } from '../verify/pact-files';
import type { InteractionOutcome, StatesTarget } from '../verify/verify-pact';
import { verifyPact } from '../verify/verify-pact';

interface VerifyFlags {
  api: string;
  baseUrl: string;
  pact?: string;
  states: boolean;
  statesUrl?: string;
  junit?: string;
  specCheck?: boolean;
  header: string[];
  demoAuth: boolean;
}

/** `jobmock verify`: Pact provider verification of any implementation, given its base URL. */
export function addVerifyCommand(program: Command, registry: readonly AnyApiDefinition[]): void {
  program
    .command('verify')
    .description("verify a provider against an API's pact (exit code 0 only when every interaction passed)")
    .addOption(new Option('--api <id>', 'the API').choices(registry.map((a) => a.id)).makeOptionMandatory())
    .requiredOption(
      '--base-url <url>',
      "the provider's base URL (a jobmock server: http://127.0.0.1:4010/<api>)",
    )
    .option('--pact <file>', 'the pact file (default: the committed pact of the API)')
    .option(
      '--states-url <url>',
      "a real provider's provider-states URL (default: the jobmock admin API at the base URL's origin)",
    )
    .option('--no-states', 'send no provider states; interactions that need one are reported as skipped')
    .option('--junit <file>', 'also write a JUnit XML report')
    .option(
      '--spec-check',
      "also check every reply against the spec (prism proxy; jobmock's own checker for OpenRPC)",
    )
    .option('-H, --header <header...>', "extra request header, 'Name: value' (e.g. real credentials)", [])
    .option('--no-demo-auth', "do not add the API's demo credentials to requests that carry none")
    .action(async (flags: VerifyFlags) => {
      const api = registry.find((a) => a.id === flags.api)!;
      const states: StatesTarget = !flags.states
        ? { mode: 'none' }
        : flags.statesUrl
          ? { mode: 'url', url: flags.statesUrl }
          : { mode: 'jobmock' };
      const started = Date.now();
      const outcomes = await verifyPact({
        api,
        baseUrl: flags.baseUrl.replace(/\/$/, ''),
        pactFile: flags.pact ?? defaultPactFile(api.id),
        states,
        specCheck: flags.specCheck === true,
        headers: parseHeaders(flags.header),
        demoAuth: flags.demoAuth,
      });
      console.log(summary(api.id, outcomes));
      if (flags.junit)
        writeFileSync(flags.junit, junitReport(api.id, outcomes, (Date.now() - started) / 1000));
      process.exitCode = outcomes.every((o) => o.outcome === 'passed') ? 0 : 1;
    });
}

/** One line per interaction, then the differences of each failure and the totals. */
export function summary(api: string, outcomes: readonly InteractionOutcome[]): string {
  const mark = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' } as const;
  const lines = [`\njobmock verify ${api}:`];
  for (const o of outcomes) {
    lines.push(
      `  ${mark[o.outcome]}  ${o.description}${o.states.length ? `  [${o.states.join('; ')}]` : ''}`,
    );
    if (o.outcome !== 'passed') for (const d of o.details) lines.push(`          ${d}`);
  }
  const count = (k: InteractionOutcome['outcome']) => outcomes.filter((o) => o.outcome === k).length;
  lines.push(`${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped`);
  return lines.join('\n');
}

function parseHeaders(list: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    list.map((h) => {
      const colon = h.indexOf(':');
      if (colon < 1) throw new Error(`--header must be 'Name: value', not "${h}"`);
      return [h.slice(0, colon).trim(), h.slice(colon + 1).trim()];
    }),
  );
}
