import { AdminApi, ADMIN_PREFIX } from './admin/admin-api';
import type { MockReply } from './core/wire';
import type { EngineOptions } from './engine/engine';
import { Engine } from './engine/engine';
import type { IncomingCall } from './engine/incoming-call';

export interface MockServiceOptions extends EngineOptions {
  /** Protects the admin API (all but `GET /__admin/health`) with `Authorization: Bearer <token>`. */
  readonly adminToken?: string | undefined;
  /** Called after every call has been answered (the state file uses it to schedule a write). */
  readonly afterCall?: (() => void) | undefined;
  /** More of `GET /__admin/health`: `{ stateFile: journal.health() }` with `--state-file`. */
  readonly healthDetails?: (() => Record<string, unknown>) | undefined;
}

/**
 * The engine with its admin API in front: what every transport (node:http, nock) talks to.
 *
 * @example
 * const service = createMockService({ apis: registry, clock: 'manual' });
 * const reply = await service.handle({ method: 'GET', url: '/__admin/health', headers: {}, rawBody: '' });
 */
export class MockService {
  readonly engine: Engine;
  readonly admin: AdminApi;
  private readonly afterCall: (() => void) | undefined;

  constructor(options: MockServiceOptions) {
    this.engine = new Engine(options);
    this.admin = new AdminApi(this.engine, options.adminToken, options.healthDetails);
    this.afterCall = options.afterCall;
  }

  handle(call: IncomingCall): Promise<MockReply> | MockReply {
    const after = this.afterCall;
    if (!after) return this.dispatch(call);
    const reply = this.dispatch(call);
    if (reply instanceof Promise) return reply.finally(after);
    after();
    return reply;
  }

  private dispatch(call: IncomingCall): Promise<MockReply> | MockReply {
    if (
      call.url === ADMIN_PREFIX ||
      call.url.startsWith(ADMIN_PREFIX + '/') ||
      call.url.startsWith(ADMIN_PREFIX + '?')
    ) {
      return this.admin.handle(call);
    }
    return this.engine.handle(call);
  }
}

export function createMockService(options: MockServiceOptions): MockService {
  return new MockService(options);
}
