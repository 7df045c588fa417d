import { fault, fromBase64Url, toBase64Url } from '../../src/index';

/** Where a listing is ordered: a number, then a string (e.g. createdAt and id). */
export type PageKey = readonly [number, string];

/** Compares two keys in a listing's order (negative: `a` comes first). */
export type KeyOrder = (a: PageKey, b: PageKey) => number;

/** Ascending by number, then by string. */
export const ASCENDING: KeyOrder = (a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
/** Descending by number, then by string (newest first). */
export const DESCENDING: KeyOrder = (a, b) => ASCENDING(b, a);

/**
 * One page of a listing, keyed rather than counted: the token names the last key of the page, and the next
 * page starts after it in the listing's order. Items that change or go between two pages neither shift nor
 * repeat the ones after the token, which is what AWS's own tokens do.
 */
export function pageOf<T>(
  items: readonly T[],
  keyOf: (item: T) => PageKey,
  order: KeyOrder,
  size: number,
  nextToken: string | undefined,
): { page: T[]; nextToken?: string } {
  const after = decodeToken(nextToken);
  const rest = (
    after === undefined ? [...items] : items.filter((item) => order(keyOf(item), after) > 0)
  ).sort((a, b) => order(keyOf(a), keyOf(b)));
  const page = rest.slice(0, size);
  return rest.length > size ? { page, nextToken: encodeToken(keyOf(page[page.length - 1]!)) } : { page };
}

function encodeToken(key: PageKey): string {
  return toBase64Url(JSON.stringify({ after: key }));
}

function decodeToken(token: string | undefined): PageKey | undefined {
  if (token === undefined) return undefined;
  try {
    const { after } = JSON.parse(fromBase64Url(token)) as { after?: unknown };
    if (Array.isArray(after) && typeof after[0] === 'number' && typeof after[1] === 'string')
      return [after[0], after[1]];
  } catch {
    // fall through to the ClientException below
  }
  throw fault('BadRequest', 'The nextToken is not valid');
}
