import { malformedBody, slowBodyPieces, truncatedBody } from '../../../src/core/network-fault';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (body: Uint8Array) => new TextDecoder().decode(body);

describe('network fault bodies', () => {
  it.each(['{"jobId":"a"}', '{}', '"OK"', '12', '[1,2,3]', ''])(
    'a malformed body never parses as JSON (%j)',
    (body) => {
      const malformed = text(malformedBody(bytes(body)));
      expect(() => JSON.parse(malformed) as unknown).toThrow(SyntaxError);
      expect(malformed.startsWith(body.slice(0, Math.floor(body.length / 2)))).toBe(true);
    },
  );

  it('a truncated body is the first half', () => {
    expect(text(truncatedBody(bytes('0123456789')))).toBe('01234');
    expect(truncatedBody(bytes('')).length).toBe(0);
  });

  it('a slow body comes in ten pieces of about equal size (fewer for shorter bodies) that make it up', () => {
    const body = bytes('x'.repeat(95) + 'é');
    const pieces = slowBodyPieces(body);
    expect(pieces.length).toBe(10);
    expect(Buffer.concat(pieces)).toEqual(Buffer.from(body));
    expect(slowBodyPieces(bytes('x'.repeat(23))).map((p) => p.length)).toEqual([
      2, 2, 2, 3, 2, 2, 3, 2, 2, 3,
    ]);
    expect(slowBodyPieces(bytes('ab')).length).toBe(2);
    expect(slowBodyPieces(bytes(''))).toEqual([]);
  });
});
