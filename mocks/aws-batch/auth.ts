import type { Principal } from '../../src/index';
import { verifySigV4 } from '../../src/index';
import type { BatchContext } from './types';

/** Which access keys a server accepts. */
export interface BatchCredentials {
  /** Access key id → secret (the demo one, and `--aws-credentials`). */
  readonly keys: ReadonlyMap<string, string>;
  /** Accept any access key id (`--aws-any-key`): the signature's shape, scope and date are still checked. */
  readonly anyAccessKey: boolean;
}

/**
 * Every Batch call is signed with SigV4 for the `batch` service, dated within 15 minutes of the server's
 * clock: the session's virtual clock upstream (AWS's clock is the only one), that or the machine's clock in the
 * documented profile (a manual or sped-up clock never locks out a client whose own clock is right).
 */
export function authenticateBatch(context: BatchContext, credentials: BatchCredentials): Principal {
  const virtual = context.now();
  const accessKey = verifySigV4(context.request, {
    credentials: credentials.keys,
    anyAccessKey: credentials.anyAccessKey,
    service: 'batch',
    signedHost: context.clientHost,
    serverTimes: context.profile === 'upstream' ? [virtual] : [virtual, Date.now()],
  });
  return { subject: accessKey, grants: [] };
}
