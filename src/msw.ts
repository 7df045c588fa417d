/**
 * MSW request handlers backed by jobmock's stateful mocks (`import { handlers } from 'jobmock/msw'`): the same
 * engine as `jobmock/browser`, for `setupWorker` in the browser and `setupServer` of `msw/node` in tests.
 */
import type { ApiStates } from '../mocks/index';
import type { Mock, MockOptions } from './browser/browser-mock';
import { createMock } from './browser';
import type { JobmockHandlers, MswApis } from './msw/msw-handlers';
import { mswHandlersOf } from './msw/msw-handlers';

export type { JobmockHandlers, MswApis } from './msw/msw-handlers';

export interface HandlersOptions extends Omit<MockOptions<ApiStates>, 'apis'> {
  /**
   * Where the front end calls the APIs: a jobmock server's URL (`'http://127.0.0.1:4010'`: every API under
   * `/<id>` and the admin API), or each API's own base URL by id (only those are mocked).
   */
  readonly apis: MswApis<ApiStates>;
  /** Answer with this mock (`createMock()` of `jobmock/browser`) instead of a new one; the options above then belong to it. */
  readonly mock?: Mock<ApiStates> | undefined;
}

/**
 * MSW handlers for the APIs at `apis`, with `.mock` to drive their jobs, clock and faults.
 *
 * @example
 * const jobmock = handlers({ apis: { kbase: 'https://kbase.us/dynserv/JobBrowserBFF' }, clock: 'manual' });
 * const worker = setupWorker(...jobmock);
 * await worker.start();
 * const job = jobmock.mock.jobs.create('kbase', 'run');
 */
export function handlers(options: HandlersOptions): JobmockHandlers<ApiStates> {
  const { apis, mock, ...engine } = options;
  const given = Object.entries(engine).flatMap(([name, value]) => (value === undefined ? [] : [name]));
  if (mock && given.length)
    throw new Error(`jobmock: ${given.join(', ')} belong to the shared mock; create it with them`);
  return mswHandlersOf(mock ?? createMock(engine), apis);
}
