import { parseAuthParams } from '../../../src/auth/auth-params';

describe('parseAuthParams (RFC 7235 §2.1 auth-param credentials)', () => {
  it.each([
    ['a scheme alone', 'Negotiate', { scheme: 'Negotiate', params: {} }],
    [
      'quoted and token values',
      'Digest realm="x y", qop=auth',
      { scheme: 'Digest', params: { realm: 'x y', qop: 'auth' } },
    ],
    [
      'an empty quoted value',
      'Dual subjectToken="", appToken="eyJa.b.c"',
      { scheme: 'Dual', params: { subjecttoken: '', apptoken: 'eyJa.b.c' } },
    ],
    ['escaped characters in a quoted value', 'X a="q\\"u\\\\o"', { scheme: 'X', params: { a: 'q"u\\o' } }],
    ['whitespace around = and ,', 'X a = "1" ,\tb=2', { scheme: 'X', params: { a: '1', b: '2' } }],
    ['a comma inside quotes', 'X a="1,2", b="3"', { scheme: 'X', params: { a: '1,2', b: '3' } }],
    ['upper-case names, matched case-insensitively', 'X NaMe="v"', { scheme: 'X', params: { name: 'v' } }],
    [
      'a scheme with a dot in it',
      'SubjectAndAppToken1.0 a="1"',
      { scheme: 'SubjectAndAppToken1.0', params: { a: '1' } },
    ],
  ])('reads %s', (_name, header, want) => {
    expect(parseAuthParams(header)).toEqual(want);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['a leading space', ' X a="1"'],
    ['a parameter without =', 'X a'],
    ['an unterminated quoted string', 'X a="1'],
    ['a dangling escape', 'X a="1\\'],
    ['a repeated parameter', 'X a="1", A="2"'],
    ['junk after a value', 'X a="1" b="2"'],
    ['a trailing comma', 'X a="1",'],
    ['an empty token value', 'X a=, b=1'],
    ['no space after the scheme', 'X,a=1'],
  ])('rejects %s', (_name, header) => {
    expect(parseAuthParams(header)).toBeUndefined();
  });
});
