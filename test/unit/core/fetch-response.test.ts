import { fetchResponse } from '../../../src/core/fetch-response';
import type { NetworkFault } from '../../../src/core/network-fault';
import type { MockReply } from '../../../src/core/wire';

const BODY = { jobId: 'job-1', status: 'FAILED' };
const reply = (network?: NetworkFault, over: Partial<MockReply> = {}): MockReply => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: BODY,
  network,
  ...over,
});

describe('fetchResponse', () => {
  it('is the reply as it is without a network fault', async () => {
    const response = await fetchResponse(reply());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(BODY);
    expect((await fetchResponse(reply(undefined, { status: 204, body: undefined }))).body).toBeNull();
  });

  it.each(['reset-before-headers', 'empty-reply'] as const)(
    '%s: fetch fails as Node reports it',
    async (kind) => {
      const failed = fetchResponse(reply({ kind }));
      await expect(failed).rejects.toMatchObject({ name: 'TypeError', message: 'fetch failed' });
      await expect(failed).rejects.toHaveProperty('cause.code', 'ECONNRESET');
    },
  );

  it.each(['reset-after-headers', 'truncated-body'] as const)(
    '%s: the status and headers arrive, reading the body fails',
    async (kind) => {
      const response = await fetchResponse(reply({ kind }));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-length')).toBe(String(JSON.stringify(BODY).length));
      await expect(response.text()).rejects.toThrow('terminated');
    },
  );

  it('malformed-body: a body that does not parse', async () => {
    const response = await fetchResponse(reply({ kind: 'malformed-body' }));
    await expect(response.json()).rejects.toHaveProperty('name', 'SyntaxError');
  });

  it('slow-body: the whole body, in several pieces', async () => {
    const response = await fetchResponse(reply({ kind: 'slow-body', ms: 50 }));
    const reader = response.body!.getReader();
    const pieces: Uint8Array[] = [];
    for (let read = await reader.read(); !read.done; read = await reader.read()) pieces.push(read.value);
    expect(pieces.length).toBeGreaterThan(1);
    expect(JSON.parse(Buffer.concat(pieces).toString())).toEqual(BODY);
  });

  it('hang: nothing until the signal aborts, which is the rejection', async () => {
    const controller = new AbortController();
    const hanging = fetchResponse(reply({ kind: 'hang', ms: 60_000 }), controller.signal);
    controller.abort(new DOMException('The operation timed out.', 'TimeoutError'));
    await expect(hanging).rejects.toHaveProperty('name', 'TimeoutError');
  });

  it('hang: a failed fetch once its time is up', async () => {
    await expect(fetchResponse(reply({ kind: 'hang', ms: 10 }))).rejects.toThrow('fetch failed');
  });
});
