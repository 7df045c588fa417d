import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AwsCredentials } from './client-credentials';
import { requireOptionalPeer } from './optional-peer';

/** Where AWS credentials come from: a named profile of the shared files, or the standard chain's default. */
export interface AwsSource {
  readonly profile?: string | undefined;
  readonly region?: string | undefined;
}

/**
 * AWS credentials from the standard chain of the AWS SDK (`AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/
 * `AWS_SESSION_TOKEN`, then SSO, web identity, `~/.aws/credentials` and `~/.aws/config`, credential_process
 * and the instance metadata service), for `profile` when given. Resolved on first use, then kept.
 * `@aws-sdk/credential-provider-node` is an optional peer dependency, loaded only here.
 */
export function awsCredentialChain(source: AwsSource): () => Promise<AwsCredentials> {
  let resolved: Promise<AwsCredentials> | undefined;
  return () => {
    resolved ??= (async () => {
      type Provider = (init?: { profile?: string }) => () => Promise<AwsCredentials>;
      const provider = requireOptionalPeer<{ defaultProvider: Provider }>(
        '@aws-sdk/credential-provider-node',
        'signing with real AWS credentials (--aws-profile, --aws-region)',
      ).defaultProvider;
      return provider(source.profile === undefined ? {} : { profile: source.profile })();
    })();
    return resolved;
  };
}

/**
 * The region to sign for: the flag, else `AWS_REGION` / `AWS_DEFAULT_REGION`, else the profile's `region` in the
 * shared config file (`AWS_CONFIG_FILE`, default `~/.aws/config`), else `fallback`.
 */
export function awsRegion(source: AwsSource, fallback: string, env: NodeJS.ProcessEnv = process.env): string {
  return (
    source.region ??
    env.AWS_REGION ??
    env.AWS_DEFAULT_REGION ??
    profileRegion(source.profile ?? env.AWS_PROFILE ?? 'default', env) ??
    fallback
  );
}

function profileRegion(profile: string, env: NodeJS.ProcessEnv): string | undefined {
  let text: string;
  try {
    text = readFileSync(env.AWS_CONFIG_FILE ?? join(homedir(), '.aws', 'config'), 'utf8');
  } catch {
    return undefined;
  }
  const section = profile === 'default' ? 'default' : `profile ${profile}`;
  let inside = false;
  for (const line of text.split(/\r?\n/)) {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header) inside = header[1]!.trim() === section;
    const region = inside ? /^\s*region\s*=\s*(\S+)/.exec(line) : null;
    if (region) return region[1];
  }
  return undefined;
}
