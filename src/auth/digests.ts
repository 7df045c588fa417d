import { nativeDigests } from './native-digests';
import { pureDigests } from './pure-digests';

/**
 * The hashing the mocks need (SigV4, signed tokens): SHA-256 and HMAC-SHA256 over UTF-8 text, synchronous, as
 * the engine's transactions are.
 */
export interface Digests {
  /** SHA-256 of UTF-8 text, in lower-case hex (FIPS 180-4). */
  sha256Hex(text: string): string;
  /** HMAC-SHA256 (RFC 2104) of UTF-8 `message` under `key` (bytes, or UTF-8 text). */
  hmacSha256(key: Uint8Array | string, message: string): Uint8Array;
  /** The same HMAC in lower-case hex; the hot path of a SigV4 check (the key is a cached signing key). */
  hmacSha256Hex(key: Uint8Array, message: string): string;
}

/**
 * Node's native hashing where the runtime has it (found through `process.getBuiltinModule`, so no bundle sees
 * a Node built-in), the pure-JS @noble/hashes everywhere else (browsers, service workers). Both give the same
 * bytes; the native one is several times faster, which the server's SigV4 check needs.
 */
export const digests: Digests = nativeDigests() ?? pureDigests;

/** SHA-256 of UTF-8 text, hex. @example sha256Hex('') // 'e3b0c442…b855' */
export const sha256Hex = (text: string): string => digests.sha256Hex(text);

/** HMAC-SHA256 of UTF-8 text under a key. @example hmacSha256('key', 'message') */
export const hmacSha256 = (key: Uint8Array | string, message: string): Uint8Array =>
  digests.hmacSha256(key, message);

/** HMAC-SHA256 in hex. @example hmacSha256Hex(signingKey, stringToSign) */
export const hmacSha256Hex = (key: Uint8Array, message: string): string =>
  digests.hmacSha256Hex(key, message);

/**
 * Whether two strings (signatures, digests) are equal, in time that does not depend on where they differ.
 *
 * @example sameDigest(expectedHex, givenHex)
 */
export function sameDigest(given: string, expected: string): boolean {
  let difference = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) difference |= (given.charCodeAt(i) | 0) ^ expected.charCodeAt(i);
  return difference === 0;
}
