import type { MockReply, MockRequest } from '../../../src/core/wire';
import { createMockService } from '../../../src/mock-service';
import { echoApi } from '../openrpc/echo-api';

describe("an API's own reply headers (replyHeaders)", () => {
  const seen: { request: MockRequest; reply: MockReply }[] = [];
  const api = echoApi(
    {},
    {
      replyHeaders: (request, reply) => {
        seen.push({ request, reply });
        return reply.status === 200 ? { 'x-echo': request.headers['x-ask'] ?? 'none' } : undefined;
      },
    },
  );
  const service = createMockService({ apis: [api], clock: 'manual' });
  const post = (rawBody: string, headers: Record<string, string> = {}) =>
    service.handle({ method: 'POST', url: '/echo', headers, rawBody });

  beforeEach(() => (seen.length = 0));

  it('go on results, errors and unreadable requests alike, made from the request', async () => {
    const result = await post('{"jsonrpc":"2.0","method":"Echo.say","params":{"text":"a"},"id":1}', {
      'x-ask': 'yes',
    });
    const error = await post('{"jsonrpc":"2.0","method":"Echo.nope","id":1}');
    const unreadable = await post('{');
    expect([result, error, unreadable].map((r) => r.headers['x-echo'])).toEqual(['yes', 'none', 'none']);
    expect(seen).toHaveLength(3);
  });

  it('are left out where the hook gives none', async () => {
    const tooLarge = await service.handle({
      method: 'POST',
      url: '/echo',
      headers: {},
      rawBody: '',
      bodyTooLarge: true,
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers['x-echo']).toBeUndefined();
    expect(seen[0]!.reply.status).toBe(413);
  });

  it('are not asked for by an API without the hook', async () => {
    const plain = createMockService({ apis: [echoApi()], clock: 'manual' });
    const reply = await plain.handle({ method: 'OPTIONS', url: '/echo', headers: {}, rawBody: '' });
    expect(reply).toEqual({ status: 200, headers: {} });
  });
});
