import type { Fault } from '../../src/index';
import type { KbaseContext } from './types';

/**
 * KBase takes the token itself in `Authorization` (no scheme); a client that sends `Bearer <token>`, as most
 * OAuth APIs want, gets "Invalid token" without knowing why.
 */
export function kbaseHint(fault: Fault, call: KbaseContext): string | undefined {
  if (fault.kind !== 'Unauthenticated') return undefined;
  const scheme = /^(Bearer|OAuth|Token)\s+\S/i.exec(call.request.headers.authorization ?? '');
  if (!scheme) return undefined;
  return `KBase takes the bare token in Authorization, without "${scheme[1]} " before it (Authorization: <token>)`;
}
