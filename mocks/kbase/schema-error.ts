import type { Fault, Issue } from '../../src/index';

/**
 * -32602 `data` as KBase's server writes it (`Validation.validate_params`, `schemas/Schema.py`): Python
 * jsonschema's best match among the failures, as `{schema_error: its message, schema_path: its absolute schema
 * path joined with dots, schema_value: the failed keyword's value}`, e.g. `-1 is less than the minimum of 0`,
 * `properties.timeout.minimum`, `0`. A params list of the wrong length is jsonrpcbase's `{issue}`.
 *
 * @example invalidParamsData(fault) // { schema_error: "'timeout' is a required property", schema_path: 'required', schema_value: ['job_id', 'timeout'] }
 */
export function invalidParamsData(f: Fault): Record<string, unknown> {
  const issues = f.details.issues ?? [];
  const best = bestMatch(issues);
  if (!best) {
    return { schema_error: f.message.replace(/^Invalid params: /, ''), schema_path: '', schema_value: null };
  }
  if (best.keyword === 'maxItems' && best.location === 'params') return { issue: 'too many arguments' };
  const at = segmentsOf(best);
  const path = schemaPathOf(f.details.data, at, best.keyword);
  const instance = valueAt(f.details.data, at);
  const value = best.schemaValue ?? null;
  switch (best.keyword) {
    case 'required': {
      const missing = at[at.length - 1];
      return {
        schema_error: `${pythonRepr(missing)} is a required property`,
        schema_path: schemaPathOf(f.details.data, at.slice(0, -1), 'required'),
        schema_value: value,
      };
    }
    case 'additionalProperties': {
      const extras = issues.filter((i) => i.keyword === best.keyword && i.location === best.location);
      const names = extras.map((i) => pythonRepr(extraProperty(i)));
      const verb = names.length === 1 ? 'was' : 'were';
      return {
        schema_error: `Additional properties are not allowed (${names.join(', ')} ${verb} unexpected)`,
        schema_path: path,
        schema_value: value,
      };
    }
    default: {
      const message = MESSAGES[best.keyword ?? ''];
      return {
        schema_error: message ? message(instance, value) : best.message,
        schema_path: path,
        schema_value: value,
      };
    }
  }
}

/** Python jsonschema's messages (3.2, the BFF's), by keyword: the failing value, then the keyword's value. */
const MESSAGES: Readonly<Record<string, (instance: unknown, value: unknown) => string>> = {
  type: (i, v) =>
    `${pythonRepr(i)} is not of type ${(Array.isArray(v) ? v : [v]).map(pythonRepr).join(', ')}`,
  minimum: (i, v) => `${pythonRepr(i)} is less than the minimum of ${pythonRepr(v)}`,
  maximum: (i, v) => `${pythonRepr(i)} is greater than the maximum of ${pythonRepr(v)}`,
  exclusiveMinimum: (i, v) => `${pythonRepr(i)} is less than or equal to the minimum of ${pythonRepr(v)}`,
  exclusiveMaximum: (i, v) => `${pythonRepr(i)} is greater than or equal to the maximum of ${pythonRepr(v)}`,
  enum: (i, v) => `${pythonRepr(i)} is not one of ${pythonRepr(v)}`,
  const: (_i, v) => `${pythonRepr(v)} was expected`,
  minLength: (i) => `${pythonRepr(i)} is too short`,
  maxLength: (i) => `${pythonRepr(i)} is too long`,
  minItems: (i) => `${pythonRepr(i)} is too short`,
  maxItems: (i) => `${pythonRepr(i)} is too long`,
  pattern: (i, v) => `${pythonRepr(i)} does not match ${pythonRepr(v)}`,
  format: (i, v) => `${pythonRepr(i)} is not a ${pythonRepr(v)}`,
};

/** The keywords of the params schema in the order Python's validator meets them at one level. */
const KEYWORD_ORDER = ['type', 'required', 'additionalProperties'];

/**
 * jsonschema's `best_match`: the failure nearest the root of the params wins (a missing or unexpected param
 * before a bad value), then the one the validator meets first.
 */
function bestMatch(issues: readonly Issue[]): Issue | undefined {
  const depth = (i: Issue) => segmentsOf(i).length - (i.keyword === 'required' ? 1 : 0);
  const rank = (i: Issue) => {
    const at = KEYWORD_ORDER.indexOf(i.keyword ?? '');
    return at < 0 ? KEYWORD_ORDER.length : at;
  };
  return [...issues].sort((a, b) => depth(a) - depth(b) || rank(a) - rank(b))[0];
}

/** Where in the params an issue is (a required issue ends with the missing name). */
function segmentsOf(issue: Issue): string[] {
  return issue.location.split('/').slice(1);
}

/** The schema path of the value at `at` in the params, with the keyword: `properties.job_ids.items.type`. */
function schemaPathOf(params: unknown, at: readonly string[], keyword?: string): string {
  const parts: string[] = [];
  let value = params;
  for (const key of at) {
    parts.push(...(Array.isArray(value) ? ['items'] : ['properties', key]));
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return [...parts, keyword ?? ''].filter(Boolean).join('.');
}

function valueAt(root: unknown, at: readonly string[]): unknown {
  let value = root;
  for (const key of at) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The unexpected property an additionalProperties issue names (the validator's message ends `('<name>')`). */
function extraProperty(issue: Issue): string {
  return /\('(.*)'\)$/.exec(issue.message)?.[1] ?? '';
}

/**
 * A JSON value as Python's `repr` writes the value `json.loads` makes of it: `'text'`, `True`, `None`,
 * `[1, 2]`, `{'a': 1}`.
 */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return pythonString(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([k, v]) => `${pythonString(k)}: ${pythonRepr(v)}`).join(', ')}}`;
  }
  return String(value);
}

/** Python's `repr` of a str: single quotes unless the text holds one and no double quote. */
function pythonString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text.replace(/[\\\n\r\t\x00-\x1f\x7f]/g, (c) => ESCAPES[c] ?? `\\x${hex(c)}`);
  return quote + (quote === "'" ? escaped.replaceAll("'", "\\'") : escaped) + quote;
}

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function hex(c: string): string {
  return c.charCodeAt(0).toString(16).padStart(2, '0');
}
