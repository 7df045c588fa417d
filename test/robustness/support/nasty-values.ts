import fc from 'fast-check';

/** `depth` nested arrays around a value. */
export function nestedArrays(depth: number, inner: unknown = 1): unknown {
  let value = inner;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** `depth` nested objects `{"a": {"a": ...}}`. */
export function nestedObjects(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** An object whose own (enumerable, serialized) key is `__proto__`: JSON.stringify writes it as data. */
export function protoKeyed(value: unknown): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  Object.defineProperty(object, '__proto__', { value, enumerable: true, writable: true, configurable: true });
  return object;
}

const HUGE = 'x'.repeat(200_000);

/**
 * Any UTF-16 code unit (lone surrogates included) or any astral code point. A mapped integer rather than
 * fast-check's `binary` unit, whose string slicing costs seconds at load.
 */
const anyUnit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
);
const anyString = (maxLength: number) => fc.string({ unit: anyUnit, maxLength });

/** Strings no spec asks for: empty, huge, odd Unicode, traversal, URLs of files and metadata services. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: anyString(40) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  {
    weight: 10,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\u0000',
      '\ud800',
      '\udfff\ud800',
      '\u202eevil',
      '\ufeff',
      'e\u0301\u0301\u0301',
      '🙂'.repeat(64),
      'x'.repeat(5_000),
      HUGE,
      '-1',
      '1e999',
      '0x10',
      'NaN',
      'true',
      'null',
      '[]',
      '{"a":1}',
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
      '../../../../etc/passwd',
      '..%2f..%2f..%2fetc%2fpasswd',
      'file:///etc/passwd',
      'http://169.254.169.254/latest/meta-data/',
      'http://127.0.0.1:22/',
      "'; DROP TABLE jobs; --",
      '${jndi:ldap://x}',
      '<script>alert(1)</script>',
      '%s%s%s%n',
    ),
  },
);

/** JSON values of the wrong type, out of range or absurd shape. */
export const nastyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  {
    weight: 6,
    arbitrary: fc.constantFrom<unknown>(
      null,
      true,
      false,
      0,
      -1,
      -0,
      1.5,
      1e308,
      -1e308,
      5e-324,
      2 ** 53 + 2,
      -(2 ** 63),
      2 ** 64,
      [],
      {},
      [null],
      [[[]]],
      { '': '' },
      nestedArrays(40),
      nestedObjects(40),
      nestedArrays(70),
      nestedObjects(70),
      protoKeyed({ polluted: true }),
      { constructor: { prototype: { polluted: true } } },
      Array.from({ length: 2_000 }, (_, i) => i),
    ),
  },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true }) },
);

/** Bodies that are not what any operation takes: empty, not JSON, truncated, too deep, a BOM. */
export const nastyRawBody: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      'not json',
      '{',
      '{"a":',
      '{"a":1}}',
      '{"a":1}{"b":2}',
      '\ufeff{}',
      'null',
      '[]',
      '""',
      '0',
      '1e999',
      '{"a":NaN}',
      "{'a':1}",
      '{"a":1,}',
      '{"__proto__":{"polluted":true}}',
      '{"constructor":{"prototype":{"polluted":true}}}',
      '['.repeat(100_000),
      '['.repeat(65) + ']'.repeat(65),
      '{"a":'.repeat(80) + '1' + '}'.repeat(80),
      '"' + 'x'.repeat(300_000) + '"',
      'jobId=1&reason=x',
      '<xml/>',
      '\u0000\u0001\u0002',
    ),
  },
  { weight: 2, arbitrary: anyString(60) },
  { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
);

/** Content types a JSON operation does not take, or spellings of the one it does. */
export const nastyContentType: fc.Arbitrary<string | undefined> = fc.constantFrom(
  undefined,
  '',
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'application/json-patch+json',
  'application/problem+json',
  'application/json, text/plain',
  ';;;',
);

/** Methods, including ones no API uses. */
export const anyMethod = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE');
