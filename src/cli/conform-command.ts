import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { AnyApiDefinition } from '../api';
import type { ConformReport } from '../conform/conform';
import { conform, CONFORM_DEFAULTS } from '../conform/conform';
import { conformJUnit, conformSummary } from '../conform/conform-report';
import { UsageError } from '../verify/usage-error';
import { duration, positive } from './option-values';
import type { ProviderFlags } from './provider-options';
import {
  addProviderOptions,
  chosenApi,
  CREDENTIALS_BY_API,
  parseHeaders,
  providerCredentials,
  providerTls,
} from './provider-options';

interface ConformFlags extends ProviderFlags {
  baseUrl: string;
  jobId: string[];
  maxRequests: string;
  maxJobs: string;
  timeout: string;
  pollInterval: string;
  concurrency: string;
}

const CONFORM_HELP = `
Credentials (against a provider that is not jobmock; jobmock gets its demo credentials). Every call carries
them, except the ones that check what the provider does without them or with credentials nobody issued.${CREDENTIALS_BY_API}`;

/** `jobmock conform`: a provider's whole job lifecycle against the API's spec and state machine. */
export function addConformCommand(program: Command, registry: readonly AnyApiDefinition[]): void {
  const command = program
    .command('conform')
    .description(
      "check a provider's job lifecycle against the spec and the state machine, with the API's own calls (exit code 0 only when no check failed)",
    )
    .requiredOption(
      '--base-url <url>',
      "the provider's base URL, http or https (a jobmock server: http://127.0.0.1:4010/<api>)",
    )
    .option(
      '--job-id <id...>',
      'jobs the provider already has, to follow instead of creating jobs (needed where the API has no create call: kbase)',
      [],
    )
    .option('--max-requests <n>', 'the most requests to send', String(CONFORM_DEFAULTS.maxRequests))
    .option('--max-jobs <n>', 'the most jobs to create', String(CONFORM_DEFAULTS.maxJobs))
    .option('--timeout <duration>', 'how long the whole run may take (e.g. 90s, 5m)', '2m')
    .option(
      '--poll-interval <duration>',
      'the wait between two reads of a job (a longer Retry-After wins)',
      '1s',
    )
    .option(
      '--concurrency <n>',
      'how many requests may be in flight at once',
      String(CONFORM_DEFAULTS.concurrency),
    );
  addProviderOptions(command, registry)
    .addHelpText('after', CONFORM_HELP)
    .action(async (flags: ConformFlags) => {
      const api = await chosenApi(registry, flags);
      let report: ConformReport;
      try {
        report = await conform({
          api,
          baseUrl: flags.baseUrl,
          jobIds: flags.jobId,
          headers: parseHeaders(flags.header),
          demoAuth: flags.demoAuth,
          credentials: providerCredentials(api, flags),
          tls: providerTls(flags),
          session: flags.session,
          adminToken: flags.adminToken,
          maxRequests: positive(flags.maxRequests, '--max-requests'),
          maxJobs: count(flags.maxJobs, '--max-jobs'),
          timeoutMs: duration(flags.timeout, '--timeout'),
          pollIntervalMs: duration(flags.pollInterval, '--poll-interval'),
          concurrency: positive(flags.concurrency, '--concurrency'),
        });
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        console.error(`jobmock conform: ${error.message}`);
        process.exitCode = 2;
        return;
      }
      console.log(conformSummary(report));
      if (flags.junit) writeFileSync(flags.junit, conformJUnit(report));
      process.exitCode = report.checks.some((c) => c.outcome === 'failed') ? 1 : 0;
    });
}

/** A whole number, zero allowed (`--max-jobs 0`: create none). */
function count(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} must be a whole number, not "${value}"`);
  return n;
}
