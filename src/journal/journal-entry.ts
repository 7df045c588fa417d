import type { components } from '../../specs/_admin/types.gen';
import type { CallRecord } from './call-record';
import { redactCall, redactedText } from './redaction';

/** One call as the journal shows it (`GET /__admin/requests`): plain JSON, credentials redacted. */
export type JournalEntry = components['schemas']['RequestEntry'];

/** What `operation` says of a call that matched no operation. */
export const UNMATCHED = 'unmatched';

/**
 * The journal entry of a record: its request and reply redacted (see redactCall), bodies as JSON values where
 * they are JSON, and only the fields that say something.
 */
export function journalEntry(record: CallRecord): JournalEntry {
  const notes = [record.error?.message ?? '', ...(record.hints ?? [])];
  const parts = redactCall({
    path: record.path,
    query: record.query,
    headers: record.headers,
    requestBody: record.requestBody,
    requestRedacted: record.requestCut !== undefined,
    replyHeaders: record.replyHeaders,
    replyBody: record.replyBody,
    replyRedacted: record.replyCut !== undefined,
    notes,
  });
  const [errorMessage, ...hints] = parts.notes;
  const entry: JournalEntry = {
    seq: record.seq,
    at: record.at,
    ...(record.virtualAt === undefined ? {} : { virtualAt: record.virtualAt }),
    session: record.session,
    ...(record.api === undefined ? {} : { api: record.api }),
    operation: record.operation ?? UNMATCHED,
    ...(record.admin ? { admin: true } : {}),
    ...(record.call ? { call: { ...record.call } } : {}),
    method: record.method,
    path: parts.path,
    query: parts.query,
    status: record.status,
    durationMs: Math.round(record.durationMs * 1000) / 1000,
    request: message(parts.headers, parts.requestBody, record.requestCut),
    reply: message(parts.replyHeaders, parts.replyBody, record.replyCut),
    ...(record.error ? { error: { kind: record.error.kind, message: errorMessage! } } : {}),
    ...(record.findings?.length ? { findings: record.findings.map((f) => ({ ...f })) } : {}),
    ...(record.violations?.length ? { violations: [...record.violations] } : {}),
    ...(record.fault ? { fault: { ...record.fault } } : {}),
    transitions: record.transitions.map((t) => ({
      api: t.api,
      jobId: t.jobId,
      ...(t.from === undefined ? {} : { from: t.from }),
      to: t.to,
      cause: t.cause,
    })),
    jobIds: [...record.jobIds],
    ...(hints.length ? { hints } : {}),
  };
  return entry;
}

function message(
  headers: Record<string, string>,
  body: unknown,
  cut: number | undefined,
): JournalEntry['request'] {
  return {
    headers,
    ...(body === undefined ? {} : { body }),
    ...(cut ? { truncated: cut } : {}),
  };
}

/** The redacted text of a body too large to keep whole (what `callRecord` cuts). */
export function redactedBodyText(
  body: unknown,
  headers: Readonly<Record<string, string | undefined>>,
): string {
  return redactedText(body, headers['content-type']);
}
