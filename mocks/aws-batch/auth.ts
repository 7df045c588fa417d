import type { Principal } from '../../src/index';
import { verifySigV4 } from '../../src/index';
import type { BatchContext } from './job-detail';

/** Demo credential: access key `test`, secret `test`, any region (as LocalStack and moto use). */
export const DEMO_CREDENTIALS: ReadonlyMap<string, string> = new Map([['test', 'test']]);

/** Every Batch call is signed with SigV4 for the `batch` service. */
export function authenticateBatch(context: BatchContext): Principal {
  const accessKey = verifySigV4(context.request, {
    credentials: DEMO_CREDENTIALS,
    service: 'batch',
    signedHost: context.clientHost,
  });
  return { subject: accessKey, grants: [] };
}
