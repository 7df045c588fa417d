import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Issue } from '../core/fault';

/**
 * JSON Schema validation against one spec document: the whole document is registered once, and each
 * schema is referenced by JSON pointer, so `$ref`s inside the document resolve as written.
 * Two ajv instances: one that coerces strings (path, query, header parameters), one that does not (bodies).
 */
export class SchemaValidator {
  private readonly strictAjv: Ajv2020;
  private readonly coercingAjv: Ajv2020;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(document: object) {
    this.strictAjv = newAjv(false);
    this.coercingAjv = newAjv('array');
    this.strictAjv.addSchema(document, 'spec');
    this.coercingAjv.addSchema(document, 'spec');
  }

  /** A validator for the schema at `at` (a JSON pointer into the document), compiled once. */
  compiled(at: string): ValidateFunction {
    return this.compile('ref:' + at, { $ref: 'spec#' + at }, false);
  }

  /** A validator for a schema built from pieces of the document (parameter groups); `key` caches it. */
  compile(key: string, schema: object, coerce: boolean): ValidateFunction {
    let validate = this.cache.get(key);
    if (!validate) {
      validate = (coerce ? this.coercingAjv : this.strictAjv).compile(schema);
      this.cache.set(key, validate);
    }
    return validate;
  }
}

function newAjv(coerceTypes: false | 'array'): Ajv2020 {
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    coerceTypes,
    logger: false,
    validateFormats: true,
    // Errors carry the failed keyword's value (Issue.schemaValue); it costs nothing on valid input.
    verbose: true,
    // The specs are checked against the meta-schemas by the spec tests (test/specs); checking them again at
    // every start would compile the meta-schema in each instance, a third of the start-up time.
    validateSchema: false,
  });
  addFormats(ajv);
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  for (const open of ['float', 'double', 'byte', 'binary', 'password']) ajv.addFormat(open, true);
  return ajv;
}

/** Ajv errors as issues, located by `prefix` + the instance path, with the keyword that failed and its value. */
export function toIssues(errors: readonly ErrorObject[] | null | undefined, prefix: string): Issue[] {
  return (errors ?? []).map((e) => {
    const missing =
      e.keyword === 'required' ? `/${(e.params as { missingProperty: string }).missingProperty}` : '';
    const extra =
      e.keyword === 'additionalProperties'
        ? ` ('${(e.params as { additionalProperty: string }).additionalProperty}')`
        : '';
    const allowed =
      e.keyword === 'enum' ? `: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}` : '';
    return {
      location: prefix + e.instancePath + missing,
      message: `${e.message ?? 'is invalid'}${extra}${allowed}`,
      keyword: e.keyword,
      schemaValue: e.schema,
    };
  });
}
