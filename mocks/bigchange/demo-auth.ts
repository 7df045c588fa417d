import type { OutgoingRequest } from '../../src/index';

const SESSION_HEADER = 'x-jobmock-session';

/**
 * Gets a token for the demo client (`demo`/`demo`, both job scopes) from the provider's own token endpoint
 * and sends it as `Authorization: Bearer`, unless the request carries credentials already. Against jobmock the
 * token is asked for in the request's own session, whose virtual clock dates it.
 */
export async function bigChangeDemoAuth(request: OutgoingRequest): Promise<Record<string, string>> {
  if (request.headers.authorization) return {};
  const session = request.headers[SESSION_HEADER];
  const reply = await fetch(`${request.baseUrl.replace(/\/$/, '')}/connect/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(session ? { [SESSION_HEADER]: session } : {}),
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'demo', client_secret: 'demo' }),
  });
  const token = ((await reply.json()) as { access_token?: unknown }).access_token;
  if (!reply.ok || typeof token !== 'string')
    throw new Error(`bigchange: the demo token request failed with ${reply.status}`);
  return { authorization: `Bearer ${token}` };
}
