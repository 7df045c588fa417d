import fc from 'fast-check';

type Schema = Record<string, unknown>;

/**
 * Values a field may take besides what its schema generates: ids of jobs that exist, by field name
 * (lower case), so generated calls reach real jobs and not only 404s.
 */
export type KnownValues = ReadonlyMap<string, readonly unknown[]>;

/** Field names that hold a job id when the jobs' documents do not name them otherwise. */
export const ID_NAME = /(id|ids|^jobs)$/i;

/**
 * fast-check arbitraries for the values a JSON Schema (2020-12 / OpenAPI 3.1) accepts, resolving local
 * `$ref`s in the spec document. Covers what the five specs use: type (and type lists), enum, const,
 * allOf/oneOf/anyOf, properties/required/additionalProperties, items, string lengths, formats and patterns,
 * numeric ranges. Generation aims at valid values; the oracle never depends on a value being valid.
 */
export class SchemaArbitraries {
  constructor(private readonly document: Schema) {}

  /** The schema at a JSON pointer of the document (`#/components/...` or `/paths/...`). */
  at(pointer: string): unknown {
    const parts = pointer.replace(/^#/, '').split('/').slice(1);
    let node: unknown = this.document;
    for (const raw of parts) {
      const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      node = (node as Record<string, unknown> | undefined)?.[part];
    }
    return node;
  }

  /** Follows `$ref`s until a schema without one (siblings of `$ref` are merged in). */
  resolve(schema: unknown, seen = 0): Schema | boolean {
    if (typeof schema === 'boolean') return schema;
    if (!schema || typeof schema !== 'object') return true;
    const s = schema as Schema;
    if (typeof s.$ref === 'string' && seen < 20) {
      const { $ref, ...rest } = s;
      const target = this.resolve(this.at($ref as string), seen + 1);
      if (typeof target === 'boolean') return target;
      return Object.keys(rest).length ? { ...target, ...rest } : target;
    }
    return s;
  }

  /** Values the schema accepts. `name` is the field's name (for known ids); `depth` bounds recursion. */
  valid(schema: unknown, name = '', known: KnownValues = new Map(), depth = 0): fc.Arbitrary<unknown> {
    const generated = this.generate(schema, name, known, depth);
    const values = known
      .get(name.toLowerCase())
      ?.map((v) => this.coerce(schema, v))
      .filter((v) => this.fits(schema, v));
    if (values?.length) {
      return fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...values) },
        { weight: 1, arbitrary: generated },
      );
    }
    return generated;
  }

  /** A numeric string as a number, for a numeric schema (an owner `"1234"` for an integer `Customer-Id`). */
  private coerce(schema: unknown, value: unknown): unknown {
    const r = this.resolve(schema);
    if (typeof r === 'boolean' || typeof value !== 'string' || value.trim() === '') return value;
    const s = Array.isArray(r.allOf) ? this.mergeAllOf(r) : r;
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type];
    return (types.includes('integer') || types.includes('number')) &&
      !types.includes('string') &&
      Number.isFinite(Number(value))
      ? Number(value)
      : value;
  }

  /** Whether a known value has a type the schema allows (a string id for a string field, ...). */
  private fits(schema: unknown, value: unknown): boolean {
    const r = this.resolve(schema);
    if (typeof r === 'boolean') return r;
    const s = Array.isArray(r.allOf) ? this.mergeAllOf(r) : r;
    const types = Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : [];
    if (Array.isArray(s.enum)) return s.enum.includes(value);
    if (!types.length) return !s.properties && !s.items && !s.oneOf && !s.anyOf && !s.allOf;
    return types.some((t) =>
      t === 'integer'
        ? Number.isInteger(value)
        : t === 'string' || t === 'number'
          ? typeof value === t
          : false,
    );
  }

  private generate(raw: unknown, name: string, known: KnownValues, depth: number): fc.Arbitrary<unknown> {
    const s = this.resolve(raw);
    if (s === true) return fc.jsonValue({ maxDepth: 2 });
    if (s === false) return fc.constant(null);
    if ('const' in s) return fc.constant(s.const);
    if (Array.isArray(s.enum) && s.enum.length) return fc.constantFrom(...(s.enum as unknown[]));
    if (Array.isArray(s.allOf)) return this.generate(this.mergeAllOf(s), name, known, depth);
    const alternatives = (s.oneOf ?? s.anyOf) as unknown[] | undefined;
    if (Array.isArray(alternatives) && alternatives.length) {
      const base = { ...s };
      delete base.oneOf;
      delete base.anyOf;
      return fc.oneof(
        ...alternatives.map((alt) => {
          const r = this.resolve(alt);
          return this.valid(typeof r === 'boolean' ? r : { ...base, ...r }, name, known, depth + 1);
        }),
      );
    }
    const types = Array.isArray(s.type)
      ? (s.type as string[])
      : typeof s.type === 'string'
        ? [s.type]
        : [s.properties ? 'object' : s.items ? 'array' : 'any'];
    return fc.oneof(...types.map((t) => this.ofType(t, s, name, known, depth)));
  }

  private ofType(
    type: string,
    s: Schema,
    name: string,
    known: KnownValues,
    depth: number,
  ): fc.Arbitrary<unknown> {
    switch (type) {
      case 'string':
        return stringArbitrary(s);
      case 'integer':
      case 'number':
        return numberArbitrary(s, type === 'integer');
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array': {
        const minLength = num(s.minItems) ?? 0;
        const maxLength = Math.max(minLength, Math.min(num(s.maxItems) ?? 3, minLength + 3));
        if (depth > 6) return fc.constant([]);
        const item = this.valid(s.items ?? true, name, known, depth + 1);
        return s.uniqueItems
          ? fc.uniqueArray(item, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
          : fc.array(item, { minLength, maxLength });
      }
      case 'object':
        return this.objectArbitrary(s, known, depth);
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }

  private objectArbitrary(s: Schema, known: KnownValues, depth: number): fc.Arbitrary<unknown> {
    const properties = (s.properties ?? {}) as Record<string, unknown>;
    const required = new Set((s.required ?? []) as string[]);
    // Deep in a recursive schema, only required properties (and none at all past a hard stop).
    const keys = Object.keys(properties).filter((k) => depth < 5 || required.has(k));
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const key of keys) model[key] = this.valid(properties[key], key, known, depth + 1);
    const record = fc.record(model, { requiredKeys: keys.filter((k) => required.has(k)) });
    const extra = s.additionalProperties;
    if (extra && typeof extra === 'object' && depth < 4) {
      const values = this.valid(extra, '', known, depth + 1);
      const names = fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !(k in properties));
      const minKeys = Math.max(0, (num(s.minProperties) ?? 0) - required.size);
      return fc
        .tuple(record, fc.dictionary(names, values, { minKeys, maxKeys: minKeys + 2 }))
        .map(([r, d]) => ({ ...d, ...(r as object) }));
    }
    return record;
  }

  private mergeAllOf(s: Schema): Schema {
    const { allOf, ...rest } = s;
    const merged: Schema = { ...rest };
    for (const part of allOf as unknown[]) {
      const r = this.resolve(part);
      if (typeof r === 'boolean') continue;
      const flat = Array.isArray(r.allOf) ? this.mergeAllOf(r) : r;
      for (const [k, v] of Object.entries(flat)) {
        if (k === 'properties') merged.properties = { ...(merged.properties as object), ...(v as object) };
        else if (k === 'required')
          merged.required = [...((merged.required ?? []) as string[]), ...(v as string[])];
        else merged[k] = v;
      }
    }
    return merged;
  }
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function stringArbitrary(s: Schema): fc.Arbitrary<string> {
  const minLength = num(s.minLength) ?? 0;
  const maxLength = Math.max(minLength, Math.min(num(s.maxLength) ?? 24, minLength + 24));
  const fits = (v: string) => v.length >= minLength && v.length <= (num(s.maxLength) ?? Infinity);
  switch (s.format) {
    case 'uuid':
      return fc.uuid();
    case 'date-time':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'date':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'email':
      return fc.emailAddress();
    case 'uri':
    case 'url':
      return fc.webUrl();
    default:
  }
  if (typeof s.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(s.pattern)).filter(fits);
    } catch {
      // a pattern JavaScript cannot read: plain strings
    }
  }
  const key = `${minLength}:${maxLength}`;
  let plain = plainStrings.get(key);
  if (!plain) {
    plain = fc.oneof(
      { weight: 4, arbitrary: fc.string({ minLength, maxLength }) },
      { weight: 1, arbitrary: fc.string({ minLength, maxLength, unit: 'grapheme-composite' }) },
    );
    plainStrings.set(key, plain);
  }
  return plain.filter(fits);
}

/** String arbitraries are shared: each builds a large table the first time it shrinks. */
const plainStrings = new Map<string, fc.Arbitrary<string>>();

function numberArbitrary(s: Schema, integer: boolean): fc.Arbitrary<number> {
  let min = num(s.minimum) ?? (typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : -1000);
  let max = num(s.maximum) ?? (typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum - 1 : 100_000);
  if (s.format === 'int32') {
    min = Math.max(min, -(2 ** 31));
    max = Math.min(max, 2 ** 31 - 1);
  }
  if (integer || s.format === 'int32' || s.format === 'int64') {
    return fc.integer({ min: Math.ceil(min), max: Math.floor(Math.max(min, max)) });
  }
  return fc.double({ min, max: Math.max(min, max), noNaN: true, noDefaultInfinity: true });
}
