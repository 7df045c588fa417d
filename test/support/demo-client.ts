import type { AnyApiDefinition, ClientRequest, OutgoingRequest } from '../../src/api';
import { VIOLATIONS_HEADER } from '../../src/engine/violations';

/** A reply as a client of the API sees it, with jobmock's strict-mode verdict. */
export interface DemoReply {
  readonly status: number;
  readonly body: unknown;
  /** The `x-jobmock-violations` header: null when strict mode found nothing (or is off). */
  readonly violations: string | null;
}

/**
 * Sends a client request to an API served at `baseUrl` (where the API is mounted), with the API's demo
 * credentials (`demoAuth`) added as a client holding them would.
 *
 * @example await sendAsDemoClient(api, `${server.url}/${api.id}`, api.jobRequests.cancel(id))
 */
export async function sendAsDemoClient(
  api: AnyApiDefinition,
  baseUrl: string,
  request: ClientRequest,
): Promise<DemoReply> {
  const reply = await fetch(baseUrl + request.path, await withDemoCredentials(api, baseUrl, request));
  const text = await reply.text();
  return {
    status: reply.status,
    body: text === '' ? undefined : parseOrText(text),
    violations: reply.headers.get(VIOLATIONS_HEADER),
  };
}

/** The method, headers and body of a client request, with the API's demo credentials added (`demoAuth`). */
export async function withDemoCredentials(
  api: AnyApiDefinition,
  baseUrl: string,
  request: ClientRequest,
): Promise<{ method: string; headers: Record<string, string>; body?: string }> {
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
  const outgoing: OutgoingRequest = {
    method: request.method,
    baseUrl,
    path: request.path,
    headers,
    body: body ?? '',
  };
  Object.assign(headers, await api.demoAuth?.(outgoing));
  // The client sets Host from the URL, which is the host the credentials were made for.
  for (const name of Object.keys(headers)) if (name.toLowerCase() === 'host') delete headers[name];
  return body === undefined ? { method: request.method, headers } : { method: request.method, headers, body };
}

/** Whether the call did what it asked: a 2xx reply, and for JSON-RPC a result rather than an error. */
export function succeeded(api: AnyApiDefinition, reply: DemoReply): boolean {
  if (reply.status < 200 || reply.status >= 300) return false;
  if (api.protocol !== 'openrpc') return true;
  const response = reply.body as { result?: unknown; error?: unknown } | undefined;
  return response !== undefined && response.error === undefined && 'result' in response;
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
