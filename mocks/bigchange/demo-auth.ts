import type { OutgoingRequest } from '../../src/index';

/**
 * Gets a token for the demo client (`demo`/`demo`, both job scopes) from the provider's own token endpoint
 * (in the request's jobmock session, whose clock the token's times follow) and sends it as
 * `Authorization: Bearer`, unless the request carries credentials already.
 */
export async function bigChangeDemoAuth(request: OutgoingRequest): Promise<Record<string, string>> {
  if (request.headers.authorization) return {};
  const session = request.headers['x-jobmock-session'];
  const reply = await fetch(`${request.baseUrl.replace(/\/$/, '')}/connect/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(session ? { 'x-jobmock-session': session } : {}),
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'demo', client_secret: 'demo' }),
  });
  const token = ((await reply.json()) as { access_token?: unknown }).access_token;
  if (!reply.ok || typeof token !== 'string')
    throw new Error(`bigchange: the demo token request failed with ${reply.status}`);
  return { authorization: `Bearer ${token}` };
}
