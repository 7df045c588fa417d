import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { AnyApiDefinition } from '../api';
import { junitReport } from '../verify/junit-report';
import { defaultPactFile } from '../verify/pact-files';
import { STATE_CALL_TIMEOUT_MS } from '../verify/states-relay';
import { UsageError } from '../verify/usage-error';
import type { InteractionOutcome, StatesTarget } from '../verify/verify-pact';
import { verifyPact } from '../verify/verify-pact';
import type { ProviderFlags } from './provider-options';
import {
  addProviderOptions,
  chosenApi,
  CREDENTIALS_BY_API,
  parseHeaders,
  providerCredentials,
  providerTls,
} from './provider-options';

interface VerifyFlags extends ProviderFlags {
  baseUrl: string;
  pact?: string;
  states: boolean;
  statesUrl?: string;
  statesTimeout: string;
  specCheck?: boolean;
}

const CREDENTIALS_HELP = `
Credentials (against a provider that is not jobmock; jobmock gets its demo credentials). They replace the
pact's credentials only on requests that carry valid ones; interactions that send missing, wrong or limited
credentials on purpose (comment "credentials: deliberate" in the pact) keep theirs, and so do the -H headers
they already have.${CREDENTIALS_BY_API}
Without a token, the values the provider states return (tokens, sessions) are used as they are.`;

/** `jobmock verify`: Pact provider verification of any implementation, given its base URL. */
export function addVerifyCommand(program: Command, registry: readonly AnyApiDefinition[]): void {
  const command = program
    .command('verify')
    .description("verify a provider against an API's pact (exit code 0 only when every interaction passed)")
    .requiredOption(
      '--base-url <url>',
      "the provider's base URL, http or https (a jobmock server: http://127.0.0.1:4010/<api>)",
    )
    .option('--pact <file>', 'the pact file (default: the committed pact of the API)')
    .option(
      '--states-url <url>',
      "the provider's Pact provider-states URL (default: the jobmock admin API, when the base URL is a jobmock server)",
    )
    .option('--no-states', 'send no provider states; interactions that need one are reported as skipped')
    .option(
      '--states-timeout <ms>',
      'how long one provider-state call may take before its interaction fails',
      String(STATE_CALL_TIMEOUT_MS),
    )
    .option('--spec-check', "also check every reply against the spec (strict mode's validators)");
  addProviderOptions(command, registry)
    .addHelpText('after', CREDENTIALS_HELP)
    .action(async (flags: VerifyFlags) => {
      const api = await chosenApi(registry, flags);
      const states: StatesTarget = !flags.states
        ? { mode: 'none' }
        : flags.statesUrl
          ? { mode: 'url', url: flags.statesUrl }
          : { mode: 'auto' };
      const started = Date.now();
      let outcomes: InteractionOutcome[];
      try {
        outcomes = await verifyPact({
          api,
          baseUrl: flags.baseUrl.replace(/\/$/, ''),
          pactFile: flags.pact ?? defaultPactFile(api.id),
          states,
          specCheck: flags.specCheck === true,
          headers: parseHeaders(flags.header),
          demoAuth: flags.demoAuth,
          credentials: providerCredentials(api, flags),
          tls: providerTls(flags),
          session: flags.session,
          adminToken: flags.adminToken,
          statesTimeoutMs: Number(flags.statesTimeout),
        });
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        console.error(`jobmock verify: ${error.message}`);
        process.exitCode = 2;
        return;
      }
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
