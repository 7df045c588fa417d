import { dereference, pointer } from '../spec/json-pointer';

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

export interface ParameterSpec {
  readonly name: string;
  readonly in: ParameterLocation;
  readonly required: boolean;
  /** JSON pointer of the parameter's schema in the document. */
  readonly schemaAt: string;
}

export interface ResponseSpec {
  /** Media type → JSON pointer of its schema (undefined when the content has no schema). */
  readonly content: ReadonlyMap<string, string | undefined>;
  /** Declared headers, lower case, and whether each is required. */
  readonly headers: ReadonlyMap<string, { required: boolean; schemaAt: string | undefined }>;
  /** A reply of jobmock's own (`x-jobmock`: its limits and checks), not one the real service sends. */
  readonly jobmockOnly: boolean;
}

/** One operation of an OpenAPI document, with everything the engine needs pre-resolved. */
export interface OperationSpec {
  readonly id: string;
  readonly method: string;
  readonly template: string;
  readonly parameters: readonly ParameterSpec[];
  /** Media type → JSON pointer of the body schema; undefined when the operation takes no body. */
  readonly body: { readonly required: boolean; readonly content: ReadonlyMap<string, string> } | undefined;
  /** Status ('200', '4XX', 'default') → response. */
  readonly responses: ReadonlyMap<string, ResponseSpec>;
  /** Security requirements; an empty list means the operation is open. */
  readonly security: readonly Readonly<Record<string, readonly string[]>>[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

type Doc = Record<string, unknown>;

/** Reads every operation of an OpenAPI 3.1 document. */
export function readOperations(doc: Doc): OperationSpec[] {
  const operations: OperationSpec[] = [];
  const paths = (doc.paths ?? {}) as Record<string, Record<string, unknown>>;
  const defaultSecurity = (doc.security ?? []) as OperationSpec['security'];
  for (const [template, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method] as Doc | undefined;
      if (!op) continue;
      const at = pointer('paths', template, method);
      operations.push({
        id: String(op.operationId ?? `${method} ${template}`),
        method: method.toUpperCase(),
        template,
        parameters: readParameters(doc, [
          [pointer('paths', template, 'parameters'), item.parameters],
          [at + '/parameters', op.parameters],
        ]),
        body: readBody(doc, at + '/requestBody'),
        responses: readResponses(doc, at + '/responses'),
        security: (op.security ?? defaultSecurity) as OperationSpec['security'],
      });
    }
  }
  return operations;
}

function readParameters(doc: Doc, lists: [string, unknown][]): ParameterSpec[] {
  const byKey = new Map<string, ParameterSpec>();
  for (const [at, list] of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((_, i) => {
      const { value, at: paramAt } = dereference(doc, `${at}/${i}`);
      const p = value as { name: string; in: ParameterLocation; required?: boolean };
      byKey.set(`${p.in}:${p.name}`, {
        name: p.name,
        in: p.in,
        required: p.in === 'path' || p.required === true,
        schemaAt: paramAt + '/schema',
      });
    });
  }
  return [...byKey.values()];
}

function readBody(doc: Doc, at: string): OperationSpec['body'] {
  const { value, at: bodyAt } = dereference(doc, at);
  if (!value) return undefined;
  const body = value as { required?: boolean; content?: Record<string, unknown> };
  const content = new Map<string, string>();
  for (const media of Object.keys(body.content ?? {}))
    content.set(media, pointer(...splitPointer(bodyAt), 'content', media, 'schema'));
  return { required: body.required === true, content };
}

function readResponses(doc: Doc, at: string): Map<string, ResponseSpec> {
  const responses = new Map<string, ResponseSpec>();
  const { value } = dereference(doc, at);
  for (const status of Object.keys((value ?? {}) as object)) {
    const { value: response, at: responseAt } = dereference(doc, `${at}/${status}`);
    const r = response as {
      content?: Record<string, { schema?: unknown }>;
      headers?: Record<string, unknown>;
      'x-jobmock'?: unknown;
    };
    const content = new Map<string, string | undefined>();
    for (const [media, entry] of Object.entries(r.content ?? {})) {
      content.set(
        media,
        entry.schema ? pointer(...splitPointer(responseAt), 'content', media, 'schema') : undefined,
      );
    }
    const headers = new Map<string, { required: boolean; schemaAt: string | undefined }>();
    for (const name of Object.keys(r.headers ?? {})) {
      const { value: header, at: headerAt } = dereference(
        doc,
        pointer(...splitPointer(responseAt), 'headers', name),
      );
      const h = header as { required?: boolean; schema?: unknown };
      headers.set(name.toLowerCase(), {
        required: h.required === true,
        schemaAt: h.schema ? headerAt + '/schema' : undefined,
      });
    }
    responses.set(status, { content, headers, jobmockOnly: r['x-jobmock'] !== undefined });
  }
  return responses;
}

/** Splits a JSON pointer into its unescaped segments. */
function splitPointer(at: string): string[] {
  return at
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
