import { bigchange } from '../../../mocks/bigchange';
import { readSpecFile, specPath } from '../../../src/spec/load-spec';
import { apiTestEngine } from '../../support/engine-harness';
import { bigChangeClient, CUSTOMER, demoToken } from '../../support/clients/bigchange-client';

type Node = Record<string, unknown>;

/** Every `type` the spec's own problem examples give each status. */
function exampleTypes(): Map<number, Set<string>> {
  const types = new Map<number, Set<string>>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const value = (node as Node).value as Node | undefined;
    if (value && typeof value.type === 'string' && typeof value.status === 'number') {
      const seen = types.get(value.status) ?? new Set<string>();
      types.set(value.status, seen.add(value.type));
    }
    Object.values(node).forEach(visit);
  };
  visit(readSpecFile(specPath('bigchange', 'openapi')));
  return types;
}

/** A problem reply of BigChange for each status the spec's examples show, and the call that provokes it. */
async function problemReplies() {
  const t = apiTestEngine(bigchange);
  const client = bigChangeClient(t.fetch);
  const token = await demoToken(client);
  const readOnly = await demoToken(client, 'jobs:read');
  const started = t.createJob({ state: 'started' }).id;
  const headers = (bearerToken = token) => ({
    authorization: `Bearer ${bearerToken}`,
    'customer-id': `${CUSTOMER}`,
  });
  const cancelBody = { reason: 'not needed' };
  const cancel = (id: string, h: Record<string, string>) =>
    t.send('PUT', `/bigchange/v1/jobs/${id}/cancel`, { headers: h, body: cancelBody });
  t.injectFault({ operation: 'getJob', status: 429, times: 1 });
  const throttled = await t.send('GET', '/bigchange/v1/jobs/1', { headers: headers() });
  t.injectFault({ operation: 'getJob', status: 500, times: 1 });
  const failed = await t.send('GET', '/bigchange/v1/jobs/1', { headers: headers() });
  const tooLarge = await t.service.handle({
    method: 'PUT',
    url: `/bigchange/v1/jobs/${started}/cancel`,
    headers: headers(),
    rawBody: '',
    bodyTooLarge: true,
  });
  return new Map<number, { status: number; headers: Record<string, string>; body?: unknown }>([
    [400, await cancel(started, { authorization: `Bearer ${token}` })],
    [401, await cancel(started, { 'customer-id': `${CUSTOMER}` })],
    [403, await cancel(started, headers(readOnly))],
    [404, await t.send('GET', '/bigchange/v1/jobs/999999', { headers: headers() })],
    [413, tooLarge],
    [422, await cancel(started, headers())],
    [429, throttled],
    [500, failed],
  ]);
}

describe("bigchange problem details: the spec's own type links", () => {
  it('gives one type link per status across all its examples', () => {
    const ambiguous = [...exampleTypes()].filter(([, types]) => types.size !== 1);
    expect(ambiguous).toEqual([]);
  });

  it('sends, for every status its examples show, the type those examples give', async () => {
    const expected = exampleTypes();
    const replies = await problemReplies();
    expect([...replies.keys()].sort()).toEqual([...expected.keys()].sort());
    const sent = [...replies].map(([status, reply]) => [
      status,
      reply.status,
      (reply.body as { type?: string }).type,
    ]);
    expect(sent).toEqual([...replies.keys()].map((s) => [s, s, [...expected.get(s)!][0]]));
  });

  it('titles a 500 as ASP.NET Core does, as the example shows', async () => {
    const replies = await problemReplies();
    expect((replies.get(500)!.body as { title: string }).title).toBe(
      'An error occurred while processing your request.',
    );
    expect((replies.get(413)!.body as { title: string }).title).toBe('Payload Too Large');
  });
});
