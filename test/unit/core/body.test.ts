import { MAX_JSON_DEPTH, mediaType, parseForm, parseJson } from '../../../src/core/body';

describe('request bodies', () => {
  it('parses JSON and refuses malformed text with a ParseError', () => {
    expect(parseJson('{"a":[1]}')).toEqual({ a: [1] });
    expect(() => parseJson('{"a":')).toThrow(expect.objectContaining({ kind: 'ParseError' }));
  });

  it('refuses nesting deeper than the limit, counting brackets inside strings as text', () => {
    const deep = '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1);
    expect(() => parseJson(deep)).toThrow(/nests deeper/);
    const text = JSON.stringify({ s: '['.repeat(500) });
    expect(parseJson(text)).toEqual({ s: '['.repeat(500) });
  });

  it('keeps __proto__ keys as plain data', () => {
    const parsed = parseJson('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(parsed)).toEqual(['__proto__']);
  });

  it('reads forms and media types', () => {
    expect(parseForm('grant_type=client_credentials&scope=a+b')).toEqual({
      grant_type: 'client_credentials',
      scope: 'a b',
    });
    expect(mediaType('Application/JSON; charset=utf-8')).toBe('application/json');
    expect(mediaType(undefined)).toBeUndefined();
  });
});
