import { closest } from '../core/edit-distance';

/**
 * What a call of an unknown JSON-RPC method may have meant: a method spelt a little differently, or named
 * without (or with another) service prefix (`JobBrowserBFF.`).
 *
 * @example nearestMethod('cancel_job', ['JobBrowserBFF.cancel_job']) // 'Did you mean JobBrowserBFF.cancel_job?'
 */
export function nearestMethod(method: string, names: readonly string[]): string | undefined {
  const bare = (name: string) => name.slice(name.lastIndexOf('.') + 1);
  const near = closest(method, names) ?? closest(bare(method), names.map(bare));
  if (near === undefined) return undefined;
  return `Did you mean ${names.find((name) => name === near || bare(name) === near)}?`;
}
