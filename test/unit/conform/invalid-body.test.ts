import { invalidBodies } from '../../../src/conform/invalid-body';

describe('invalidBodies', () => {
  it('empties the innermost object of a body, then puts a string in its place', () => {
    const rpc = {
      method: 'POST',
      path: '/',
      body: { jsonrpc: '2.0', id: 1, method: 'cancel', params: { job_id: 'j', timeout: 10 } },
    };
    expect(invalidBodies(rpc).map((r) => r.body)).toEqual([
      { jsonrpc: '2.0', id: 1, method: 'cancel', params: {} },
      { jsonrpc: '2.0', id: 1, method: 'cancel', params: 'not an object' },
    ]);
  });

  it('empties a flat body itself, keeping the rest of the request', () => {
    const rest = { method: 'PUT', path: '/v1/jobs/1/cancel', headers: { 'Customer-Id': '4321' } };
    expect(invalidBodies({ ...rest, body: { reason: 'r' } })).toEqual([
      { ...rest, body: {} },
      { ...rest, body: 'not an object' },
    ]);
  });

  it('has none for a request without a JSON object body', () => {
    expect(invalidBodies({ method: 'POST', path: '/cancel' })).toEqual([]);
    expect(invalidBodies({ method: 'POST', path: '/cancel', body: [1] })).toEqual([]);
  });
});
