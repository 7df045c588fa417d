/**
 * The package entry (`import { intercept } from 'jobmock'`): the toolkit (src/index), the mock service and
 * server, the registry of APIs, and `intercept()` bound to that registry. With the CLI, the one file of
 * src/ that knows the registry (docs/decisions/005-registry-outside-src.md).
 */
import type { ApiStates } from '../mocks/index';
import { registry } from '../mocks/index';
import { withSpecDocuments } from './cli/load-apis';
import type { InterceptOptions, Interceptor } from './intercept/intercept';
import { intercept as interceptApi } from './intercept/intercept';

export * from './index';
export { registry } from '../mocks/index';
export type { ApiStates } from '../mocks/index';
export { createMockService, MockService } from './mock-service';
export type { MockServiceOptions } from './mock-service';
export { listen } from './server/http-server';
export type { ListenOptions, RunningServer } from './server/http-server';
export { Engine } from './engine/engine';
export type { EngineOptions, ServedApi } from './engine/engine';
export type { Protocol } from './engine/protocol';
export type { SeedEntry } from './engine/seed-entry';
export type { ClockMode } from './core/clock';
export type { Limits } from './store/budget';
export { MemoryStore } from './store/memory-store';
export type { Store, Transaction } from './store/store';
export { loadApis, withSpecDocuments } from './cli/load-apis';
export { InterceptAdminError } from './intercept/intercept';
export type { CallExpectation } from './intercept/call-expectation';
export type { JournalEntry } from './journal/journal-entry';
export type { RequestFilter } from './journal/request-filter';
export type { CallRecord } from './journal/call-record';
export { logLine } from './journal/log-line';
export type { LogFormat } from './journal/log-line';
export { loadInspector } from './cli/load-inspector';
export type {
  ChaosState,
  FaultList,
  FaultSpec,
  InterceptedHistoryEntry,
  InterceptedJob,
  InterceptOptions,
  InterceptSeed,
  Interceptor,
  Violation,
} from './intercept/intercept';

/** The ids of the APIs jobmock serves. */
export type ApiId = keyof ApiStates;

/**
 * Intercepts an API's base URL in-process with nock: the AWS SDK, `fetch` and node's http module get the
 * stateful mock's replies, and the returned interceptor drives its jobs, clock and faults. `options.apis` adds
 * API definitions of your own (their spec files are read now).
 *
 * @example
 * const batch = intercept('aws-batch', 'https://batch.us-east-1.amazonaws.com');
 * const job = batch.createJob('RUNNABLE');
 * await new BatchClient({ region: 'us-east-1' }).send(new CancelJobCommand({ jobId: job.id, reason: 'x' }));
 * batch.getJob(job.id).state; // 'FAILED'
 * batch.dispose();
 */
export function intercept<Id extends ApiId>(
  apiId: Id,
  baseUrl: string,
  options?: InterceptOptions<ApiStates[Id]>,
): Interceptor<ApiStates[Id]>;
export function intercept(apiId: string, baseUrl: string, options?: InterceptOptions): Interceptor;
export function intercept(apiId: string, baseUrl: string, options: InterceptOptions = {}): Interceptor {
  const own = options.apis ? { apis: withSpecDocuments(options.apis) } : {};
  return interceptApi(registry, apiId, baseUrl, { ...options, ...own });
}
