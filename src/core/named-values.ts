/** How deep into a body, and how many values, a look for the values a call names goes. */
const MAX_DEPTH = 8;
const MAX_VALUES = 1_000;

/**
 * The values a call names: every string in its parameters and body, and every number as a string (path
 * parameters are coerced to their types), as far as MAX_DEPTH levels and MAX_VALUES values. Fault injection
 * uses it to find the jobs a call is about without knowing the API.
 *
 * @example namedValues({ id: 7 }, { jobs: ['a', 'b'] }) // Set { '7', 'a', 'b' }
 */
export function namedValues(...roots: readonly unknown[]): Set<string> {
  const values = new Set<string>();
  const visit = (value: unknown, depth: number): void => {
    if (values.size >= MAX_VALUES) return;
    if (typeof value === 'string') values.add(value);
    else if (typeof value === 'number' && Number.isFinite(value)) values.add(String(value));
    else if (value !== null && typeof value === 'object' && depth < MAX_DEPTH) {
      for (const item of Array.isArray(value) ? value : Object.values(value)) visit(item, depth + 1);
    }
  };
  for (const root of roots) visit(root, 0);
  return values;
}
