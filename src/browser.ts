/**
 * The browser entry (`import { createMock } from 'jobmock/browser'`): the same stateful engine as `jobmock serve`
 * and `intercept()`, with the five APIs' specs inlined, for pages, service workers and component tests. Its
 * import graph holds no Node built-in (test/integration/browser-bundle.test.ts bundles it for the browser).
 */
import type { ApiStates } from '../mocks/index';
import { registry } from '../mocks/index';
import type { Mock, MockOptions } from './browser/browser-mock';
import { createMockOf } from './browser/browser-mock';

export * from './index';
export { registry } from '../mocks/index';
export type { ApiStates } from '../mocks/index';
export { createMockService, MockService } from './mock-service';
export type { MockServiceOptions } from './mock-service';
export { MockAdminError } from './browser/browser-mock';
export type { CreateJobOptions, Mock, MockJob, MockOptions, Mount, SeedOf } from './browser/browser-mock';
export type { InjectedFault } from './core/injected-fault';
export type { Violation } from './intercept/intercept';

/** The ids of the APIs jobmock serves. */
export type ApiId = keyof ApiStates;

/**
 * The stateful mocks of every API in this realm, with the admin actions as methods (`jobs.create`,
 * `clock.advance`, `faults.add`, ...).
 *
 * @example
 * const mock = createMock();
 * const job = mock.jobs.create('bigchange', 'scheduled');
 * mock.faults.add({ api: 'aws-batch', status: 500, times: 1 });
 * mock.clock.advance(60_000);
 */
export function createMock(options: MockOptions<ApiStates> = {}): Mock<ApiStates> {
  return createMockOf<ApiStates>(registry, options);
}
