import type { TlsOptions } from './http-client';
import { send } from './http-client';

/** How long the probe waits for `/__admin/health` before taking the target for another server. */
export const PROBE_TIMEOUT_MS = 2_000;

/**
 * Whether `baseUrl` is served by a jobmock server that serves `api`: its origin answers
 * `GET /__admin/health` with jobmock's `{status: "ok", apis: [...]}`. Any other answer, or none within
 * PROBE_TIMEOUT_MS, means another server.
 */
export async function isJobmockServer(baseUrl: string, api: string, tls: TlsOptions = {}): Promise<boolean> {
  try {
    const reply = await send(
      new URL('/__admin/health', new URL(baseUrl).origin),
      { method: 'GET', timeoutMs: PROBE_TIMEOUT_MS },
      tls,
    );
    if (reply.status !== 200) return false;
    const health = JSON.parse(reply.body) as { status?: unknown; apis?: unknown };
    return health.status === 'ok' && Array.isArray(health.apis) && health.apis.includes(api);
  } catch {
    return false;
  }
}

/** Drops a session of a jobmock server (`DELETE /__admin/sessions/<name>`), so a run leaves nothing behind. */
export async function dropJobmockSession(
  baseUrl: string,
  name: string,
  headers: Readonly<Record<string, string>>,
  tls: TlsOptions = {},
): Promise<void> {
  await send(
    new URL(`/__admin/sessions/${encodeURIComponent(name)}`, new URL(baseUrl).origin),
    { method: 'DELETE', headers, timeoutMs: 5_000 },
    tls,
  ).catch(() => undefined);
}
