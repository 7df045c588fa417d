import type { OperationSpec } from '../../../src/openapi/operation';
import { Router } from '../../../src/openapi/router';

const op = (method: string, template: string): OperationSpec => ({
  id: `${method} ${template}`,
  method,
  template,
  parameters: [],
  body: undefined,
  responses: new Map(),
  security: [],
});

const router = new Router([
  op('GET', '/jobs/{id}'),
  op('PUT', '/jobs/{id}/cancel'),
  op('GET', '/jobs/{id}/{part}'),
  op('POST', '/jobs'),
]);

describe('Router', () => {
  it.each([
    ['POST', '/jobs', 'POST /jobs', {}],
    ['GET', '/jobs/42', 'GET /jobs/{id}', { id: '42' }],
    ['PUT', '/jobs/42/cancel', 'PUT /jobs/{id}/cancel', { id: '42' }],
    ['GET', '/jobs/a%20b/x', 'GET /jobs/{id}/{part}', { id: 'a b', part: 'x' }],
  ])('%s %s → %s', (method, path, id, params) => {
    const found = router.route(method, path);
    expect(found).toMatchObject({ found: true, operation: { id }, pathParams: params });
  });

  it('tells a wrong method (405) from an unknown path (404)', () => {
    expect(router.route('DELETE', '/jobs')).toEqual({
      found: false,
      reason: 'MethodNotAllowed',
      allowed: ['POST'],
    });
    expect(router.route('GET', '/nothing/here')).toMatchObject({ found: false, reason: 'RouteNotFound' });
    expect(router.route('GET', '/jobs//x')).toMatchObject({ found: false });
  });
});
