import type { Fault } from '../../src/index';
import { readSessionToken } from '../../src/index';
import { TOKEN_PLACES } from './auth';
import type { ItentialContext } from './types';

/**
 * A call that came without the session token: from a page on another origin, the browser did not send the
 * `token` cookie that login set (fetch needs `credentials: 'include'`); from anywhere, the token login returned
 * was not sent back.
 */
export function itentialHint(fault: Fault, call: ItentialContext): string | undefined {
  if (fault.kind !== 'Unauthenticated' || readSessionToken(call.request, TOKEN_PLACES) !== undefined)
    return undefined;
  const { origin, host } = call.request.headers;
  if (origin !== undefined && origin !== 'null' && origin.replace(/^\w+:\/\//, '') !== host) {
    return `No token cookie came with this call from ${origin}: a browser sends the cookie that login set to another origin only with credentials: 'include' (fetch) or withCredentials (XHR), and only when CORS names that origin (not *); or send the token as ?token=`;
  }
  if (loggedIn(call)) {
    return 'No token came with this call, though this session has logged in: send the token that login returned as the token cookie or as ?token=';
  }
  return undefined;
}

function loggedIn(call: ItentialContext): boolean {
  for (const [key] of call.data.entries()) if (key.startsWith('token:')) return true;
  return false;
}
