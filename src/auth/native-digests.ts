import type * as NodeCrypto from 'node:crypto';
import type { Digests } from './digests';

/**
 * Node's native SHA-256 and HMAC-SHA256, or undefined where the runtime has no `node:crypto`. The module comes
 * from `process.getBuiltinModule` (node ≥ 20.16), not an import, so a browser bundle of the engine holds no
 * Node built-in.
 */
export function nativeDigests(): Digests | undefined {
  const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const crypto = runtime?.getBuiltinModule?.('crypto') as typeof NodeCrypto | undefined;
  if (!crypto) return undefined;
  // `crypto.hash` (node ≥ 20.12) is a one-shot digest, about 3× cheaper than createHash(...).update(...).digest().
  const oneShot = typeof crypto.hash === 'function' ? crypto.hash : undefined;
  const sha256Hex = oneShot
    ? (text: string) => oneShot('sha256', text, 'hex')
    : (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');
  const hmacSha256 = (key: Uint8Array | string, message: string): Uint8Array =>
    crypto.createHmac('sha256', key).update(message).digest();
  const hmacSha256Hex = oneShot
    ? paddedHmacHex(oneShot, (key, message) => crypto.createHmac('sha256', key).update(message).digest('hex'))
    : (key: Uint8Array, message: string) => crypto.createHmac('sha256', key).update(message).digest('hex');
  return { sha256Hex, hmacSha256, hmacSha256Hex };
}

/** A key's RFC 2104 blocks: K ⊕ ipad with room for a message after it, and K ⊕ opad with room for the inner hash. */
interface PaddedKey {
  inner: Uint8Array;
  readonly outer: Uint8Array;
}

const BLOCK = 64;
const encoder = new TextEncoder();

/**
 * HMAC-SHA256 (RFC 2104 §2) as two one-shot hashes over blocks padded once per key and kept for reuse, so that
 * a call allocates almost nothing. Under load this costs a fraction of `createHmac(...).update(...).digest()`,
 * which builds a stream object and a native context per call. Keys longer than a block take `fallback`.
 */
function paddedHmacHex(
  oneShot: typeof NodeCrypto.hash,
  fallback: (key: Uint8Array, message: string) => string,
): (key: Uint8Array, message: string) => string {
  const paddedKeys = new WeakMap<Uint8Array, PaddedKey>();
  return (key, message) => {
    if (key.length > BLOCK) return fallback(key, message);
    let padded = paddedKeys.get(key);
    if (!padded) {
      padded = {
        inner: new Uint8Array(BLOCK + 256).fill(0x36),
        outer: new Uint8Array(BLOCK + 32).fill(0x5c),
      };
      for (let i = 0; i < key.length; i++) {
        padded.inner[i]! ^= key[i]!;
        padded.outer[i]! ^= key[i]!;
      }
      paddedKeys.set(key, padded);
    }
    // UTF-8 takes at most 3 bytes per UTF-16 unit: make room for the longest message this one could be.
    if (BLOCK + message.length * 3 > padded.inner.length) {
      const bigger = new Uint8Array(BLOCK + message.length * 3);
      bigger.set(padded.inner.subarray(0, BLOCK));
      padded.inner = bigger;
    }
    const { written } = encoder.encodeInto(message, padded.inner.subarray(BLOCK));
    writeHex(oneShot('sha256', padded.inner.subarray(0, BLOCK + written), 'hex'), padded.outer, BLOCK);
    return oneShot('sha256', padded.outer, 'hex');
  };
}

/** Decodes lower-case hex digits (as node writes them) into `out` from `offset`. */
function writeHex(hex: string, out: Uint8Array, offset: number): void {
  for (let i = 0, j = offset; i < hex.length; i += 2, j++)
    out[j] = (nibble(hex.charCodeAt(i)) << 4) | nibble(hex.charCodeAt(i + 1));
}

/** The value of one lower-case hex digit's character code. */
const nibble = (code: number): number => (code <= 57 ? code - 48 : code - 87);
