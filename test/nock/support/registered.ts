import { registry } from '../../../src/main';

/**
 * `describe` for one API's interceptor suite, skipped (and saying why) while the API is not in the registry
 * yet, so the suite is written against the registry id before the mock lands.
 */
export function describeApi(apiId: string, name: string, suite: () => void): void {
  if (registry.some((api) => api.id === apiId)) describe(name, suite);
  else describe.skip(`${name} (skipped: "${apiId}" is not in mocks/index.ts yet)`, suite);
}
