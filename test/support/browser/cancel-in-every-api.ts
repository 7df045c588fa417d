import type { AnyApiDefinition } from '../../../src/api';
import type { Mock } from '../../../src/browser/browser-mock';
import { isCancellable } from '../../../src/core/machine';
import { withDemoCredentials } from '../demo-client';

/** What one API did with a cancel sent as a front end sends it. */
export interface CancelOutcome {
  readonly api: string;
  readonly status: number;
  readonly before: string;
  readonly after: string;
  readonly expected: string;
  readonly violations: number;
}

/**
 * For every API of `apis`: a job in a state it may be cancelled from, the API's own cancel request sent with
 * `send` (fetch) to `baseUrlOf(api)` with the demo credentials, and the job's state seen through the mock's
 * admin methods before and after. Runs as it is in a page (jobmock/browser, MSW), a sandbox and jest.
 */
export async function cancelInEveryApi<S extends Record<keyof S, string>>(
  apis: readonly AnyApiDefinition[],
  mock: Mock<S>,
  baseUrlOf: (api: string) => string,
  send: (url: string, init: RequestInit) => Promise<Response>,
): Promise<CancelOutcome[]> {
  const outcomes: CancelOutcome[] = [];
  for (const api of apis) {
    const state = api.machine.states.find((s) => isCancellable(api.machine, s))!;
    const id = api.id as keyof S & string;
    const job = mock.jobs.create(id, state as S[typeof id]);
    const base = baseUrlOf(api.id);
    const cancel = api.jobRequests.cancel(job.id);
    const init = await withDemoCredentials(api, base, cancel);
    let url = base + cancel.path;
    // A page cannot set Cookie (a forbidden header): Itential takes its session token as ?token= too.
    const cookie = init.headers.cookie;
    if (cookie !== undefined) {
      delete init.headers.cookie;
      url += (url.includes('?') ? '&' : '?') + cookie.replace(/;\s*/g, '&');
    }
    const reply = await send(url, init);
    await reply.text();
    outcomes.push({
      api: api.id,
      status: reply.status,
      before: state,
      after: mock.jobs.get(id, job.id).state,
      expected: api.machine.cancelTo,
      violations: mock.violations.length,
    });
  }
  return outcomes;
}
