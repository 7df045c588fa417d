import { fault } from '../core/fault';
import type { Headers } from '../core/wire';

/** Header naming the session a call belongs to. */
export const SESSION_HEADER = 'x-jobmock-session';
/** The session of calls that name none. */
export const DEFAULT_SESSION = 'default';
/** What a session name may look like: 1 to 128 letters, digits and `_ . : -`. */
export const SESSION_NAME = /^[\w.:-]{1,128}$/;

/**
 * The session a call names in `X-Jobmock-Session` (the default session when it names none). A name that is not
 * a session name is refused, never mapped to another session: parallel CI runs must not share state by accident.
 */
export function sessionOf(headers: Headers): string {
  const name = headers[SESSION_HEADER];
  if (name === undefined) return DEFAULT_SESSION;
  if (!SESSION_NAME.test(name)) {
    throw fault(
      'BadRequest',
      `X-Jobmock-Session must be 1 to 128 letters, digits, "_", ".", ":" or "-" (got ${JSON.stringify(name.slice(0, 40))}${name.length > 40 ? '…' : ''})`,
    );
  }
  return name;
}
