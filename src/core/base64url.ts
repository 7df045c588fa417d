/** Base64url (RFC 4648 §5) of a string's UTF-8 bytes, without padding; works where `Buffer` does not (browsers). */
export function toBase64Url(text: string): string {
  return base64UrlOfBytes(new TextEncoder().encode(text));
}

/** Base64url (RFC 4648 §5) of bytes (a signature, a digest), without padding. */
export function base64UrlOfBytes(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The string whose UTF-8 bytes a base64url text encodes; throws on text that is not base64url. */
export function fromBase64Url(encoded: string): string {
  if (!/^[\w-]*$/.test(encoded)) throw new Error('not base64url');
  const binary = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}
