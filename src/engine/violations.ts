/** Header carrying strict-mode violations of a reply. */
export const VIOLATIONS_HEADER = 'x-jobmock-violations';

/** Encodes violations for a header value (ASCII only). */
export function violationsHeader(violations: readonly string[]): string {
  return JSON.stringify(violations).replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
