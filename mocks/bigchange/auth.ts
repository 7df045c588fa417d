import type { Principal } from '../../src/index';
import { fault, issueSignedToken, SessionTokens, verifySignedToken } from '../../src/index';
import type { BigChangeContext, TokenGrant } from './types';

/** The scopes a client may ask for; a token request without `scope` gets them all. */
export const JOB_SCOPES = ['jobs:read', 'jobs:write'] as const;

/** How long an access token lives (virtual seconds). */
export const TOKEN_LIFETIME_SECONDS = 3600;

/** The mock's own signing key: tokens are only meaningful to this mock. */
const SIGNING_SECRET = 'jobmock-bigchange-hs256';
const ISSUER = 'https://auth.bigchange.com';

/**
 * Bearer tokens that the provider state `a token {token} with scopes {scopes}` made valid, with what they
 * grant, in each session's BigChange data (a reset forgets them). Pacts record a fixed token; this makes it
 * stand for one the auth proxy issued, as Itential's session-token state does.
 */
export const stateTokens = new SessionTokens<TokenGrant>();

/** Issues the bearer JWT for a client of a customer with the scopes it was granted, dated by the virtual clock. */
export function issueAccessToken(
  clientId: string,
  customerId: number,
  scopes: readonly string[],
  now: number,
): string {
  return issueSignedToken(
    clientId,
    scopes,
    { iss: ISSUER, client_id: clientId, customer_id: customerId },
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
 * set up by a provider state (`stateTokens`) is taken with what the state gave it. A token is issued to a
 * customer's client: a `Customer-Id` naming another customer is a 403.
 */
export function authenticateBigChange(context: BigChangeContext): Principal {
  const header = context.request.headers.authorization ?? '';
  const match = /^Bearer +(\S+) *$/i.exec(header);
  if (!match) throw fault('Unauthenticated', 'A bearer access token is required.');
  const grant =
    stateTokens.resolve(context.data, match[1], context.now()) ?? signedGrant(match[1]!, context.now());
  const customer = context.request.headers['customer-id'];
  if (customer !== undefined && /^\d+$/.test(customer) && Number(customer) !== grant.customerId) {
    throw fault('Forbidden', `The access token does not give access to customer ${customer}.`);
  }
  return { subject: String(grant.customerId), grants: grant.scopes };
}

/** What a JWT the auth proxy issued grants, or a 401 `invalid_token`. */
function signedGrant(token: string, now: number): TokenGrant {
  const check = verifySignedToken(token, { secret: SIGNING_SECRET, now });
  if (!check.valid) throw fault('Unauthenticated', `${check.reason}.`, { code: 'invalid_token' });
  const customerId = check.claims.customer_id;
  if (typeof customerId !== 'number')
    throw fault('Unauthenticated', 'The token names no customer.', { code: 'invalid_token' });
  return { scopes: check.scopes, customerId };
}
