import type { Query } from '../core/wire';
import { hmacSha256Hex } from './digests';
import { ALGORITHM, canonicalPath, canonicalQuery, sha256, signingKey } from './sigv4';

export interface SigV4Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region: string;
  readonly service: string;
  /** The session token of temporary credentials (sent and signed as `X-Amz-Security-Token`). */
  readonly sessionToken?: string | undefined;
}

/**
 * Signs a request with AWS Signature Version 4, the same canonical form `verifySigV4` checks. Returns the
 * headers to add: `Authorization`, `X-Amz-Date` (and `Host`, which is signed), and `X-Amz-Security-Token`
 * for temporary credentials.
 *
 * @example signSigV4({ method: 'POST', host: '127.0.0.1:4010', path: '/v1/canceljob', query: {}, body }, creds)
 */
export function signSigV4(
  request: { method: string; host: string; path: string; query: Query; body: string },
  credentials: SigV4Credentials,
  now: Date = new Date(),
): Record<string, string> {
  const amzDate = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const date = amzDate.slice(0, 8);
  const token = credentials.sessionToken;
  const signedHeaders = token === undefined ? 'host;x-amz-date' : 'host;x-amz-date;x-amz-security-token';
  const canonical = [
    request.method,
    canonicalPath(request.path),
    canonicalQuery(request.query),
    `host:${request.host}\nx-amz-date:${amzDate}\n${token === undefined ? '' : `x-amz-security-token:${token}\n`}`,
    signedHeaders,
    sha256(request.body),
  ].join('\n');
  const scope = `${date}/${credentials.region}/${credentials.service}/aws4_request`;
  const stringToSign = `${ALGORITHM}\n${amzDate}\n${scope}\n${sha256(canonical)}`;
  const key = signingKey(credentials.secretAccessKey, date, credentials.region, credentials.service);
  const signature = hmacSha256Hex(key, stringToSign);
  return {
    host: request.host,
    'x-amz-date': amzDate,
    ...(token === undefined ? {} : { 'x-amz-security-token': token }),
    authorization: `${ALGORITHM} Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}
