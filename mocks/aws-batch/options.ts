import type { BatchCredentials } from './auth';
import { DEMO_CREDENTIALS } from './demo-users';

/**
 * The credentials a server accepts, from the API's options: `credentials` is `key:secret[,key:secret...]`
 * (`--aws-credentials`), added to the demo key; `anyAccessKey: true` (`--aws-any-key`) accepts any key.
 * Throws an Error naming what is wrong.
 *
 * @example credentialsOf({ credentials: 'AKIDEXAMPLE:secret,FOOBARKEY:FOOBARSECRET' })
 */
export function credentialsOf(options: Readonly<Record<string, unknown>>): BatchCredentials {
  const unknown = Object.keys(options).filter((key) => key !== 'credentials' && key !== 'anyAccessKey');
  if (unknown.length) throw new Error(`aws-batch: unknown option ${unknown.join(', ')}`);
  const { credentials = '', anyAccessKey = false } = options;
  if (typeof credentials !== 'string')
    throw new Error('aws-batch: credentials must be a string key:secret,...');
  if (typeof anyAccessKey !== 'boolean') throw new Error('aws-batch: anyAccessKey must be true or false');
  const keys = new Map(DEMO_CREDENTIALS);
  for (const pair of credentials
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const colon = pair.indexOf(':');
    const [key, secret] = [pair.slice(0, colon), pair.slice(colon + 1)];
    if (colon < 1 || !secret || /\s/.test(pair))
      throw new Error(
        `--aws-credentials: "${pair}" is not key:secret (an access key id, a colon, its secret)`,
      );
    keys.set(key, secret);
  }
  return { keys, anyAccessKey };
}
