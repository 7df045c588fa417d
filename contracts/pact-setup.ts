import { join } from 'node:path';
import { PactV4 } from '@pact-foundation/pact';
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
