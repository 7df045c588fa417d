import { CorsPolicy, corsOrigins } from '../../../src/server/cors';

describe('corsOrigins (--cors)', () => {
  it.each([
    ['*', '*'],
    [' * ', '*'],
    ['http://localhost:5173', ['http://localhost:5173']],
    ['http://localhost:5173/', ['http://localhost:5173']],
    ['HTTP://LocalHost:5173', ['http://localhost:5173']],
    ['http://a.test, https://b.test:8443', ['http://a.test', 'https://b.test:8443']],
    ['http://localhost:80', ['http://localhost']],
  ])('%j → %j', (value, want) => {
    expect(corsOrigins(value)).toEqual(want);
  });

  it.each([
    'notanorigin',
    'localhost:5173',
    'http://localhost:5173/app',
    'http://localhost:5173?x=1',
    'http://user@localhost:5173',
    'ftp://files.test',
    'http://a.test,',
    'http://a.test,*',
    '',
  ])('%j is refused, naming the value and the form', (value) => {
    expect(() => corsOrigins(value)).toThrow(/--cors ".*": .*(not an origin|stands alone)/);
  });
});

describe('CorsPolicy', () => {
  it('allows listed origins whatever their case, and any with *', () => {
    const listed = new CorsPolicy('http://localhost:5173');
    expect(listed.allows('http://LOCALHOST:5173')).toBe(true);
    expect(listed.allows('http://localhost:5174')).toBe(false);
    expect(new CorsPolicy('*').allows('https://anything.example')).toBe(true);
  });

  it('keeps an existing Vary and adds Origin once', () => {
    const policy = new CorsPolicy('*');
    const reply = { status: 200, headers: { vary: 'Accept-Encoding' } as Record<string, string> };
    policy.decorate(reply, { origin: 'http://a.test' });
    policy.decorate(reply, { origin: 'http://a.test' });
    expect(reply.headers.vary).toBe('Accept-Encoding, Origin');
  });

  it('reflects only well-formed Access-Control-Request-Headers', () => {
    const policy = new CorsPolicy('*');
    const good = policy.preflight({
      origin: 'http://a.test',
      'access-control-request-headers': 'authorization, x-amz-date',
    });
    expect(good.headers['access-control-allow-headers']).toBe('authorization, x-amz-date');
    const bad = policy.preflight({
      origin: 'http://a.test',
      'access-control-request-headers': 'x\r\nset-cookie: a=b',
    });
    expect(bad.headers['access-control-allow-headers']).toBeUndefined();
  });

  it('adds SameSite=None and Partitioned (not Secure twice) to a cookie that is Secure already, and leaves one with SameSite alone', () => {
    const policy = new CorsPolicy('*');
    const secure = { status: 200, headers: { 'set-cookie': 'a=1; Secure' } as Record<string, string> };
    policy.decorate(secure, { origin: 'http://a.test', host: '127.0.0.1:4010' });
    expect(secure.headers['set-cookie']).toBe('a=1; Secure; SameSite=None; Partitioned');
    const strict = {
      status: 200,
      headers: { 'set-cookie': 'a=1; SameSite=Strict' } as Record<string, string>,
    };
    policy.decorate(strict, { origin: 'http://a.test', host: '127.0.0.1:4010' });
    expect(strict.headers['set-cookie']).toBe('a=1; SameSite=Strict');
  });
});
