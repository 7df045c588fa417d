import type { MockRequest } from '../../../src/core/wire';
import { nearestOperation } from '../../../src/openapi/nearest-operation';
import type { OperationSpec } from '../../../src/openapi/operation';

const op = (id: string, method: string, template: string) => ({ id, method, template }) as OperationSpec;
const OPERATIONS = [
  op('CancelJob', 'POST', '/v1/canceljob'),
  op('DescribeJobs', 'POST', '/v1/describejobs'),
  op('CancelJobById', 'PUT', '/v1/jobs/{id}/cancel'),
  op('GetJob', 'GET', '/v1/jobs/{id}'),
];
const request = (method: string, path: string, base = '/api'): MockRequest => ({
  method,
  path,
  base,
  query: {},
  headers: {},
  rawBody: '',
});

describe('nearestOperation', () => {
  it.each([
    ['POST', '/v1/cancel-job', 'Did you mean POST /api/v1/canceljob (CancelJob)?'],
    ['POST', '/v1/cancelJob', 'Did you mean POST /api/v1/canceljob (CancelJob)? (paths are case-sensitive)'],
    ['POST', '/v1/canceljob/', 'Did you mean POST /api/v1/canceljob (CancelJob)?'],
    ['PUT', '/v1/job/42/cancel', 'Did you mean PUT /api/v1/jobs/{id}/cancel (CancelJobById)?'],
    ['GET', '/v1/canceljob', 'CancelJob is POST /api/v1/canceljob, not GET'],
    ['POST', '/v1/jobs/42/cancel', 'CancelJobById is PUT /api/v1/jobs/{id}/cancel, not POST'],
  ])('%s %s → %s', (method, path, hint) => {
    expect(nearestOperation(OPERATIONS, request(method, path))).toBe(hint);
  });

  it('names nothing when no operation is close', () => {
    expect(nearestOperation(OPERATIONS, request('GET', '/totally/elsewhere/here'))).toBeUndefined();
    expect(nearestOperation(OPERATIONS, request('POST', '/'))).toBeUndefined();
  });
});
