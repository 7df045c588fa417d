import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import type { Digests } from './digests';

/** SHA-256 and HMAC-SHA256 in pure JavaScript (@noble/hashes, audited): what browsers and workers use. */
export const pureDigests: Digests = {
  sha256Hex: (text) => bytesToHex(sha256(utf8ToBytes(text))),
  hmacSha256: (key, message) => hmac(sha256, key, utf8ToBytes(message)),
  hmacSha256Hex: (key, message) => bytesToHex(hmac(sha256, key, utf8ToBytes(message))),
};
