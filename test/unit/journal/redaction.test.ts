import { isSecretName, REDACTED, redactCall, redactedText } from '../../../src/journal/redaction';
import type { CallParts } from '../../../src/journal/redaction';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.c2lnbmF0dXJl';

function call(parts: Partial<CallParts>): CallParts {
  return {
    path: '/',
    query: {},
    headers: {},
    requestBody: '',
    requestRedacted: false,
    replyHeaders: {},
    replyBody: undefined,
    replyRedacted: false,
    notes: [],
    ...parts,
  };
}

describe('isSecretName', () => {
  it.each([
    'Authorization',
    'cookie',
    'Set-Cookie',
    'X-Amz-Security-Token',
    'token',
    'access_token',
    'refresh_token',
    'client_secret',
    'password',
    'x-api-key',
    'X-Amz-Signature',
    'subjectToken',
  ])('%s holds a credential', (name) => expect(isSecretName(name)).toBe(true));

  it.each(['nextToken', 'continuationToken', 'x-jobmock-session', 'jobId', 'x-amz-date', 'content-type'])(
    '%s does not',
    (name) => expect(isSecretName(name)).toBe(false),
  );
});

describe('redactCall', () => {
  it('keeps the scheme of Authorization and the names of cookies, and nothing of their values', () => {
    const redacted = redactCall(
      call({
        headers: {
          authorization: `Bearer ${TOKEN}`,
          cookie: `token=${TOKEN}; theme=dark-mode-on`,
          'x-amz-security-token': 'FwoGZXIvYXdzEBYaDkey',
          accept: 'application/json',
        },
      }),
    );
    expect(redacted.headers).toEqual({
      authorization: `Bearer ${REDACTED}`,
      cookie: `token=${REDACTED}; theme=${REDACTED}`,
      'x-amz-security-token': REDACTED,
      accept: 'application/json',
    });
  });

  it('redacts a raw token (KBase) whole, and each secret part of a compound one (Fabric)', () => {
    const fabric = `SubjectAndAppToken1.0 subjectToken="${TOKEN}", appToken="app-${TOKEN}"`;
    const redacted = redactCall(
      call({
        headers: { authorization: 'RAWKBASETOKEN1234' },
      }),
    );
    expect(redacted.headers.authorization).toBe(REDACTED);
    const compound = redactCall(call({ headers: { authorization: fabric }, notes: [`saw ${TOKEN}`] }));
    expect(compound.headers.authorization).toBe(`SubjectAndAppToken1.0 ${REDACTED}`);
    expect(compound.notes).toEqual([`saw ${REDACTED}`]);
  });

  it('redacts credential query parameters and JSON and form fields, wherever they nest', () => {
    const redacted = redactCall(
      call({
        query: { token: TOKEN, page: '2' },
        headers: { 'content-type': 'application/json' },
        requestBody: JSON.stringify({
          user: { username: 'admin', password: 'hunter2hunter2' },
          nextToken: 'abc',
        }),
      }),
    );
    expect(redacted.query).toEqual({ token: REDACTED, page: '2' });
    expect(redacted.requestBody).toEqual({
      user: { username: 'admin', password: REDACTED },
      nextToken: 'abc',
    });
    const form = redactCall(
      call({
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        requestBody: 'grant_type=client_credentials&client_id=demo&client_secret=s3cr3t-value',
      }),
    );
    expect(form.requestBody).toBe(`grant_type=client_credentials&client_id=demo&client_secret=${REDACTED}`);
  });

  it('finds a token a reply carries in Set-Cookie again in its body (a login), and in the other call parts', () => {
    const redacted = redactCall(
      call({
        replyHeaders: {
          'set-cookie': `token=${TOKEN}; HttpOnly; Path=/`,
          'content-type': 'application/json',
        },
        replyBody: JSON.stringify(TOKEN),
        path: `/sessions/${TOKEN}`,
      }),
    );
    expect(redacted.replyHeaders['set-cookie']).toBe(`token=${REDACTED}; HttpOnly; Path=/`);
    expect(redacted.replyBody).toBe(REDACTED);
    expect(redacted.path).toBe(`/sessions/${REDACTED}`);
  });

  it('redacts a token reply (access_token) and a credential an error message quotes cut short', () => {
    const redacted = redactCall(
      call({
        headers: { authorization: `Bearer ${TOKEN}` },
        replyBody: { access_token: TOKEN, token_type: 'Bearer', expires_in: 3600 },
        notes: [`Authorization=Bearer ${TOKEN.slice(0, 20)}`],
      }),
    );
    expect(redacted.replyBody).toEqual({ access_token: REDACTED, token_type: 'Bearer', expires_in: 3600 });
    expect(redacted.notes[0]).toBe(`Authorization=Bearer ${REDACTED}`);
    expect(JSON.stringify(redacted)).not.toContain(TOKEN.slice(0, 12));
  });

  it('keeps short values elsewhere (a secret "demo" does not blank out every "demo")', () => {
    const redacted = redactCall(
      call({
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        requestBody: 'client_id=demo&client_secret=demo',
        replyBody: { client: 'demo' },
      }),
    );
    expect(redacted.requestBody).toBe(`client_id=demo&client_secret=${REDACTED}`);
    expect(redacted.replyBody).toEqual({ client: 'demo' });
  });

  it('leaves a `__proto__` field a plain field', () => {
    const redacted = redactCall(
      call({ requestBody: '{"__proto__":{"polluted":true},"password":"longpassword"}' }),
    );
    expect(Object.getPrototypeOf(redacted.requestBody)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(redacted.requestBody)).toBe(
      `{"__proto__":{"polluted":true},"password":"${REDACTED}"}`,
    );
  });
});

describe('redactedText', () => {
  it('redacts a JSON body and writes it back as text', () => {
    expect(redactedText('{"password":"longpassword","n":1}', 'application/json')).toBe(
      `{"password":"${REDACTED}","n":1}`,
    );
    expect(redactedText('plain text', 'text/plain')).toBe('plain text');
  });
});
