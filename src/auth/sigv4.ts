import { fault } from '../core/fault';
import type { MockRequest } from '../core/wire';
import { hmacSha256, hmacSha256Hex, sameDigest, sha256Hex } from './digests';

export interface SigV4Options {
  /** Access key id → secret access key. */
  readonly credentials: ReadonlyMap<string, string>;
  /**
   * Accept an access key id that `credentials` does not hold (for harnesses that make keys up): the header's
   * shape, its scope and its date are checked as for any key, its signature cannot be (there is no secret).
   */
  readonly anyAccessKey?: boolean | undefined;
  /**
   * The server's clock (epoch ms): an `X-Amz-Date` more than 15 minutes from it is refused, as AWS refuses it.
   * Several clocks mean any of them may vouch for the date (the first is named in the error); none, no check.
   */
  readonly serverTimes?: readonly number[] | undefined;
  /** The signing name the credential scope must carry (`batch`). */
  readonly service: string;
  /**
   * The Host the client signed for, when a proxy in between rewrote it (`prism proxy` does). Only this
   * one header is replaced; the signature is still checked in full.
   */
  readonly signedHost?: string | undefined;
}

export const ALGORITHM = 'AWS4-HMAC-SHA256';
/** How far a signature's date may be from the server's clock, either way (AWS SigV4: 15 minutes). */
export const MAX_CLOCK_SKEW_MS = 15 * 60_000;
const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256 Credential=([^/\s,]+)\/(\d{8})\/([^/\s,]+)\/([^/\s,]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_.-]+),\s*Signature=([0-9a-f]{64})$/;

const signingKeys = new Map<string, Uint8Array>();
let lastKey: { secret: string; date: string; region: string; service: string; key: Uint8Array } | undefined;

/**
 * Verifies an AWS Signature Version 4 `Authorization` header, as AWS does at its front door, and returns
 * the access key id. Throws the fault AWS sends: MissingAuthenticationTokenException,
 * IncompleteSignatureException, UnrecognizedClientException or InvalidSignatureException (all 403).
 * The signing key is cached per secret, date, region and service, so a call costs two HMACs and two hashes.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 */
export function verifySigV4(request: MockRequest, options: SigV4Options): string {
  const header = request.headers.authorization;
  if (!header) throw denied('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const match = AUTH_PATTERN.exec(header);
  if (!match) {
    throw denied(
      'IncompleteSignatureException',
      `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters, with ${ALGORITHM}. Authorization=${header.slice(0, 64)}`,
    );
  }
  const [, accessKey, date, region, service, signedHeaderList, signature] = match as unknown as string[];
  const amzDate = request.headers['x-amz-date'];
  if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate) || !amzDate.startsWith(date!)) {
    throw denied(
      'IncompleteSignatureException',
      'Authorization header requires existence of either a X-Amz-Date or a Date header.',
    );
  }
  const secret = options.credentials.get(accessKey!);
  if (secret === undefined && !options.anyAccessKey)
    throw denied('UnrecognizedClientException', 'The security token included in the request is invalid.');
  if (service !== options.service) {
    throw denied(
      'InvalidSignatureException',
      `Credential should be scoped to correct service: '${options.service}'.`,
    );
  }
  const signedHeaders = headerNames(signedHeaderList!);
  if (!signedHeaders.includes('host')) {
    throw denied(
      'InvalidSignatureException',
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    );
  }
  if (options.serverTimes?.length) checkSkew(amzDate, options.serverTimes);
  if (secret === undefined) return accessKey!;
  let canonicalHeaders = '';
  for (const name of signedHeaders)
    canonicalHeaders += `${name}:${headerValue(request, name, options.signedHost)}\n`;
  const canonical = `${request.method}\n${canonicalPath(request.base + request.path)}\n${canonicalQuery(request.query)}\n${canonicalHeaders}\n${signedHeaderList}\n${sha256(request.rawBody)}`;
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = `${ALGORITHM}\n${amzDate}\n${scope}\n${sha256(canonical)}`;
  const expected = hmacSha256Hex(signingKey(secret, date!, region!, service!), stringToSign);
  if (!sameDigest(signature!, expected)) {
    throw denied(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
  return accessKey!;
}

const headerLists = new Map<string, readonly string[]>();

/** `content-type;host;x-amz-date` as a list; clients send the same few lists, so each is split once. */
function headerNames(list: string): readonly string[] {
  let names = headerLists.get(list);
  if (!names) {
    names = list.split(';');
    if (headerLists.size >= 100) headerLists.clear();
    headerLists.set(list, names);
  }
  return names;
}

function denied(code: string, message: string, headers?: Record<string, string>) {
  return fault('Forbidden', message, headers ? { code, headers } : { code });
}

/**
 * Refuses a signature dated more than 15 minutes from every server clock, with AWS's InvalidSignatureException
 * and its words ("Signature expired: … is now earlier than … (… - 15 min.)"), and the server's time in `Date`,
 * from which the AWS SDKs correct their clock before they retry.
 */
function checkSkew(amzDate: string, serverTimes: readonly number[]): void {
  const signedAt = amzDateMs(amzDate);
  if (serverTimes.some((now) => Math.abs(signedAt - now) <= MAX_CLOCK_SKEW_MS)) return;
  const now = serverTimes[0]!;
  const expired = signedAt < now;
  const bound = basicIso(expired ? now - MAX_CLOCK_SKEW_MS : now + MAX_CLOCK_SKEW_MS);
  const message = expired
    ? `Signature expired: ${amzDate} is now earlier than ${bound} (${basicIso(now)} - 15 min.)`
    : `Signature not yet current: ${amzDate} is still later than ${bound} (${basicIso(now)} + 15 min.)`;
  throw denied('InvalidSignatureException', message, { date: new Date(now).toUTCString() });
}

let lastDate = { text: '', ms: 0 };

/** `20240102T030405Z` as epoch ms (the pattern checked the shape; a client sends the same date many times). */
function amzDateMs(amzDate: string): number {
  if (lastDate.text === amzDate) return lastDate.ms;
  const n = (from: number, to: number) => Number(amzDate.slice(from, to));
  const ms = Date.UTC(n(0, 4), n(4, 6) - 1, n(6, 8), n(9, 11), n(11, 13), n(13, 15));
  lastDate = { text: amzDate, ms };
  return ms;
}

/** Epoch ms in SigV4's basic ISO 8601 form, `yyyymmddThhmmssZ`. */
function basicIso(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export function signingKey(secret: string, date: string, region: string, service: string): Uint8Array {
  // Nearly every call is signed with the key of the call before: check that one without building a cache key.
  const last = lastKey;
  if (
    last &&
    last.secret === secret &&
    last.date === date &&
    last.region === region &&
    last.service === service
  )
    return last.key;
  const cacheKey = `${secret}\n${date}\n${region}\n${service}`;
  let key = signingKeys.get(cacheKey);
  if (!key) {
    const kDate = hmacSha256(`AWS4${secret}`, date);
    const kRegion = hmacSha256(kDate, region);
    const kService = hmacSha256(kRegion, service);
    key = hmacSha256(kService, 'aws4_request');
    if (signingKeys.size > 1000) signingKeys.clear();
    signingKeys.set(cacheKey, key);
  }
  lastKey = { secret, date, region, service, key };
  return key;
}

function headerValue(request: MockRequest, name: string, signedHost: string | undefined): string {
  const value = name === 'host' && signedHost ? signedHost : (request.headers[name] ?? '');
  // Most values are already canonical (no outer spaces, no runs of white space): skip the rewrite.
  return CANONICAL_VALUE.test(value) ? value : value.trim().replace(/\s+/g, ' ');
}

const CANONICAL_VALUE = /^(?:[^\s]+(?: [^\s]+)*)?$/;

/** Each path segment URI-encoded once more, as SigV4 does for every service but S3. */
export function canonicalPath(path: string): string {
  if (UNRESERVED_PATH.test(path)) return path;
  return path
    .split('/')
    .map((segment) => encodeRfc3986(segment))
    .join('/');
}

export function canonicalQuery(query: MockRequest['query']): string {
  if (Object.keys(query).length === 0) return '';
  const pairs: [string, string][] = [];
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value ?? ''])
      pairs.push([encodeRfc3986(key), encodeRfc3986(v)]);
  }
  pairs.sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function encodeRfc3986(text: string): string {
  if (UNRESERVED.test(text)) return text;
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** RFC 3986 §2.3 unreserved characters, which encoding leaves as they are (and paths made only of them and `/`). */
const UNRESERVED = /^[A-Za-z0-9\-._~]*$/;
const UNRESERVED_PATH = /^[A-Za-z0-9\-._~/]*$/;

/** SHA-256 of UTF-8 text, hex. */
export function sha256(text: string): string {
  return sha256Hex(text);
}
