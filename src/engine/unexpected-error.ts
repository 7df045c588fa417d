import type { Fault } from '../core/fault';
import { fault, isFault } from '../core/fault';

const reported = new Set<string>();
/** Distinct errors logged at most, so a bug hit with ever-new messages cannot fill the log or the memory. */
const MAX_REPORTED = 100;

/**
 * The fault an error stands for: a Fault as it is; any other exception (a bug) becomes an Internal fault —
 * the API's own 500 — and is logged, each distinct one once.
 */
export function asFault(error: unknown, where: string): Fault {
  if (isFault(error)) return error;
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (!reported.has(text) && reported.size < MAX_REPORTED) {
    reported.add(text);
    console.error(`jobmock: unexpected error in ${where}: ${text}`);
  }
  return fault('Internal', 'An internal error occurred');
}
