import { intercept } from '../../src/main';
import { printQueueApi } from '../support/own-api';

/** intercept() serves an API of your own too (`options.apis`), as `jobmock serve --apis` does. */
describe('intercept() with an API of your own', () => {
  const api = printQueueApi();
  const BASE = 'https://print.example.com/api';

  it('answers it in-process: lifecycle on the manual clock, its own errors, strict mode, admin actions', async () => {
    const queue = intercept('print-queue', BASE, { apis: [api] });
    try {
      const created = await fetch(`${BASE}/jobs`, {
        method: 'POST',
        headers: { 'x-api-key': 'demo-key', 'content-type': 'application/json' },
        body: JSON.stringify({ document: 'report.pdf' }),
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      queue.advance(3_000);
      expect(queue.getJob(id).state).toBe('printing');
      const refused = await fetch(`${BASE}/jobs/${id}/cancel`, {
        method: 'POST',
        headers: { 'x-api-key': 'demo-key' },
      });
      expect(refused.status).toBe(409);
      expect(await refused.json()).toMatchObject({ error: { code: 'NotCancellable' } });
      const held = queue.createJob('held');
      const cancelled = await fetch(`${BASE}/jobs/${held.id}/cancel`, {
        method: 'POST',
        headers: { 'x-api-key': 'demo-key' },
      });
      expect(await cancelled.json()).toMatchObject({ state: 'cancelled' });
      queue.injectFault({ operation: 'getJob', status: 410, times: 1 });
      const gone = await fetch(`${BASE}/jobs/${held.id}`, { headers: { 'x-api-key': 'demo-key' } });
      expect(gone.status).toBe(410);
      expect(queue.violations).toEqual([]);
    } finally {
      queue.dispose();
    }
  });
});
