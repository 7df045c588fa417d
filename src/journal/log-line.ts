import type { CallRecord, RecordedTransition } from './call-record';
import { UNMATCHED } from './journal-entry';

/** How `jobmock serve --log` writes a call: one readable line, one JSON object per line, or nothing. */
export type LogFormat = 'pretty' | 'json' | 'off';

const ANSI = { red: '\x1b[31m', yellow: '\x1b[33m', green: '\x1b[32m', dim: '\x1b[2m', reset: '\x1b[0m' };

/**
 * One line for a call: time, session, API, operation, status, milliseconds, the job it moved (or named) with
 * its transition, the injected fault and the hints. Holds no credential: no headers, no query, no body.
 *
 * @example logLine(record, 'pretty') // '15:13:13.570 default aws-batch CancelJob 200 0.4ms job 3 RUNNABLE→FAILED'
 */
export function logLine(record: CallRecord, format: 'pretty' | 'json', color = false): string {
  return format === 'json' ? jsonLine(record) : prettyLine(record, color);
}

function prettyLine(record: CallRecord, color: boolean): string {
  const paint = (code: string, text: string) => (color ? `${code}${text}${ANSI.reset}` : text);
  const status = String(record.status);
  const tint = record.status >= 500 ? ANSI.red : record.status >= 400 ? ANSI.yellow : ANSI.green;
  const parts = [
    paint(ANSI.dim, clockTime(record.at)),
    record.session,
    record.admin ? 'admin' : (record.api ?? '-'),
    record.operation ?? UNMATCHED,
    paint(tint, status),
    `${milliseconds(record.durationMs)}ms`,
  ];
  const moved = mainTransition(record.transitions);
  if (moved) {
    const more = record.transitions.length > 1 ? ` (+${record.transitions.length - 1})` : '';
    parts.push(`job ${moved.jobId} ${moved.from ?? '∅'}→${moved.to}${more}`);
  } else if (record.jobIds.length) parts.push(`job ${record.jobIds.join(',')}`);
  if (record.fault) parts.push(paint(ANSI.red, `fault ${faultText(record.fault)}`));
  for (const hint of record.hints ?? []) parts.push(paint(ANSI.yellow, `hint: ${hint}`));
  return parts.join(' ');
}

function jsonLine(record: CallRecord): string {
  const moved = mainTransition(record.transitions);
  return JSON.stringify({
    time: new Date(record.at).toISOString(),
    ...(record.virtualAt === undefined ? {} : { virtualTime: new Date(record.virtualAt).toISOString() }),
    session: record.session,
    ...(record.api === undefined ? {} : { api: record.api }),
    operation: record.operation ?? UNMATCHED,
    ...(record.admin ? { admin: true } : {}),
    method: record.method,
    path: record.path,
    status: record.status,
    ms: milliseconds(record.durationMs),
    ...(moved ? { jobId: moved.jobId } : record.jobIds.length ? { jobId: record.jobIds[0] } : {}),
    ...(record.transitions.length
      ? { transitions: record.transitions.map(({ jobId, from, to, cause }) => ({ jobId, from, to, cause })) }
      : {}),
    ...(record.fault ? { fault: record.fault } : {}),
    ...(record.hints?.length ? { hints: record.hints } : {}),
  });
}

/** The move a call made itself, else the first it saw. */
function mainTransition(transitions: readonly RecordedTransition[]): RecordedTransition | undefined {
  return transitions.find((t) => t.cause === 'call') ?? transitions[0];
}

function faultText(effect: NonNullable<CallRecord['fault']>): string {
  const parts: string[] = [effect.source === 'fault' ? 'injected' : effect.source];
  if (effect.latencyMs) parts.push(`latency=${Math.round(effect.latencyMs)}ms`);
  if (effect.error) parts.push(`error=${'status' in effect.error ? effect.error.status : effect.error.code}`);
  if (effect.throttle) parts.push(`throttled retry-after=${Math.ceil(effect.throttle.retryAfterMs)}ms`);
  if (effect.network) parts.push(`network=${effect.network.kind}`);
  if (effect.ignore) parts.push('ignored');
  if (effect.failTo) parts.push(`failTo=${effect.failTo.state}`);
  return parts.join(' ');
}

function clockTime(at: number): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

function milliseconds(ms: number): number {
  return Math.round(ms * 10) / 10;
}
