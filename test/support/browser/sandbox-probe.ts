import { createMock, registry } from '../../../src/browser';
import { cancelInEveryApi } from './cancel-in-every-api';

/**
 * Bundled for the browser and run in a sandbox that has only web APIs: the mock answers `fetch` (which the
 * demo credentials of Itential use to log in), every API at `http://jobmock.test/<id>`.
 */
export function run() {
  const mock = createMock();
  globalThis.fetch = mock.fetch;
  return cancelInEveryApi(registry, mock, (api) => `http://jobmock.test/${api}`, mock.fetch);
}
