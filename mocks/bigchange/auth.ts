import type { Principal } from '../../src/index';
import { fault, issueSignedToken, SessionTokens, verifySignedToken } from '../../src/index';
import type { BigChangeContext } from './job-view';

/** The demo OAuth client (client credentials grant): client id `demo`, secret `demo`. */
export const DEMO_CLIENTS: ReadonlyMap<string, string> = new Map([['demo', 'demo']]);

/** The scopes a client may ask for; a token request without `scope` gets them all. */
export const JOB_SCOPES = ['jobs:read', 'jobs:write'] as const;

/** How long an access token lives (virtual seconds). */
export const TOKEN_LIFETIME_SECONDS = 3600;

/** The mock's own signing key: tokens are only meaningful to this mock. */
const SIGNING_SECRET = 'jobmock-bigchange-hs256';
const ISSUER = 'https://auth.bigchange.com';

/**
 * Bearer tokens that the provider state `a token {token} with scopes {scopes}` made valid, with their scopes,
 * per engine session (a reset forgets them). Pacts record a fixed token; this makes it stand for one the auth
 * proxy issued, as Itential's session-token state does.
 */
export const stateTokens = new SessionTokens<readonly string[]>();

/** Issues the bearer JWT for a client with the scopes it was granted, dated by the virtual clock. */
export function issueAccessToken(clientId: string, scopes: readonly string[], now: number): string {
  return issueSignedToken(
    clientId,
    scopes,
    { iss: ISSUER, client_id: clientId },
    {
      secret: SIGNING_SECRET,
      now,
      ttlSeconds: TOKEN_LIFETIME_SECONDS,
    },
  );
}

/**
 * `Authorization: Bearer <jwt>` (RFC 6750 §2.1). No credentials, or another scheme, is a 401 without an error
 * code; a token that is malformed, forged or expired is a 401 `invalid_token` (RFC 6750 §3.1). The token's
 * scopes become the principal's grants, which the engine checks against each operation's security. A token
 * set up by a provider state (`stateTokens`) is taken with the scopes the state gave it.
 */
export function authenticateBigChange(context: BigChangeContext): Principal {
  const header = context.request.headers.authorization ?? '';
  const match = /^Bearer +(\S+) *$/i.exec(header);
  if (!match) throw fault('Unauthenticated', 'A bearer access token is required.');
  const stateScopes = stateTokens.resolve(context.session, match[1]);
  if (stateScopes) return { subject: 'provider-state', grants: stateScopes };
  const check = verifySignedToken(match[1]!, { secret: SIGNING_SECRET, now: context.now() });
  if (!check.valid) throw fault('Unauthenticated', `${check.reason}.`, { code: 'invalid_token' });
  return { subject: check.claims.sub, grants: check.scopes };
}
