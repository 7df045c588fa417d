import { ADMIN_PREFIX } from '../../src/admin/admin-path';
import type { MockService } from '../../src/mock-service';

/** One admin API call on a service in process (no socket), on the default session unless named. */
export async function adminCall(
  service: MockService,
  method: string,
  path: string,
  body?: unknown,
  session?: string,
): Promise<{ status: number; body: Record<string, unknown> | undefined }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (session !== undefined) headers['x-jobmock-session'] = session;
  const reply = await service.admin.handle({
    method,
    url: ADMIN_PREFIX + path,
    headers,
    rawBody: body === undefined ? '' : JSON.stringify(body),
  });
  return { status: reply.status, body: reply.body as Record<string, unknown> | undefined };
}
