import type { AnyApiDefinition, ClientRequest } from '../../src/api';
import { OpenApiDocument } from '../../src/openapi/openapi-document';
import { OpenRpcDocument } from '../../src/openrpc/openrpc-document';
import { dereference, pointer } from '../../src/spec/json-pointer';
import { specDocument as documentOf } from '../../src/spec/load-spec';

/** One operation (OpenAPI) or method (OpenRPC), as the spec document itself declares it. */
export interface DeclaredOperation {
  /** The operationId or method name (undefined when the document gives none). */
  readonly name: string | undefined;
  /** Where it is in the document (a JSON pointer), for messages. */
  readonly at: string;
  /** Its `x-cancellable-states`: present on the cancel operation only. */
  readonly cancellableStates: readonly string[] | undefined;
  /** Its `x-upstream-cancellable-states`: where the real service's cancel takes effect, when that differs. */
  readonly upstreamCancellableStates: readonly string[] | undefined;
  /** Its `x-upstream-cancels-unknown-jobs`: the real service's cancel makes an unknown job, cancelled. */
  readonly upstreamCancelsUnknownJobs: boolean;
}

/** An API's spec, compiled as the runtimes compile it (routing, reply checking). */
export type CompiledSpec =
  | { readonly protocol: 'openapi'; readonly document: OpenApiDocument }
  | { readonly protocol: 'openrpc'; readonly document: OpenRpcDocument };

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** The parsed spec document of an API (its definition's, or the file it names). */
export function specDocument(api: AnyApiDefinition): Record<string, unknown> {
  return documentOf(api);
}

/** Every operation of the API's spec document, read from the document rather than from the runtime. */
export function declaredOperations(api: AnyApiDefinition): DeclaredOperation[] {
  const document = specDocument(api);
  const pointers =
    api.protocol === 'openapi'
      ? Object.keys((document.paths ?? {}) as object).flatMap((template) =>
          HTTP_METHODS.map((method) => pointer('paths', template, method)),
        )
      : ((document.methods ?? []) as unknown[]).map((_, i) => pointer('methods', i));
  const found: DeclaredOperation[] = [];
  for (const at of pointers) {
    const { value } = dereference(document, at);
    if (value === undefined) continue;
    const operation = value as Record<string, unknown>;
    const name = api.protocol === 'openapi' ? operation.operationId : operation.name;
    found.push({
      name: typeof name === 'string' ? name : undefined,
      at,
      cancellableStates: operation['x-cancellable-states'] as string[] | undefined,
      upstreamCancellableStates: operation['x-upstream-cancellable-states'] as string[] | undefined,
      upstreamCancelsUnknownJobs: operation['x-upstream-cancels-unknown-jobs'] === true,
    });
  }
  return found;
}

const compiled = new Map<string, CompiledSpec>();

/** The API's spec compiled once per test file. */
export function compiledSpec(api: AnyApiDefinition): CompiledSpec {
  let spec = compiled.get(api.id);
  if (!spec) {
    spec =
      api.protocol === 'openapi'
        ? { protocol: 'openapi', document: new OpenApiDocument(specDocument(api)) }
        : { protocol: 'openrpc', document: new OpenRpcDocument(specDocument(api)) };
    compiled.set(api.id, spec);
  }
  return spec;
}

/** The spec's cancel operation (the one with `x-cancellable-states`). */
export function cancelOperation(api: AnyApiDefinition): DeclaredOperation | undefined {
  return declaredOperations(api).find((op) => op.cancellableStates !== undefined);
}

/** The operation (or method) a client request calls, by the spec's routing; undefined when none. */
export function operationOf(api: AnyApiDefinition, request: ClientRequest): string | undefined {
  const spec = compiledSpec(api);
  if (spec.protocol === 'openrpc') {
    const method = (request.body as { method?: unknown } | undefined)?.method;
    return typeof method === 'string' && spec.document.methods.has(method) ? method : undefined;
  }
  const routed = spec.document.route(request.method, request.path.split('?')[0]!);
  return routed.found ? routed.operation.id : undefined;
}

/** Every list of values (`enum`) anywhere in a document. */
export function enumsOf(node: unknown): unknown[][] {
  if (node === null || typeof node !== 'object') return [];
  const own = !Array.isArray(node) && Array.isArray((node as { enum?: unknown }).enum);
  return [...(own ? [(node as { enum: unknown[] }).enum] : []), ...Object.values(node).flatMap(enumsOf)];
}
