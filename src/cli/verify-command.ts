import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { loadApis } from './load-apis';
import type { AnyApiDefinition } from '../api';
import { awsCredentialChain, awsRegion } from '../verify/aws-credentials';
import type { ClientCredentials } from '../verify/client-credentials';
import { credentialSchemeOf } from '../verify/credential-scheme';
import { junitReport } from '../verify/junit-report';
import { defaultPactFile } from '../verify/pact-files';
import { STATE_CALL_TIMEOUT_MS } from '../verify/states-relay';
import type { InteractionOutcome, StatesTarget } from '../verify/verify-pact';
import { verifyPact, VerifyUsageError } from '../verify/verify-pact';

interface VerifyFlags {
  api: string;
  apis: string[];
  baseUrl: string;
  pact?: string;
  states: boolean;
  statesUrl?: string;
  statesTimeout: string;
  session?: string;
  adminToken?: string;
  junit?: string;
  specCheck?: boolean;
  header: string[];
  demoAuth: boolean;
  ca?: string;
  insecure?: boolean;
  token?: string;
  username?: string;
  password?: string;
  awsProfile?: string;
  awsRegion?: string;
}

const CREDENTIALS_HELP = `
Credentials (against a provider that is not jobmock; jobmock gets its demo credentials). They replace the
pact's credentials only on requests that carry valid ones; interactions that send missing, wrong or limited
credentials on purpose (comment "credentials: deliberate" in the pact) keep theirs.
  aws-batch  SigV4 from the standard AWS chain: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,
             AWS_PROFILE, ~/.aws/credentials and ~/.aws/config, SSO; --aws-profile, --aws-region (or
             AWS_REGION / AWS_DEFAULT_REGION; any region)
  bigchange  --token (or JOBMOCK_TOKEN): the bearer token, sent as "Authorization: Bearer <token>"
  kbase      --token (or JOBMOCK_TOKEN): the raw KBase token, sent as "Authorization: <token>"
  itential   --token (or JOBMOCK_TOKEN): the session token (cookie or ?token=), or --username and --password
             (or JOBMOCK_USERNAME, JOBMOCK_PASSWORD) to log in once with POST /login
  fabric     --token (or JOBMOCK_TOKEN): the whole Authorization header,
             'SubjectAndAppToken1.0 subjectToken="…", appToken="…"'
Without a token, the values the provider states return (tokens, sessions) are used as they are.`;

/** `jobmock verify`: Pact provider verification of any implementation, given its base URL. */
export function addVerifyCommand(program: Command, registry: readonly AnyApiDefinition[]): void {
  program
    .command('verify')
    .description("verify a provider against an API's pact (exit code 0 only when every interaction passed)")
    .requiredOption('--api <id>', `the API (${registry.map((a) => a.id).join(', ')}, or one of --apis)`)
    .option(
      '--apis <modules...>',
      'modules of your own that export API definitions (as jobmock serve --apis)',
      [],
    )
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
    .option('--session <name>', 'against jobmock: the X-Jobmock-Session to verify in (default: a new one)')
    .addOption(
      new Option('--admin-token <token>', "against jobmock: the server's --admin-token").env(
        'JOBMOCK_ADMIN_TOKEN',
      ),
    )
    .option(
      '--ca <file>',
      'PEM certificates to trust for an https provider (a staging CA, a self-signed certificate)',
    )
    .option('--insecure', 'accept any certificate of an https provider')
    .addOption(
      new Option('--token <value>', 'the credential of the API (see Credentials below)').env('JOBMOCK_TOKEN'),
    )
    .addOption(new Option('--username <name>', 'log in with this user (Itential)').env('JOBMOCK_USERNAME'))
    .addOption(new Option('--password <password>', 'the password of --username').env('JOBMOCK_PASSWORD'))
    .option(
      '--aws-profile <name>',
      'the AWS profile to sign with (default: AWS_PROFILE, else the default chain)',
    )
    .option('--aws-region <region>', 'the AWS region to sign for')
    .option('--junit <file>', 'also write a JUnit XML report')
    .option(
      '--spec-check',
      "also check every reply against the spec (prism proxy; jobmock's own checker for OpenRPC)",
    )
    .option(
      '-H, --header <header...>',
      "extra request header, 'Name: value' (deliberate-credential interactions keep their own)",
      [],
    )
    .option(
      '--no-demo-auth',
      "against jobmock: do not add the API's demo credentials to requests that carry none",
    )
    .addHelpText('after', CREDENTIALS_HELP)
    .action(async (flags: VerifyFlags) => {
      const apis = [...registry, ...(await Promise.all(flags.apis.map(loadApis))).flat()];
      const api = apis.find((a) => a.id === flags.api);
      if (!api)
        throw new Error(`--api ${flags.api}: no such API (APIs: ${apis.map((a) => a.id).join(', ')})`);
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
          credentials: credentialsOf(api, flags),
          tls: flags.ca
            ? { ca: readFileSync(flags.ca, 'utf8'), caFile: resolve(flags.ca), insecure: flags.insecure }
            : { insecure: flags.insecure },
          session: flags.session,
          adminToken: flags.adminToken,
          statesTimeoutMs: Number(flags.statesTimeout),
        });
      } catch (error) {
        if (!(error instanceof VerifyUsageError)) throw error;
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

/** The real credentials the flags and the environment give, for the API's credential scheme. */
function credentialsOf(api: AnyApiDefinition, flags: VerifyFlags): ClientCredentials {
  const scheme = credentialSchemeOf(api);
  const aws = { profile: flags.awsProfile, region: flags.awsRegion };
  return {
    token: flags.token,
    username: flags.username,
    password: flags.password,
    aws:
      scheme?.kind === 'sigv4'
        ? { credentials: awsCredentialChain(aws), region: awsRegion(aws, scheme.defaultRegion) }
        : undefined,
  };
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
