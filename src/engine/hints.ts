import type { MockReply } from '../core/wire';

/** Header carrying what may have gone wrong with a call (common mistakes), never a change to the body. */
export const HINT_HEADER = 'x-jobmock-hint';

/** Adds hints to a reply's x-jobmock-hint header, as one line of ASCII (`; ` between hints). */
export function addHints(reply: MockReply, hints: readonly string[]): void {
  if (hints.length === 0) return;
  const text = [...new Set(hints)].join('; ');
  reply.headers[HINT_HEADER] = text.replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
