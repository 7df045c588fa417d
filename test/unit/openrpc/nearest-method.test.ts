import { nearestMethod } from '../../../src/openrpc/nearest-method';

const METHODS = ['JobBrowserBFF.cancel_job', 'JobBrowserBFF.get_jobs', 'JobBrowserBFF.status'];

describe('nearestMethod', () => {
  it.each([
    ['JobBrowserBFF.cancel_jbo', 'JobBrowserBFF.cancel_job'],
    ['jobbrowserbff.cancel_job', 'JobBrowserBFF.cancel_job'],
    ['cancel_job', 'JobBrowserBFF.cancel_job'],
    ['execution_engine2.cancel_job', 'JobBrowserBFF.cancel_job'],
    ['JobBrowserBFF.getjobs', 'JobBrowserBFF.get_jobs'],
  ])('%s → %s', (method, meant) => {
    expect(nearestMethod(method, METHODS)).toBe(`Did you mean ${meant}?`);
  });

  it('names nothing when no method is close', () => {
    expect(nearestMethod('Workspace.save_objects', METHODS)).toBeUndefined();
  });
});
