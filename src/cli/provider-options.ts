import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { AnyApiDefinition } from '../api';
import { awsCredentialChain, awsRegion } from '../verify/aws-credentials';
import type { ClientCredentials } from '../verify/client-credentials';
import { credentialSchemeOf } from '../verify/credential-scheme';
import type { TlsOptions } from '../verify/http-client';
import { loadApis } from './load-apis';

/** The flags every command that talks to a provider takes (`verify`, `conform`): https, credentials, headers. */
export interface ProviderFlags {
  api: string;
  apis: string[];
  session?: string;
  adminToken?: string;
  junit?: string;
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

/** Where each API's credentials go, and which flags fill them. */
export const CREDENTIALS_BY_API = `
  aws-batch  SigV4 from the standard AWS chain: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,
             AWS_PROFILE, ~/.aws/credentials and ~/.aws/config, SSO; --aws-profile, --aws-region (or
             AWS_REGION / AWS_DEFAULT_REGION; any region)
  bigchange  --token (or JOBMOCK_TOKEN): the bearer token, sent as "Authorization: Bearer <token>"
  kbase      --token (or JOBMOCK_TOKEN): the raw KBase token, sent as "Authorization: <token>"
  itential   --token (or JOBMOCK_TOKEN): the session token (cookie or ?token=), or --username and --password
             (or JOBMOCK_USERNAME, JOBMOCK_PASSWORD) to log in once with POST /login
  fabric     --token (or JOBMOCK_TOKEN): the whole Authorization header,
             'SubjectAndAppToken1.0 subjectToken="…", appToken="…"'`;

/**
 * Adds the provider flags (the API, https, credentials, headers, JUnit, the jobmock session) to a command.
 *
 * @example addProviderOptions(program.command('conform'), registry).action((flags) => ...)
 */
export function addProviderOptions(command: Command, registry: readonly AnyApiDefinition[]): Command {
  return command
    .requiredOption('--api <id>', `the API (${registry.map((a) => a.id).join(', ')}, or one of --apis)`)
    .option(
      '--apis <modules...>',
      'modules of your own that export API definitions (as jobmock serve --apis)',
      [],
    )
    .option('--session <name>', 'against jobmock: the X-Jobmock-Session to use (default: a new one)')
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
    .option('-H, --header <header...>', "extra request header, 'Name: value'", [])
    .option('--no-demo-auth', "against jobmock: do not add the API's demo credentials to requests");
}

/** How to trust an https provider, from `--ca` and `--insecure`. */
export function providerTls(flags: ProviderFlags): TlsOptions {
  return flags.ca
    ? { ca: readFileSync(flags.ca, 'utf8'), insecure: flags.insecure }
    : { insecure: flags.insecure };
}

/** The real credentials the flags and the environment give, for the API's credential scheme. */
export function providerCredentials(api: AnyApiDefinition, flags: ProviderFlags): ClientCredentials {
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

/** `-H 'Name: value'` flags as headers. */
export function parseHeaders(list: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    list.map((h) => {
      const colon = h.indexOf(':');
      if (colon < 1) throw new Error(`--header must be 'Name: value', not "${h}"`);
      return [h.slice(0, colon).trim(), h.slice(colon + 1).trim()];
    }),
  );
}

/** The API `--api` names, among the built-in ones and those of `--apis`. */
export async function chosenApi(
  registry: readonly AnyApiDefinition[],
  flags: Pick<ProviderFlags, 'api' | 'apis'>,
): Promise<AnyApiDefinition> {
  const apis = [...registry, ...(await Promise.all(flags.apis.map(loadApis))).flat()];
  const api = apis.find((a) => a.id === flags.api);
  if (!api) throw new Error(`--api ${flags.api}: no such API (APIs: ${apis.map((a) => a.id).join(', ')})`);
  return api;
}
