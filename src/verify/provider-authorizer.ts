import type { AnyApiDefinition } from '../api';
import type { Authorizer, ClientCredentials } from './client-credentials';
import { realCredentials } from './client-credentials';
import { credentialSchemeOf } from './credential-scheme';
import type { TlsOptions } from './http-client';
import { UsageError } from './usage-error';

export interface AuthorizerOptions {
  /** The target answered as a jobmock server. */
  readonly jobmock: boolean;
  /** Against jobmock, add the API's demo credentials to requests that carry none. */
  readonly demoAuth: boolean;
  /** Real credentials, for a provider that is not jobmock. */
  readonly credentials?: ClientCredentials | undefined;
  readonly tls?: TlsOptions | undefined;
}

/**
 * What puts valid credentials on a provider run's requests: against a jobmock server, the API's demo credentials
 * (unless `demoAuth` is off); against any other provider, the real credentials given, checked once before the run
 * (unusable AWS credentials stop it here with a UsageError). Undefined when there are none to put.
 */
export async function providerAuthorizer(
  api: AnyApiDefinition,
  options: AuthorizerOptions,
): Promise<Authorizer | undefined> {
  if (options.jobmock) {
    const demo = api.demoAuth?.bind(api);
    return options.demoAuth && demo ? async (request) => ({ headers: await demo(request) }) : undefined;
  }
  const scheme = credentialSchemeOf(api);
  const real = realCredentials(scheme, options.credentials ?? {}, options.tls ?? {});
  if (real && scheme?.kind === 'sigv4') {
    await options.credentials?.aws?.credentials().catch((error: unknown) => {
      throw new UsageError(
        `${api.id} signs every request with AWS SigV4, and no AWS credentials were found (set ` +
          `AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or --aws-profile): ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  }
  return real;
}
