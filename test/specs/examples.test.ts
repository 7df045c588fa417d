import { dereference, pointer } from '../../src/spec/json-pointer';
import { SchemaValidator } from '../../src/spec/schema-validator';
import type { SpecFile } from './spec-files';
import { specFiles } from './spec-files';

interface ExampleCase {
  /** Where the example is, for the failure message. */
  readonly where: string;
  readonly schemaAt: string;
  readonly value: unknown;
}

type Node = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** The named examples (and single `example`) of a media type, parameter or header object. */
function examplesOf(doc: Node, at: string, where: string, schemaAt: string): ExampleCase[] {
  const node = dereference(doc, at).value as Node;
  const cases: ExampleCase[] = [];
  if ('example' in node) cases.push({ where: `${where} example`, schemaAt, value: node.example });
  for (const name of Object.keys((node.examples ?? {}) as Node)) {
    const example = dereference(doc, `${at}/examples/${name}`).value as Node;
    if ('value' in example)
      cases.push({ where: `${where} example "${name}"`, schemaAt, value: example.value });
  }
  return cases;
}

function openApiExamples(doc: Node): { cases: ExampleCase[]; missing: string[] } {
  const cases: ExampleCase[] = [];
  const missing: string[] = [];
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Node>)) {
    for (const method of METHODS.filter((m) => item[m])) {
      const op = pointer('paths', path, method);
      const name = `${method.toUpperCase()} ${path}`;
      const body = dereference(doc, `${op}/requestBody`);
      for (const media of Object.keys(((body.value as Node | undefined)?.content ?? {}) as Node)) {
        const at = `${body.at}${pointer('content', media)}`;
        cases.push(...examplesOf(doc, at, `${name} request ${media}`, `${at}/schema`));
      }
      ((dereference(doc, `${op}/parameters`).value ?? []) as unknown[]).forEach((_, i) => {
        const param = dereference(doc, `${op}/parameters/${i}`);
        cases.push(
          ...examplesOf(
            doc,
            param.at,
            `${name} parameter ${(param.value as Node).name}`,
            `${param.at}/schema`,
          ),
        );
      });
      for (const status of Object.keys((dereference(doc, `${op}/responses`).value ?? {}) as Node)) {
        const response = dereference(doc, `${op}/responses/${status}`);
        for (const media of Object.keys(((response.value as Node).content ?? {}) as Node)) {
          const at = `${response.at}${pointer('content', media)}`;
          const found = examplesOf(doc, at, `${name} ${status} ${media}`, `${at}/schema`);
          if (found.length === 0) missing.push(`${name} ${status} ${media}`);
          cases.push(...found);
        }
        for (const header of Object.keys(((response.value as Node).headers ?? {}) as Node)) {
          const h = dereference(doc, `${response.at}${pointer('headers', header)}`);
          cases.push(...examplesOf(doc, h.at, `${name} ${status} header ${header}`, `${h.at}/schema`));
        }
      }
    }
  }
  return { cases, missing };
}

function openRpcExamples(doc: Node): { cases: ExampleCase[]; missing: string[] } {
  const cases: ExampleCase[] = [];
  const missing: string[] = [];
  ((doc.methods ?? []) as Node[]).forEach((_, i) => {
    const method = dereference(doc, pointer('methods', i));
    const m = method.value as { name: string; params: { name: string }[]; examples?: unknown[] };
    const paramAt = (name: string) => {
      const index = m.params.findIndex((p) => p.name === name);
      return `${dereference(doc, `${method.at}/params/${index}`).at}/schema`;
    };
    if (!m.examples?.length) missing.push(m.name);
    (m.examples ?? []).forEach((__, j) => {
      const pairing = dereference(doc, `${method.at}/examples/${j}`).value as {
        name: string;
        params: { name: string; value: unknown }[];
        result?: { value: unknown };
      };
      for (const p of pairing.params) {
        cases.push({
          where: `${m.name} "${pairing.name}" param ${p.name}`,
          schemaAt: paramAt(p.name),
          value: p.value,
        });
      }
      if (pairing.result) {
        const resultAt = `${dereference(doc, `${method.at}/result`).at}/schema`;
        cases.push({
          where: `${m.name} "${pairing.name}" result`,
          schemaAt: resultAt,
          value: pairing.result.value,
        });
      }
    });
  });
  return { cases, missing };
}

const files = specFiles();
const found = (f: SpecFile) =>
  f.kind === 'openapi' ? openApiExamples(f.document) : openRpcExamples(f.document);

describe.each(files.map((f) => [f.path, f] as const))('examples of %s', (_path, file) => {
  const { cases, missing } = found(file);
  const validator = new SchemaValidator(file.document);

  it('has an example for every response with a body (every method, for OpenRPC)', () => {
    expect(missing).toEqual([]);
  });

  it('has examples to check', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it('every example is valid against its schema', () => {
    const failures = cases.flatMap((c) => {
      const validate = validator.compiled(c.schemaAt);
      return validate(c.value) ? [] : [`${c.where}: ${JSON.stringify(validate.errors?.slice(0, 2))}`];
    });
    expect(failures).toEqual([]);
  });

  it('an example broken on purpose fails validation (the check can fail)', () => {
    const objectCase = cases.find(
      (c) => c.value !== null && typeof c.value === 'object' && !Array.isArray(c.value),
    );
    expect(objectCase).toBeDefined();
    const validate = validator.compiled(objectCase!.schemaAt);
    expect(validate(42)).toBe(false);
  });
});
