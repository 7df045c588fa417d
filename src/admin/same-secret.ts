/**
 * Compares a secret a caller sent with the expected one in time that does not depend on where they differ
 * (a plain `!==` stops at the first different character, which lets a caller find the secret by timing).
 */
export function sameSecret(given: string, expected: string): boolean {
  let difference = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) difference |= (given.charCodeAt(i) | 0) ^ expected.charCodeAt(i);
  return difference === 0;
}
