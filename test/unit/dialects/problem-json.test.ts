import { fault } from '../../../src/core/fault';
import { problemJson } from '../../../src/dialects/problem-json';

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

  it("takes an API's own type link and title for the status", () => {
    const reply = problemJson(fault('Internal', 'boom'), {
      type: 'https://tools.ietf.org/html/rfc7231#section-6.6.1',
      title: 'An error occurred while processing your request.',
    });
    expect(reply.body).toMatchObject({
      type: 'https://tools.ietf.org/html/rfc7231#section-6.6.1',
      title: 'An error occurred while processing your request.',
      status: 500,
      detail: 'boom',
    });
  });

  it('lets an injected status win', () => {
    expect(problemJson(fault('Internal', 'x', { status: 503 })).status).toBe(503);
  });
});
