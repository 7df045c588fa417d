import { verifySigV4 } from '../../../src/auth/sigv4';
import type { MockRequest } from '../../../src/core/wire';
import { signBatchRequest } from '../../support/sigv4-signer';

const credentials = new Map([['test', 'test']]);
const body = { jobId: 'j-1', reason: 'because' };

async function signedRequest(options: Parameters<typeof signBatchRequest>[2] = {}): Promise<MockRequest> {
  const headers = await signBatchRequest('/aws-batch/v1/canceljob', body, options);
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    method: 'POST',
    base: '/aws-batch',
    path: '/v1/canceljob',
    query: {},
    headers: lower,
    rawBody: JSON.stringify(body),
  };
}

describe('verifySigV4 (against signatures made by @smithy/signature-v4)', () => {
  it('accepts a valid signature and returns the access key', async () => {
    expect(verifySigV4(await signedRequest(), { credentials, service: 'batch' })).toBe('test');
  });

  it.each([
    [
      'a missing Authorization header',
      (r: MockRequest) => ({ ...r, headers: { ...r.headers, authorization: undefined } }),
      'MissingAuthenticationTokenException',
    ],
    [
      'a malformed header',
      (r: MockRequest) => ({ ...r, headers: { ...r.headers, authorization: 'AWS4-HMAC-SHA256 nonsense' } }),
      'IncompleteSignatureException',
    ],
    [
      'a changed body',
      (r: MockRequest) => ({ ...r, rawBody: r.rawBody.replace('because', 'because!') }),
      'InvalidSignatureException',
    ],
    ['a changed path', (r: MockRequest) => ({ ...r, path: '/v1/terminatejob' }), 'InvalidSignatureException'],
  ])('refuses %s with %s', async (_what, change, code) => {
    const request = change(await signedRequest());
    expect(() => verifySigV4(request, { credentials, service: 'batch' })).toThrow(
      expect.objectContaining({ kind: 'Forbidden', details: { code } }),
    );
  });

  it('refuses an unknown access key and a wrong secret', async () => {
    await expect(
      signedRequest({ accessKey: 'other' }).then((r) => verifySigV4(r, { credentials, service: 'batch' })),
    ).rejects.toMatchObject({
      details: { code: 'UnrecognizedClientException' },
    });
    await expect(
      signedRequest({ secret: 'wrong' }).then((r) => verifySigV4(r, { credentials, service: 'batch' })),
    ).rejects.toMatchObject({
      details: { code: 'InvalidSignatureException' },
    });
  });

  it('checks the signature for the host the client addressed when a proxy rewrote Host', async () => {
    const request = await signedRequest({ host: '127.0.0.1:9999' });
    const proxied = { ...request, headers: { ...request.headers, host: '127.0.0.1:4010' } };
    expect(() => verifySigV4(proxied, { credentials, service: 'batch' })).toThrow();
    expect(verifySigV4(proxied, { credentials, service: 'batch', signedHost: '127.0.0.1:9999' })).toBe(
      'test',
    );
  });
});

describe('verifySigV4: the signature date against the server clock (AWS: 15 minutes either way)', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');
  const signedAt = (offsetMs: number) => signedRequest({ signingDate: new Date(now + offsetMs) });

  it.each([
    ['14 minutes early', -14 * 60_000],
    ['14 minutes late', 14 * 60_000],
  ])('accepts a signature made %s', async (_what, offset) => {
    expect(verifySigV4(await signedAt(offset), { credentials, service: 'batch', serverTimes: [now] })).toBe(
      'test',
    );
  });

  it('refuses one dated 16 minutes ago with AWS words, and the server time in Date', async () => {
    const request = await signedAt(-16 * 60_000);
    expect(() => verifySigV4(request, { credentials, service: 'batch', serverTimes: [now] })).toThrow(
      expect.objectContaining({
        message:
          'Signature expired: 20240501T114400Z is now earlier than 20240501T114500Z (20240501T120000Z - 15 min.)',
        details: { code: 'InvalidSignatureException', headers: { date: 'Wed, 01 May 2024 12:00:00 GMT' } },
      }),
    );
  });

  it('refuses one dated 16 minutes ahead ("not yet current")', async () => {
    const request = await signedAt(16 * 60_000);
    expect(() => verifySigV4(request, { credentials, service: 'batch', serverTimes: [now] })).toThrow(
      /^Signature not yet current: 20240501T121600Z is still later than 20240501T121500Z \(20240501T120000Z \+ 15 min\.\)$/,
    );
  });

  it('accepts a date close to any one of several clocks, and checks nothing without a clock', async () => {
    const request = await signedAt(-60 * 60_000);
    expect(verifySigV4(request, { credentials, service: 'batch', serverTimes: [now, now - 3_600_000] })).toBe(
      'test',
    );
    expect(verifySigV4(request, { credentials, service: 'batch' })).toBe('test');
  });
});

describe('verifySigV4 with anyAccessKey', () => {
  const options = { credentials, service: 'batch', anyAccessKey: true };

  it('accepts an access key it does not know, whatever its secret', async () => {
    expect(verifySigV4(await signedRequest({ accessKey: 'FOOBARKEY', secret: 'made-up' }), options)).toBe(
      'FOOBARKEY',
    );
  });

  it('still checks the signature of a key it knows, the header, the scope and the date', async () => {
    await expect(
      signedRequest({ secret: 'wrong' }).then((r) => verifySigV4(r, options)),
    ).rejects.toMatchObject({
      details: { code: 'InvalidSignatureException' },
    });
    const malformed = { ...(await signedRequest()), headers: { authorization: 'AWS4-HMAC-SHA256 x' } };
    expect(() => verifySigV4(malformed, options)).toThrow(
      expect.objectContaining({ details: { code: 'IncompleteSignatureException' } }),
    );
    const old = await signedRequest({
      accessKey: 'FOOBARKEY',
      signingDate: new Date(Date.now() - 3_600_000),
    });
    expect(() => verifySigV4(old, { ...options, serverTimes: [Date.now()] })).toThrow(/^Signature expired/);
    const ecs = { ...(await signedRequest({ accessKey: 'FOOBARKEY' })) };
    const scoped = {
      ...ecs,
      headers: { ...ecs.headers, authorization: ecs.headers.authorization!.replace('/batch/', '/ecs/') },
    };
    expect(() => verifySigV4(scoped, options)).toThrow(/scoped to correct service/);
  });
});
