import type { AnyApiDefinition } from '../../src/api';
import { withSpecDocuments } from '../../src/cli/load-apis';
import { ensureBuilt } from './built-cli';

/**
 * The print-queue API of test/fixtures/apis: an API that is not in the registry, written against the public
 * package (`require('jobmock')`, the build). Generic behaviour of the admin API and the server is tested on it,
 * so those tests need no particular API of jobmock's own.
 */
export function printQueueApi(): AnyApiDefinition {
  ensureBuilt();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { printQueue } = require('../fixtures/apis/print-queue/index.cjs') as {
    printQueue: AnyApiDefinition;
  };
  return withSpecDocuments([printQueue])[0]!;
}
