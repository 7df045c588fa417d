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
