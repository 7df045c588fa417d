import type { OutgoingRequest } from '../../src/index';
import { readCookie } from '../../src/index';

const SESSION_HEADER = 'x-jobmock-session';

/**
 * Logs in as the demo admin (admin/admin) at the provider and sends the token as the `token` cookie, unless the
 * request is the login itself or already carries a token (cookie or `?token=`).
 */
export async function itentialDemoAuth(request: OutgoingRequest): Promise<Record<string, string>> {
  const cookie = request.headers.cookie;
  const [path = '/', query = ''] = request.path.split('?');
  if (path.endsWith('/login') || readCookie(cookie, 'token') || new URLSearchParams(query).has('token'))
    return {};
  const session = request.headers[SESSION_HEADER];
  const reply = await fetch(`${request.baseUrl.replace(/\/$/, '')}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(session ? { [SESSION_HEADER]: session } : {}) },
    body: JSON.stringify({ user: { username: 'admin', password: 'admin' } }),
  });
  if (!reply.ok) return {};
  const token = (await reply.json()) as string;
  return { cookie: cookie ? `${cookie}; token=${token}` : `token=${token}` };
}
