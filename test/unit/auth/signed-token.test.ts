import { createHmac } from 'node:crypto';
import { issueSignedToken, verifySignedToken } from '../../../src/auth/signed-token';

const secret = 'unit-secret';
const now = Date.UTC(2024, 4, 2, 10, 0, 0);

function issue(scopes: string[] = ['jobs:read', 'jobs:write'], extra: Record<string, unknown> = {}) {
  return issueSignedToken('client-1', scopes, extra, { secret, now, ttlSeconds: 3600 });
}

/** A token with the given header and payload, signed with `key`. */
function forge(header: object, payload: object, key = secret): string {
  const unsigned = [header, payload]
    .map((p) => Buffer.from(JSON.stringify(p)).toString('base64url'))
    .join('.');
  return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`;
}

describe('signed bearer tokens (HS256 JWT)', () => {
  it('round-trips subject, scopes, extra claims and the lifetime in seconds', () => {
    const check = verifySignedToken(issue(['jobs:read'], { client_id: 'demo' }), { secret, now });
    expect(check).toEqual({
      valid: true,
      scopes: ['jobs:read'],
      claims: {
        sub: 'client-1',
        scope: 'jobs:read',
        client_id: 'demo',
        iat: now / 1000,
        exp: now / 1000 + 3600,
      },
    });
  });

  it('is a three-part JWT whose header says HS256', () => {
    const [header] = issue().split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
  });

  it('carries no scopes when none are given', () => {
    const check = verifySignedToken(issue([]), { secret, now });
    expect(check.valid && check.scopes).toEqual([]);
  });

  it.each([
    ['one second before expiry', 3599_000, true],
    ['at expiry', 3600_000, false],
    ['after expiry', 7200_000, false],
    ['before it was issued', -1_000, false],
  ])('judges the lifetime by the given clock: %s', (_when, offset, valid) => {
    expect(verifySignedToken(issue(), { secret, now: now + offset }).valid).toBe(valid);
  });

  it.each([
    [
      'a token signed with another secret',
      () => issueSignedToken('x', [], {}, { secret: 'other', now, ttlSeconds: 60 }),
    ],
    [
      'a token with a changed payload',
      () => {
        const [h, , s] = issue().split('.');
        const payload = Buffer.from(JSON.stringify({ sub: 'x', scope: 'admin', iat: 0, exp: 9e9 })).toString(
          'base64url',
        );
        return `${h}.${payload}.${s}`;
      },
    ],
    ['a token that is not a JWT', () => 'not-a-token'],
    ['an empty signature', () => issue().replace(/\.[^.]+$/, '.')],
    [
      'alg none',
      () => forge({ alg: 'none' }, { sub: 'x', scope: '', iat: now / 1000, exp: now / 1000 + 60 }),
    ],
    ['claims of the wrong types', () => forge({ alg: 'HS256' }, { sub: 1, scope: [], iat: 'x', exp: null })],
    [
      'a payload that is not JSON',
      () => {
        const unsigned = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.bm90IGpzb24`;
        return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
      },
    ],
  ])('refuses %s with a reason', (_what, make) => {
    const check = verifySignedToken(make(), { secret, now });
    expect(check.valid).toBe(false);
    expect(!check.valid && check.reason).toMatch(/access token/);
  });
});
