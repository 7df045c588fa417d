import { APIS_UNDER_TEST } from './apis-under-test';
import type { AnyApiDefinition } from '../../src/api';
import { createMockService } from '../../src/mock-service';
import { compiledSpec, declaredOperations, operationOf } from './spec-of';

/**
 * Every API of the registry against its own spec document: each operation it declares has a handler, each
 * handler serves a declared operation, and the calls a generic client makes (`jobRequests`) are calls of the
 * spec's cancel operation and of a read operation. Read from the documents themselves, not only from what the
 * runtimes check when they are built.
 */
describe.each(APIS_UNDER_TEST.map((api) => [api.id, api] as const))('%s', (_id, api) => {
  const declared = declaredOperations(api);
  const names = declared.map((op) => op.name);
  const cancelOperations = declared.filter((op) => op.cancellableStates !== undefined);

  it('names every operation of its spec, each once', () => {
    expect(declared.length).toBeGreaterThan(0);
    expect(declared.filter((op) => op.name === undefined).map((op) => op.at)).toEqual([]);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });

  it('has a handler for every operation of its spec', () => {
    expect(names.filter((name) => !Object.hasOwn(api.handlers, name!))).toEqual([]);
  });

  it('has no handler for an operation its spec does not declare', () => {
    expect(Object.keys(api.handlers).filter((name) => !names.includes(name))).toEqual([]);
  });

  it('marks exactly one operation as the cancel operation (x-cancellable-states)', () => {
    expect(cancelOperations).toHaveLength(1);
  });

  it('cancels a job through that operation and reads it back through another one (jobRequests)', () => {
    const cancel = operationOf(api, api.jobRequests.cancel('some-job'));
    const read = operationOf(api, api.jobRequests.read('some-job'));
    expect(cancel).toBe(cancelOperations[0]?.name);
    expect(read).toBeDefined();
    expect(read).not.toBe(cancel);
  });

  it('creates a job through a third operation of its spec, if it has one (jobRequests.create)', () => {
    const create = api.jobRequests.create;
    if (!create) return expect(api.id).toBe('kbase'); // the BFF has no create call
    const operation = operationOf(api, create.request('some-job'));
    expect(operation).toBeDefined();
    expect([
      operationOf(api, api.jobRequests.cancel('some-job')),
      operationOf(api, api.jobRequests.read('some-job')),
    ]).not.toContain(operation);
  });

  it('reads the same operations from its document as its runtime does', () => {
    const spec = compiledSpec(api);
    const compiledNames =
      spec.protocol === 'openapi'
        ? spec.document.operations.map((op) => op.id)
        : [...spec.document.methods.keys()];
    expect(compiledNames.sort()).toEqual([...names].sort());
  });

  it('cannot be served with a handler missing (the runtime refuses to start)', () => {
    const [first] = Object.keys(api.handlers);
    const handlers = Object.fromEntries(Object.entries(api.handlers).filter(([name]) => name !== first));
    const incomplete = { ...api, handlers } as AnyApiDefinition;
    expect(() => createMockService({ apis: [incomplete] })).toThrow('no handler for');
  });
});
