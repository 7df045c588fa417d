import type { Principal } from '../../src/index';
import { verifySigV4 } from '../../src/index';
import { DEMO_CREDENTIALS } from './demo-users';
import type { BatchContext } from './types';

/** Every Batch call is signed with SigV4 for the `batch` service. */
export function authenticateBatch(context: BatchContext): Principal {
  const accessKey = verifySigV4(context.request, {
    credentials: DEMO_CREDENTIALS,
    service: 'batch',
    signedHost: context.clientHost,
  });
  return { subject: accessKey, grants: [] };
}
