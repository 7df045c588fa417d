import type { JournalEntry } from '../journal/journal-entry';
import type { RequestFilter } from '../journal/request-filter';
import { statusMatches } from '../journal/request-filter';

/** What `interceptor.expectCalled()` looks for: calls that pass a filter, and how many (at least one unless told). */
export interface CallExpectation extends Pick<RequestFilter, 'operation' | 'status' | 'jobId' | 'since'> {
  /** Exactly this many calls (default: at least one). */
  readonly times?: number | undefined;
}

/** How many of the calls that came closest a failure message shows. */
const SHOWN = 5;

/**
 * Undefined when the calls meet the expectation; otherwise the message to fail with: what was expected, how many
 * matched, and the calls that came closest (fewest differences, newest first) with what differs in each.
 *
 * @example unmetExpectation(entries, { operation: 'CancelJob', jobId: '3', times: 1 })
 */
export function unmetExpectation(
  entries: readonly JournalEntry[],
  expectation: CallExpectation,
): string | undefined {
  const scored = entries.map((entry) => ({ entry, differences: differences(entry, expectation) }));
  const matched = scored.filter((s) => s.differences.length === 0).length;
  const met = expectation.times === undefined ? matched > 0 : matched === expectation.times;
  if (met) return undefined;
  const wanted = expectation.times === undefined ? 'at least 1 call' : plural(expectation.times, 'call');
  const lines = [
    `jobmock: expected ${wanted} ${describe(expectation)}, but ${plural(matched, 'call')} matched.`,
  ];
  if (entries.length === 0) {
    lines.push('No calls arrived at all.');
    return lines.join('\n');
  }
  const closest = scored
    .filter((s) => (matched > 0 ? s.differences.length === 0 : true))
    .sort((a, b) => a.differences.length - b.differences.length || b.entry.seq - a.entry.seq)
    .slice(0, SHOWN);
  lines.push(
    matched > 0
      ? `The calls that matched (of ${plural(entries.length, 'call')}):`
      : `The closest of the ${plural(entries.length, 'call')} that arrived:`,
  );
  for (const { entry, differences: diff } of closest)
    lines.push(`  ${summary(entry)}${diff.length ? `  (${diff.join('; ')})` : ''}`);
  return lines.join('\n');
}

function differences(entry: JournalEntry, expected: CallExpectation): string[] {
  const found: string[] = [];
  if (expected.operation !== undefined && entry.operation !== expected.operation)
    found.push(`operation ${entry.operation}, not ${expected.operation}`);
  if (expected.status !== undefined && !statusMatches(entry.status, expected.status))
    found.push(`status ${entry.status}, not ${expected.status}`);
  if (expected.jobId !== undefined && !entry.jobIds.includes(expected.jobId))
    found.push(entry.jobIds.length ? `job ${entry.jobIds.join(', ')}, not ${expected.jobId}` : 'no job');
  if (expected.since !== undefined && entry.at < expected.since)
    found.push(`arrived ${expected.since - entry.at} ms before ${new Date(expected.since).toISOString()}`);
  return found;
}

function describe(expected: CallExpectation): string {
  const parts = [expected.operation === undefined ? 'of any operation' : `of ${expected.operation}`];
  if (expected.jobId !== undefined) parts.push(`for job ${expected.jobId}`);
  if (expected.status !== undefined) parts.push(`answered ${expected.status}`);
  if (expected.since !== undefined) parts.push(`since ${new Date(expected.since).toISOString()}`);
  return parts.join(' ');
}

function summary(entry: JournalEntry): string {
  const moves = entry.transitions.map((t) => `${t.jobId} ${t.from ?? '∅'}→${t.to}`).join(', ');
  const jobs = moves || (entry.jobIds.length ? `job ${entry.jobIds.join(', ')}` : '');
  return [`#${entry.seq}`, entry.method, entry.path, '→', entry.status, entry.operation, jobs]
    .filter((part) => part !== '')
    .join(' ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
