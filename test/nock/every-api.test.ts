import { isCancellable } from '../../src/core/machine';
import { intercept, registry } from '../../src/main';
import { withDemoCredentials } from '../support/demo-client';
import { nodeRequest } from './support/node-http';

/** How a test client sends one request: global fetch, or node's http module. */
type Send = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<number>;

const CLIENTS: readonly (readonly [string, Send])[] = [
  ['global fetch', async (url, init) => (await fetch(url, init)).status],
  ['node:http', async (url, init) => (await nodeRequest(url, init)).status],
];

/** Every registered API, intercepted on a host of its own, answers fetch and node:http with the same engine. */
describe.each(registry.map((api) => [api.id, api] as const))('intercept("%s")', (id, api) => {
  const baseUrl = `https://${id}.jobmock.test/base`;
  const cancellable = api.machine.states.find((state) => isCancellable(api.machine, state))!;

  it.each(CLIENTS)('cancels a job through %s, and the interceptor sees it moved', async (_client, send) => {
    const mock = intercept(id, baseUrl);
    try {
      const job = mock.createJob(cancellable);
      const cancel = api.jobRequests.cancel(job.id);
      const status = await send(baseUrl + cancel.path, await withDemoCredentials(api, baseUrl, cancel));
      expect(status).toBeLessThan(300);
      expect(mock.getJob(job.id).state).toBe(api.machine.cancelTo);
    } finally {
      mock.dispose();
    }
  });
});
