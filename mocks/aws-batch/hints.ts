import type { Fault } from '../../src/index';
import { verifySigV4 } from '../../src/index';
import type { BatchCredentials } from './auth';
import type { BatchContext } from './types';

/** The same host under the other loopback names. */
const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

/**
 * A SigV4 signature that does not verify because the client signed for another Host than the one that arrived
 * (a proxy in front rewrote it, or the client was pointed at localhost and signed 127.0.0.1): tries the hosts it
 * may have been, and names the one that verifies, with the flag that makes jobmock check against it.
 */
export function batchHint(
  fault: Fault,
  call: BatchContext,
  credentials: BatchCredentials,
): string | undefined {
  if (fault.details.code !== 'InvalidSignatureException') return undefined;
  const { headers } = call.request;
  const arrived = headers.host ?? '';
  const signed = candidateHosts(call).find((host) => verifiesFor(call, host, credentials));
  if (signed !== undefined) {
    return `The request was signed for Host ${signed} but arrived with Host ${arrived}: if a proxy in front rewrites Host, start jobmock with --client-host ${signed}`;
  }
  if (headers['x-forwarded-host'] || headers.forwarded || headers.via) {
    return 'The signature does not match, and a proxy forwarded the call: if it rewrote Host, start jobmock with --client-host <the host the client signed for>';
  }
  return undefined;
}

function candidateHosts(call: BatchContext): string[] {
  const { headers } = call.request;
  const hosts = [headers['x-forwarded-host'], forwardedHost(headers.forwarded), headers['x-original-host']];
  const host = call.clientHost ?? headers.host ?? '';
  const port = /(:\d+)$/.exec(host)?.[1] ?? '';
  for (const name of LOOPBACK) hosts.push(name + port, name);
  // With --client-host given, the Host that arrived may be what the client signed after all.
  if (call.clientHost !== undefined) hosts.push(headers.host);
  return [...new Set(hosts.filter((h): h is string => !!h && h !== host))];
}

function verifiesFor(call: BatchContext, host: string, credentials: BatchCredentials): boolean {
  try {
    verifySigV4(call.request, {
      credentials: credentials.keys,
      service: 'batch',
      signedHost: host,
      serverTimes: [call.now(), Date.now()],
    });
    return true;
  } catch {
    return false;
  }
}

/** The host of an RFC 7239 `Forwarded` header (its first element). */
function forwardedHost(header: string | undefined): string | undefined {
  return /(?:^|[;,\s])host="?([^";,\s]+)"?/i.exec(header ?? '')?.[1];
}
