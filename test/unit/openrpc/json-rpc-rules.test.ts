import type { JsonRpcRules, Profile } from '../../../src/api';
import { createMockService } from '../../../src/mock-service';
import { echoApi } from './echo-api';

const FAILURE = { status: 503, headers: { 'content-type': 'text/plain' }, body: 'down' };
const RULES: JsonRpcRules = {
  serverFailure: { reply: FAILURE, unlessMethodMatches: /^[^.]+\.[^.]+$/, withoutId: true },
  nullIdError: { code: -32001, message: 'Empty' },
  namedParams11Error: { code: -32099, message: 'Keyword argument error', data: null },
  errors11As20: true,
};

function echo(profile: Profile, rules: JsonRpcRules = RULES) {
  const service = createMockService({ apis: [echoApi(rules)], profile, clock: 'manual', strict: true });
  const jobs = () =>
    service.engine.transact('default', (tx) => service.engine.context(tx, 'echo').jobs.size) as number;
  const post = async (body: unknown) => {
    const rawBody = typeof body === 'string' ? body : JSON.stringify(body);
    const reply = await service.handle({ method: 'POST', url: '/echo', headers: {}, rawBody });
    expect(reply.headers['x-jobmock-violations']).toBeUndefined();
    return reply;
  };
  return { post, jobs };
}

const say = (extra: Record<string, unknown> = {}) => ({
  jsonrpc: '2.0',
  method: 'Echo.say',
  params: { text: 'hi' },
  ...extra,
});

describe('JSON-RPC rules of an API definition (OpenRpcProtocol)', () => {
  describe('a profile without rules keeps JSON-RPC 2.0 by the letter', () => {
    it('answers a batch call by call and a notification with nothing, carrying both out', async () => {
      const t = echo('documented');
      const batch = await t.post([say({ id: 1 }), say()]);
      expect(batch.body).toEqual([{ jsonrpc: '2.0', result: 'hi', id: 1 }]);
      expect((await t.post(say())).body).toBeUndefined();
      expect(t.jobs()).toBe(3);
    });

    it('answers id null with the result, and a method the server cannot split with -32601', async () => {
      const t = echo('documented');
      expect((await t.post(say({ id: null }))).body).toEqual({ jsonrpc: '2.0', result: 'hi', id: null });
      expect((await t.post(say({ method: 'say', id: 2 }))).body).toMatchObject({ error: { code: -32601 } });
    });

    it('takes 1.1 params by name and answers 1.1 errors in the 1.1 form', async () => {
      const t = echo('documented');
      const ok = await t.post({ version: '1.1', method: 'Echo.say', params: { text: 'hi' }, id: 'a' });
      expect(ok.body).toEqual({ version: '1.1', result: ['hi'], id: 'a' });
      const bad = await t.post({ version: '1.1', method: 'Echo.say', params: [{ text: '' }], id: 'b' });
      expect(bad.body).toMatchObject({ version: '1.1', error: { name: 'JSONRPCError', code: -32602 } });
    });
  });

  describe('the profile that has rules', () => {
    it.each([
      ['a batch', [say({ id: 1 })]],
      ['a bare value', 'true'],
      ['an object without method', { jsonrpc: '2.0', id: 1 }],
      ['a method that is not a string', say({ method: 7, id: 1 })],
      ['a method the pattern refuses', say({ method: 'say', id: 1 })],
      ['a notification', say()],
    ])('fails on %s with the server failure reply, carrying nothing out', async (_name, body) => {
      const t = echo('upstream');
      const reply = await t.post(body);
      expect(reply).toEqual(FAILURE);
      expect(t.jobs()).toBe(0);
    });

    it('carries out a call with id null and answers the null-id error in its place', async () => {
      const t = echo('upstream');
      expect((await t.post(say({ id: null }))).body).toEqual({
        jsonrpc: '2.0',
        error: { code: -32001, message: 'Empty' },
        id: null,
      });
      expect(t.jobs()).toBe(1);
    });

    it('answers a failing call with id null with its own error', async () => {
      const t = echo('upstream');
      const reply = await t.post(say({ id: null, params: { text: '' } }));
      expect(reply.body).toMatchObject({ id: null, error: { code: -32602 } });
    });

    it('refuses 1.1 params by name with the rule’s error, in the 2.0 form', async () => {
      const t = echo('upstream');
      const reply = await t.post({ version: '1.1', method: 'Echo.say', params: { text: 'hi' }, id: 'a' });
      expect(reply.body).toEqual({
        jsonrpc: '2.0',
        error: { code: -32099, message: 'Keyword argument error', data: null },
        id: 'a',
      });
      expect(t.jobs()).toBe(0);
    });

    it('still answers 1.1 params as a list, results in the 1.1 form', async () => {
      const t = echo('upstream');
      const reply = await t.post({ version: '1.1', method: 'Echo.say', params: [{ text: 'hi' }], id: 'a' });
      expect(reply.body).toEqual({ version: '1.1', result: ['hi'], id: 'a' });
    });

    it('applies only the rules it is given', async () => {
      const t = echo('upstream', { errors11As20: true });
      expect((await t.post(say())).body).toBeUndefined();
      expect((await t.post(say({ id: null }))).body).toMatchObject({ result: 'hi', id: null });
    });
  });
});
