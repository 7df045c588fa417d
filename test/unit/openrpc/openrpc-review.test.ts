import type { ReceivedReply, SentRequest } from '../../../src/engine/protocol';
import { OpenRpcProtocol } from '../../../src/openrpc/openrpc-protocol';

const spec = {
  openrpc: '1.3.2',
  info: { title: 't', version: '1' },
  methods: [
    {
      name: 'cancel',
      params: [{ name: 'job_id', required: true, schema: { type: 'string' } }],
      result: {
        name: 'result',
        schema: { type: 'object', required: ['canceled'], properties: { canceled: { type: 'boolean' } } },
      },
      errors: [{ code: 10, message: 'not found' }],
    },
  ],
};
const protocol = new OpenRpcProtocol({ id: 't', handlers: { cancel: () => undefined } } as never, spec);

const call = (params: unknown, id: unknown = 1): SentRequest => ({
  method: 'POST',
  target: '/',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ jsonrpc: '2.0', id, method: 'cancel', params }),
});
const reply = (body: unknown, status = 200): ReceivedReply => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('OpenRpcProtocol.reviewRequest', () => {
  it.each([
    ['a call the spec takes', call({ job_id: 'a' }), []],
    ['params without a required one', call({}), [/job_id/]],
    [
      'a method the spec does not have',
      { ...call({}), body: '{"jsonrpc":"2.0","id":1,"method":"x"}' },
      [/not found/],
    ],
    ['a body that is not JSON', { ...call({}), body: '{' }, [/not valid JSON/]],
  ])('%s', (_what, request, issues) => {
    expect(protocol.reviewRequest(request)).toEqual(issues.map((issue) => expect.stringMatching(issue)));
  });
});

describe('OpenRpcProtocol.reviewReply', () => {
  const request = call({ job_id: 'a' });

  it.each([
    [
      'a result in the declared shape',
      reply({ jsonrpc: '2.0', id: 1, result: { canceled: true } }),
      'result',
      false,
      [],
    ],
    [
      'a declared error',
      reply({ jsonrpc: '2.0', id: 1, error: { code: 10, message: 'no' } }),
      'error 10',
      true,
      [],
    ],
    [
      'a standard error',
      reply({ jsonrpc: '2.0', id: 1, error: { code: -32602, message: 'bad' } }),
      'error -32602',
      true,
      [],
    ],
    [
      'an error code the method does not declare',
      reply({ jsonrpc: '2.0', id: 1, error: { code: 20, message: 'x' } }),
      'error 20',
      true,
      ['error code 20 is not declared for cancel'],
    ],
    [
      'a result in another shape',
      reply({ jsonrpc: '2.0', id: 1, result: { canceled: 'yes' } }),
      'result',
      false,
      ['result/canceled: must be boolean'],
    ],
    [
      'an error object without a message',
      reply({ jsonrpc: '2.0', id: 1, error: { code: 10 } }),
      'error 10',
      true,
      ['error.message must be a string'],
    ],
    [
      'an answer to another id',
      reply({ jsonrpc: '2.0', id: 2, result: { canceled: true } }),
      'result',
      false,
      ['no response to the call with id 1'],
    ],
    [
      'an HTTP status other than 200',
      reply({ jsonrpc: '2.0', id: 1, result: { canceled: true } }, 500),
      'HTTP 500',
      true,
      ['HTTP status 500; JSON-RPC replies are sent with 200'],
    ],
  ])('%s', (_what, received, outcome, failed, violations) => {
    expect(protocol.reviewReply(request, received)).toEqual({
      operation: 'cancel',
      outcome,
      failed,
      violations,
    });
  });

  it('checks each answer of a batch against the call with its id', () => {
    const batch: SentRequest = {
      ...request,
      body: JSON.stringify([
        { jsonrpc: '2.0', id: 1, method: 'cancel', params: { job_id: 'a' } },
        { jsonrpc: '2.0', id: 2, method: 'cancel', params: { job_id: 'b' } },
      ]),
    };
    const answers = [
      { jsonrpc: '2.0', id: 2, error: { code: 99, message: 'x' } },
      { jsonrpc: '2.0', id: 1, result: { canceled: true } },
    ];
    expect(protocol.reviewReply(batch, reply(answers))).toEqual({
      operation: 'cancel',
      outcome: 'error 99, result',
      failed: true,
      violations: ['error code 99 is not declared for cancel'],
    });
  });
});
