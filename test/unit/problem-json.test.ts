import { fault } from '../../src/core/fault';
import { problemJson } from '../../src/dialects/problem-json';
import { jsonRpcError } from '../../src/dialects/json-rpc-error';

describe('problemJson (RFC 7807)', () => {
  it('writes type, title, status, detail and instance with application/problem+json', () => {
    const reply = problemJson(fault('NotFound', 'No job 7'), { instance: '/v1/jobs/7' });
    expect(reply).toEqual({
      status: 404,
      headers: { 'content-type': 'application/problem+json' },
      body: {
        type: 'https://tools.ietf.org/html/rfc9110#section-15.5.5',
        title: 'Not Found',
        status: 404,
        detail: 'No job 7',
        instance: '/v1/jobs/7',
      },
    });
  });

  it('takes a status override and extensions (ValidationProblemDetails)', () => {
    const reply = problemJson(fault('NotCancellable', 'started'), {
      status: 422,
      extensions: { errors: { jobId: ['started'] } },
    });
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({
      status: 422,
      title: 'Unprocessable Entity',
      errors: { jobId: ['started'] },
    });
  });

  it('lets an injected status win', () => {
    expect(problemJson(fault('Internal', 'x', { status: 503 })).status).toBe(503);
  });
});

describe('jsonRpcError (JSON-RPC 2.0 §5.1)', () => {
  it.each([
    [fault('ParseError', 'bad'), -32700],
    [fault('BadRequest', 'bad'), -32600],
    [fault('BadRequest', 'bad params', { code: -32602 }), -32602],
    [fault('RouteNotFound', 'no method'), -32601],
    [fault('Internal', 'boom'), -32603],
    [fault('Forbidden', 'no'), -32000],
  ])('%s → %i', (f, code) => {
    expect(jsonRpcError(f).code).toBe(code);
  });
});
