/** Escapes one JSON pointer segment (RFC 6901 §3). */
export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Joins segments into a JSON pointer: `pointer('paths', '/v1/x', 'post')` → `/paths/~1v1~1x/post`. */
export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => '/' + escapeSegment(String(s))).join('');
}

/** The value at a JSON pointer (RFC 6901), or undefined. */
export function resolvePointer(document: unknown, at: string): unknown {
  if (at === '' || at === '#') return document;
  let node: unknown = document;
  for (const raw of at.replace(/^#/, '').split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key))
      return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Follows local `$ref`s (`#/...`) until a value that is not a reference; returns it with its pointer. */
export function dereference(document: unknown, at: string): { value: unknown; at: string } {
  let value = resolvePointer(document, at);
  const seen = new Set<string>();
  while (value && typeof value === 'object' && typeof (value as { $ref?: unknown }).$ref === 'string') {
    const ref = (value as { $ref: string }).$ref;
    if (!ref.startsWith('#') || seen.has(ref)) break;
    seen.add(ref);
    at = ref.slice(1);
    value = resolvePointer(document, at);
  }
  return { value, at };
}
