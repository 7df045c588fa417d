import type { MockRequest } from '../../src/core/wire';
import { newSession } from '../../src/core/session';
import { readCookie, readSessionToken, SessionTokens, setCookie } from '../../src/auth/session-token';

function request(query: MockRequest['query'], cookie?: string): MockRequest {
  return {
    method: 'GET',
    base: '',
    path: '/',
    query,
    headers: cookie === undefined ? {} : { cookie },
    rawBody: '',
  };
}

const places = { cookie: 'token', query: 'token' };

describe('readCookie', () => {
  it.each([
    ['token=abc', 'abc'],
    ['a=1; token=abc; b=2', 'abc'],
    ['a=1;token=ab=c=', 'ab=c='],
    ['mytoken=x; tokens=y', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('reads "token" from %p as %p', (header, want) => {
    expect(readCookie(header, 'token')).toBe(want);
  });
});

describe('readSessionToken', () => {
  it('reads the token from the cookie', () => {
    expect(readSessionToken(request({}, 'token=c1'), places)).toBe('c1');
  });

  it('reads the token from the query, which wins over the cookie', () => {
    expect(readSessionToken(request({ token: 'q1' }), places)).toBe('q1');
    expect(readSessionToken(request({ token: 'q1' }, 'token=c1'), places)).toBe('q1');
  });

  it('takes the first of a repeated query parameter', () => {
    expect(readSessionToken(request({ token: ['q1', 'q2'] }), places)).toBe('q1');
  });

  it('treats empty values and unlisted places as absent', () => {
    expect(readSessionToken(request({ token: '' }, 'token='), places)).toBeUndefined();
    expect(readSessionToken(request({ token: 'q1' }), { cookie: 'token' })).toBeUndefined();
    expect(readSessionToken(request({}, 'token=c1'), { query: 'token' })).toBeUndefined();
  });
});

describe('setCookie', () => {
  it('writes HttpOnly; Path=/ by default, or the attributes given', () => {
    expect(setCookie('token', 'abc')).toBe('token=abc; HttpOnly; Path=/');
    expect(setCookie('sid', 'x', ['Secure'])).toBe('sid=x; Secure');
  });
});

describe('SessionTokens', () => {
  it('resolves a token it issued in the same session only', () => {
    const tokens = new SessionTokens<string>();
    const one = newSession('one', 'manual', 1);
    const two = newSession('two', 'manual', 1);
    const token = tokens.issue(one, 'admin');
    expect(tokens.resolve(one, token)).toBe('admin');
    expect(tokens.resolve(two, token)).toBeUndefined();
    expect(tokens.resolve(one, 'other')).toBeUndefined();
    expect(tokens.resolve(one, undefined)).toBeUndefined();
  });

  it('issues distinct base64 tokens that need no escaping in cookies or URLs', () => {
    const tokens = new SessionTokens<number>();
    const session = newSession('s', 'manual', 1);
    const issued = Array.from({ length: 200 }, (_, i) => tokens.issue(session, i));
    expect(new Set(issued).size).toBe(200);
    for (const token of issued) expect(token).toMatch(/^[A-Za-z0-9]{48}$/);
  });

  it('registers a chosen token and revokes it', () => {
    const tokens = new SessionTokens<string>();
    const session = newSession('s', 'manual', 1);
    tokens.register(session, 'fixed', 'viewer');
    expect(tokens.resolve(session, 'fixed')).toBe('viewer');
    expect(tokens.revoke(session, 'fixed')).toBe(true);
    expect(tokens.revoke(session, 'fixed')).toBe(false);
    expect(tokens.resolve(session, 'fixed')).toBeUndefined();
  });
});
