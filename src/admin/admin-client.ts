import type { MockReply } from '../core/wire';
import { SESSION_HEADER } from '../engine/session-name';
import { ADMIN_PREFIX } from './admin-path';
import type { AdminApi } from './admin-api';

/** Makes the error an in-process admin call throws when the admin API refuses it (`{error: {code, message}}`). */
export type AdminRefusal = (status: number, code: string, message: string) => Error;

/**
 * The admin API called in-process, on one session, with no transport: what `intercept()` and the browser mock
 * drive their jobs, clock and faults with. Every call is answered at once (the in-memory store), so the result
 * is a value, not a promise.
 *
 * @example new AdminClient(service.admin, 'default', refusal).call('POST', '/clock', { advanceMs: 1000 })
 */
export class AdminClient {
  constructor(
    private readonly admin: AdminApi,
    readonly session: string,
    private readonly refuse: AdminRefusal,
    private readonly adminToken?: string | undefined,
  ) {}

  /** One admin call (`path` below `/__admin`); returns the reply's body, or throws the refusal. */
  call(method: string, path: string, body?: unknown): unknown {
    const headers: Record<string, string> = { [SESSION_HEADER]: this.session };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.adminToken !== undefined) headers.authorization = `Bearer ${this.adminToken}`;
    const reply: MockReply | Promise<MockReply> = this.admin.handle({
      method,
      url: ADMIN_PREFIX + path,
      headers,
      rawBody: body === undefined ? '' : JSON.stringify(body),
    });
    if (reply instanceof Promise)
      throw new Error(
        'jobmock: in-process admin calls need a store that answers at once (the in-memory store)',
      );
    if (reply.status >= 400) {
      const error = (reply.body as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw this.refuse(
        reply.status,
        error?.code ?? 'Error',
        error?.message ?? `admin call ${method} ${path} failed with ${reply.status}`,
      );
    }
    return reply.body;
  }

  /** Every job of `api` (optionally in `state`), in creation order, page after page. */
  jobs<J>(api: string, state?: string): J[] {
    const jobs: J[] = [];
    for (let cursor: string | undefined, first = true; first || cursor !== undefined; first = false) {
      const query = new URLSearchParams({ api, limit: '1000' });
      if (state !== undefined) query.set('state', state);
      if (cursor !== undefined) query.set('cursor', cursor);
      const page = this.call('GET', `/jobs?${query}`) as { jobs: J[]; nextCursor?: string };
      jobs.push(...page.jobs);
      cursor = page.nextCursor;
    }
    return jobs;
  }
}
