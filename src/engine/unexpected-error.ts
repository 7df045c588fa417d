import type { Fault } from '../core/fault';
import { fault } from '../core/fault';

const reported = new Set<string>();

/** Turns an unexpected exception into an Internal fault, logging each distinct one once. */
export function reportUnexpected(api: string, error: unknown): Fault {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (!reported.has(text)) {
    reported.add(text);
    console.error(`jobmock: unexpected error in ${api}: ${text}`);
  }
  return fault('Internal', 'An internal error occurred');
}
