import type { AnyApiDefinition, MockReply, ValidCall } from '../../../src/index';
import { compiledSpec } from '../../conformance/spec-of';

/** Shapes no 2xx schema of the five APIs allows for its body (or result): each is tried in turn. */
const WRONG_SHAPES: readonly ((body: unknown) => unknown)[] = [
  (body) => [body],
  () => 'wrong shape',
  () => 42,
  () => ({ 'jobmock-planted-bug': true }),
];

/**
 * A copy of an API whose handler for one operation returns a body of the wrong shape on success — the bug
 * the generated-traffic suite must find. Picks the cancel operation when there is one.
 */
export function withPlantedBug(api: AnyApiDefinition): { api: AnyApiDefinition; operation: string } {
  const spec = compiledSpec(api);
  const names = Object.keys(api.handlers);
  const operation = names.find((n) => /cancel/i.test(n)) ?? names[0]!;
  const original = api.handlers[operation]!;
  if (spec.protocol === 'openapi') {
    const doc = spec.document;
    const op = doc.operation(operation)!;
    const status = [...op.responses.keys()].find((s) => s.startsWith('2')) ?? '200';
    const wrong = WRONG_SHAPES.find(
      (shape) =>
        doc.checkReply(
          op,
          { status: Number(status), headers: { 'content-type': 'application/json' }, body: shape({}) },
          { headers: false },
        ).length > 0,
    )!;
    const broken = (call: ValidCall): MockReply => {
      const reply = (original as (c: ValidCall) => MockReply)(call);
      return reply.status < 300 ? { ...reply, body: wrong(reply.body) } : reply;
    };
    return {
      api: { ...api, handlers: { ...api.handlers, [operation]: broken } } as AnyApiDefinition,
      operation,
    };
  }
  const doc = spec.document;
  const method = doc.methods.get(operation)!;
  const wrong = WRONG_SHAPES.find((shape) => doc.checkResponse(method, { result: shape({}) }).length > 0)!;
  const broken = (call: ValidCall): unknown => wrong((original as (c: ValidCall) => unknown)(call));
  return {
    api: { ...api, handlers: { ...api.handlers, [operation]: broken } } as AnyApiDefinition,
    operation,
  };
}
