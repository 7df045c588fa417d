import fc from 'fast-check';
import { digests, sameDigest } from '../../../src/auth/digests';
import type { Digests } from '../../../src/auth/digests';
import { nativeDigests } from '../../../src/auth/native-digests';
import { pureDigests } from '../../../src/auth/pure-digests';

const native = nativeDigests()!;
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const bytesOf = (byte: number, count: number) => new Uint8Array(count).fill(byte);

const BACKENDS: readonly (readonly [string, Digests])[] = [
  ['native (node:crypto)', native],
  ['pure (@noble/hashes)', pureDigests],
];

describe.each(BACKENDS)('%s digests', (_name, d) => {
  it('computes SHA-256 of the FIPS 180-2 vectors', () => {
    expect(d.sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(d.sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(d.sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('hashes text as UTF-8', () => {
    expect(d.sha256Hex('é€𝄞')).toBe('914b44317a4e1f0850bf59894ab838a905f124a87c52930a60f3d13c40ad4a31');
  });

  it('computes HMAC-SHA256 of the RFC 4231 vectors, short and longer-than-a-block keys', () => {
    expect(d.hmacSha256Hex(new TextEncoder().encode('Jefe'), 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    expect(hex(d.hmacSha256('Jefe', 'what do ya want for nothing?'))).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    expect(d.hmacSha256Hex(bytesOf(0x0b, 20), 'Hi There')).toBe(
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    );
    expect(
      d.hmacSha256Hex(bytesOf(0xaa, 131), 'Test Using Larger Than Block-Size Key - Hash Key First'),
    ).toBe('60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54');
  });
});

describe('the native and the pure digests', () => {
  it('agree on any text and key, a key reused for messages of every length (longer, then shorter)', () => {
    const key = native.hmacSha256('secret', 'date');
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 600 }),
        fc.uint8Array({ maxLength: 100 }),
        (text, other) => {
          expect(native.sha256Hex(text)).toBe(pureDigests.sha256Hex(text));
          expect(native.hmacSha256Hex(key, text)).toBe(pureDigests.hmacSha256Hex(key, text));
          expect(native.hmacSha256Hex(other, text)).toBe(pureDigests.hmacSha256Hex(other, text));
          expect(hex(native.hmacSha256(other, text))).toBe(hex(pureDigests.hmacSha256(other, text)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the native ones exist only where the runtime has node:crypto (not in a browser)', () => {
    const runtime = process as { getBuiltinModule?: unknown };
    const original = runtime.getBuiltinModule;
    runtime.getBuiltinModule = undefined;
    try {
      expect(nativeDigests()).toBeUndefined();
    } finally {
      runtime.getBuiltinModule = original;
    }
    expect(digests.sha256Hex('abc')).toBe(native.sha256Hex('abc'));
  });
});

describe('sameDigest', () => {
  it.each([
    ['abc', 'abc', true],
    ['abc', 'abd', false],
    ['ab', 'abc', false],
    ['abcd', 'abc', false],
    ['', '', true],
  ])('%j vs %j: %s', (given, expected, same) => {
    expect(sameDigest(given, expected)).toBe(same);
  });
});
