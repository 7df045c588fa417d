import { join } from 'node:path';
import type { ProviderStateInjectedValue } from '@pact-foundation/pact';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import type { COMMON_PROVIDER_STATES } from '../src/index';

/**
 * Where consumer suites write pact files: contracts/pacts, or JOBMOCK_PACT_DIR when the drift check
 * (`npm run pact:check`) writes them aside to compare with the committed ones.
 */
export const pactDir = process.env.JOBMOCK_PACT_DIR ?? join(__dirname, 'pacts');

/** A provider state every API understands, or one the API's mocks folder declares. */
export type ProviderStateName<Own extends string = never> = (typeof COMMON_PROVIDER_STATES)[number] | Own;

/** A PactV4 suite between a consumer and one API (the provider is named by the API id). */
export function pactWith(consumer: string, apiId: string): PactV4 {
  return new PactV4({ consumer, provider: apiId, dir: pactDir, logLevel: 'error' });
}

/**
 * A value the provider chooses (an id, a token): the provider state returns it under `name` and the verifier
 * puts it here (Pact's `fromProviderState`); consumer tests see `example`.
 *
 * @example injected('jobId', 'job-1')   // the whole value
 * @example injected('/v1/jobs/${jobId}', '/v1/jobs/7')   // a template
 */
export function injected<T>(expression: string, example: T): ProviderStateInjectedValue<T> {
  return MatchersV3.fromProviderState(expression.includes('${') ? expression : `\${${expression}}`, example);
}

/**
 * The comment of an interaction whose credentials are missing, wrong or limited on purpose (an unknown key, a
 * read-only token): `jobmock verify` sends them as the pact has them, never the real or demo credentials.
 */
export const DELIBERATE_CREDENTIALS = { key: 'credentials', value: 'deliberate' } as const;
