import { randomBytes } from 'node:crypto';
import type { CliServer } from '../../support/built-cli';
import { ensureBuilt, startCli, stopCli } from '../../support/built-cli';

/** Several `jobmock serve` processes sharing one Redis store (a key prefix of their own). */
export interface Replicas {
  readonly servers: CliServer[];
  readonly urls: string[];
  readonly prefix: string;
  /** Starts one more replica on the same store. */
  add(): Promise<CliServer>;
  stop(): Promise<void>;
}

/** Starts `count` replicas on the Redis at `redisUrl` (manual clock unless `args` say otherwise). */
export async function startReplicas(
  redisUrl: string,
  count: number,
  args: readonly string[] = ['--clock', 'manual'],
): Promise<Replicas> {
  ensureBuilt();
  const prefix = `replicas-${randomBytes(6).toString('hex')}:`;
  const servers: CliServer[] = [];
  const add = async () => {
    const server = await startCli(['--store', redisUrl, '--store-prefix', prefix, ...args]);
    servers.push(server);
    return server;
  };
  for (let i = 0; i < count; i++) await add();
  return {
    servers,
    get urls() {
      return servers.map((s) => s.url);
    },
    prefix,
    add,
    stop: async () => {
      await Promise.all(servers.map((s) => stopCli(s)));
    },
  };
}

/** BigChange as its clients call it, on one replica (tokens come from any replica: they are session data). */
export const bigchange = {
  async token(url: string): Promise<string> {
    const res = await fetch(`${url}/bigchange/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=demo&client_secret=demo',
    });
    if (res.status !== 200) throw new Error(`token: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { access_token: string }).access_token;
  },
  create(url: string, token: string, session?: string): Promise<Reply> {
    return call(url, token, 'POST', '/v1/jobs', { contactId: 987654 }, session);
  },
  cancel(url: string, token: string, id: string | number, session?: string): Promise<Reply> {
    return call(url, token, 'PUT', `/v1/jobs/${id}/cancel`, { reason: 'from a test' }, session);
  },
  read(url: string, token: string, id: string | number, session?: string): Promise<Reply> {
    return call(url, token, 'GET', `/v1/jobs/${id}`, undefined, session);
  },
};

/** A reply: its status, content type and body (parsed when JSON). */
export interface Reply {
  readonly status: number;
  readonly type: string;
  readonly body: Record<string, unknown> | undefined;
}

async function call(
  url: string,
  token: string,
  method: string,
  path: string,
  body: unknown,
  session: string | undefined,
): Promise<Reply> {
  const res = await fetch(`${url}/bigchange${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'customer-id': '4321',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(session ? { 'x-jobmock-session': session } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
  };
}

/** Calls the admin API of one replica. */
export async function admin(
  url: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> | undefined }> {
  const res = await fetch(`${url}/__admin${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}
