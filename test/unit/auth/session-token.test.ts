import type { MockRequest } from '../../../src/core/wire';
import { MemoryStore } from '../../../src/store/memory-store';
import type { Transaction } from '../../../src/store/store';
import { readCookie, readSessionToken, SessionTokens, setCookie } from '../../../src/auth/session-token';

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

/** Runs work on a session of a fresh in-memory store. */
function inSession(store: MemoryStore, name: string) {
  return <T>(work: (tx: Transaction) => T): T => store.transact(name, work, 'create');
}

describe('SessionTokens', () => {
  const now = 1_700_000_000_000;

  it('resolves a token it issued in the same session only', () => {
    const tokens = new SessionTokens<string>();
    const store = new MemoryStore({ clock: 'manual' });
    const one = inSession(store, 'one');
    const two = inSession(store, 'two');
    const token = one((tx) => tokens.issue(tx.data('api'), 'admin', { now }));
    expect(one((tx) => tokens.resolve(tx.data('api'), token, now))).toBe('admin');
    expect(two((tx) => tokens.resolve(tx.data('api'), token, now))).toBeUndefined();
    expect(one((tx) => tokens.resolve(tx.data('api'), 'other', now))).toBeUndefined();
    expect(one((tx) => tokens.resolve(tx.data('api'), undefined, now))).toBeUndefined();
    expect(one((tx) => tokens.resolve(tx.data('other-api'), token, now))).toBeUndefined();
  });

  it('issues distinct base64 tokens that need no escaping in cookies or URLs', () => {
    const tokens = new SessionTokens<number>();
    const session = inSession(new MemoryStore({ clock: 'manual' }), 's');
    const issued = Array.from({ length: 200 }, (_, i) =>
      session((tx) => tokens.issue(tx.data('api'), i, { now })),
    );
    expect(new Set(issued).size).toBe(200);
    for (const token of issued) expect(token).toMatch(/^[A-Za-z0-9]{48}$/);
  });

  it('registers a chosen token and revokes it', () => {
    const tokens = new SessionTokens<string>();
    const session = inSession(new MemoryStore({ clock: 'manual' }), 's');
    session((tx) => tokens.register(tx.data('api'), 'fixed', 'viewer'));
    expect(session((tx) => tokens.resolve(tx.data('api'), 'fixed', now))).toBe('viewer');
    expect(session((tx) => tokens.revoke(tx.data('api'), 'fixed'))).toBe(true);
    expect(session((tx) => tokens.revoke(tx.data('api'), 'fixed'))).toBe(false);
    expect(session((tx) => tokens.resolve(tx.data('api'), 'fixed', now))).toBeUndefined();
  });

  it('stops resolving a token when it expires', () => {
    const tokens = new SessionTokens<string>();
    const session = inSession(new MemoryStore({ clock: 'manual' }), 's');
    const token = session((tx) => tokens.issue(tx.data('api'), 'admin', { now, ttlMs: 1_000 }));
    expect(session((tx) => tokens.resolve(tx.data('api'), token, now + 999))).toBe('admin');
    expect(session((tx) => tokens.resolve(tx.data('api'), token, now + 1_000))).toBeUndefined();
  });
});
