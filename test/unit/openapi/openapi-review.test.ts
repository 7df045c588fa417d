import type { ReceivedReply, SentRequest } from '../../../src/engine/protocol';
import { OpenApiProtocol } from '../../../src/openapi/openapi-protocol';

const error = { type: 'object', required: ['message'], properties: { message: { type: 'string' } } };
const spec = {
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: {
    '/jobs/{id}/cancel': {
      post: {
        operationId: 'cancel',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } },
            },
          },
        },
        responses: {
          '204': { description: 'cancelled' },
          '404': {
            description: 'unknown',
            headers: { 'x-error': { required: true, schema: { type: 'string' } } },
            content: { 'application/json': { schema: error } },
          },
        },
      },
    },
  },
};
const protocol = new OpenApiProtocol({ id: 't', handlers: { cancel: () => undefined } } as never, spec);

const cancel = (target: string, body: string): SentRequest => ({
  method: 'POST',
  target,
  headers: { 'content-type': 'application/json' },
  body,
});
const reply = (status: number, body = '', headers: Record<string, string> = {}): ReceivedReply => ({
  status,
  headers: body ? { 'content-type': 'application/json', ...headers } : headers,
  body,
});

describe('OpenApiProtocol.reviewRequest', () => {
  it.each([
    ['a request the spec takes', cancel('/jobs/1/cancel', '{"reason":"r"}'), []],
    ['a path no operation has', cancel('/nothing', '{}'), [/^No operation for POST \/nothing/]],
    [
      'a body without its required member',
      cancel('/jobs/1/cancel', '{}'),
      [/^body\/reason: must have required property 'reason'$/],
    ],
    [
      'a path parameter of the wrong type',
      cancel('/jobs/x/cancel', '{"reason":"r"}'),
      [/^path id: must be a decimal number$/],
    ],
    ['a body that is not JSON', cancel('/jobs/1/cancel', '{'), [/not valid JSON/]],
  ])('%s', (_what, request, issues) => {
    expect(protocol.reviewRequest(request)).toEqual(issues.map((issue) => expect.stringMatching(issue)));
  });
});

describe('OpenApiProtocol.reviewReply', () => {
  const request = cancel('/jobs/1/cancel', '{"reason":"r"}');

  it.each([
    ['a declared status without a body', reply(204), 'HTTP 204', false, []],
    [
      'a declared error in the declared shape',
      reply(404, '{"message":"no"}', { 'x-error': 'e' }),
      'HTTP 404',
      true,
      [],
    ],
    [
      'a status the operation does not declare',
      reply(200, '{}'),
      'HTTP 200',
      false,
      ['status 200 is not declared for cancel'],
    ],
    [
      'an error in another shape',
      reply(404, '{"Error":{}}', { 'x-error': 'e' }),
      'HTTP 404',
      true,
      ["body/message: must have required property 'message'"],
    ],
    [
      'an error without its required header',
      reply(404, '{"message":"no"}'),
      'HTTP 404',
      true,
      ['required header x-error is missing'],
    ],
    [
      'a body on a status that declares none',
      reply(204, '{}'),
      'HTTP 204',
      false,
      ['status 204 declares no body but one was sent'],
    ],
  ])('%s', (_what, received, outcome, failed, violations) => {
    expect(protocol.reviewReply(request, received)).toEqual({
      operation: 'cancel',
      outcome,
      failed,
      violations,
    });
  });

  it('skips required headers when told (replies recorded without them)', () => {
    const review = protocol.reviewReply(request, reply(404, '{"message":"no"}'), { headers: false });
    expect(review.violations).toEqual([]);
  });

  it('does not check the reply to a request no operation takes', () => {
    const review = protocol.reviewReply(cancel('/nothing', ''), reply(404, 'x'));
    expect(review).toEqual({ operation: undefined, outcome: 'HTTP 404', failed: true, violations: [] });
  });
});
