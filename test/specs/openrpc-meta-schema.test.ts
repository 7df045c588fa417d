import Ajv from 'ajv';
import draft7 from 'ajv/dist/refs/json-schema-draft-07.json';
import metaSchema from '@open-rpc/meta-schema';
import { specFiles } from './spec-files';

/**
 * The OpenRPC meta-schema's schemas are draft-07 JSON Schema published as meta.json-schema.tools, whose
 * `JSONSchemaObject` definition is draft-07's own schema object; it is registered offline here.
 */
function metaValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const schemaObject: Record<string, unknown> = { ...draft7 };
  delete schemaObject.$id;
  const definitions = { ...draft7.definitions, JSONSchemaObject: schemaObject };
  for (const $id of ['https://meta.json-schema.tools', 'https://meta.json-schema.tools/']) {
    ajv.addMetaSchema({ ...draft7, $id, definitions });
  }
  return ajv.compile(metaSchema);
}

const openrpc = specFiles().filter((f) => f.kind === 'openrpc');

describe('OpenRPC specs validate against the OpenRPC meta-schema', () => {
  const validate = metaValidator();

  it('finds the KBase document', () => {
    expect(openrpc.map((f) => f.api)).toEqual(['kbase']);
  });

  it.each(openrpc.map((f) => [f.path, f.document] as const))(
    '%s is a valid OpenRPC document',
    (_path, document) => {
      validate(document);
      expect(validate.errors ?? []).toEqual([]);
    },
  );

  it('rejects a document that breaks the meta-schema (so the check can fail)', () => {
    const broken = { ...openrpc[0]!.document, methods: [{ name: 42 }] };
    expect(validate(broken)).toBe(false);
  });
});
