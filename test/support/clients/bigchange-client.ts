import createClient from 'openapi-fetch';
import type { paths } from '../../../specs/bigchange/types.gen';
import type { Fetch } from '../engine-fetch';

export const CUSTOMER = 4321;
export const BASE_URL = 'http://127.0.0.1:4010/bigchange';

/** The typed BigChange client (openapi-fetch over the generated `paths`). */
export function bigChangeClient(fetch: Fetch, baseUrl = BASE_URL) {
  return createClient<paths>({ baseUrl, fetch });
}

export type BigChangeClient = ReturnType<typeof bigChangeClient>;

/**
 * Form-encodes a token request. openapi-fetch would pick the form encoding from the Content-Type itself, but
 * under jest its `headers.get instanceof Function` check fails across realms, so the tests name it.
 */
export function formBody(body: Record<string, string | undefined>): string {
  return new URLSearchParams(
    Object.entries(body).filter((e): e is [string, string] => e[1] !== undefined),
  ).toString();
}

/**
 * A token for a demo client (`demo`, of the demo customer, unless told) with the given scopes (both job scopes
 * when none are named).
 */
export async function demoToken(client: BigChangeClient, scope?: string, clientId = 'demo'): Promise<string> {
  const { data, response } = await client.POST('/connect/token', {
    body: {
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientId,
      ...(scope === undefined ? {} : { scope }),
    },
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    bodySerializer: formBody,
  });
  if (!data?.access_token) throw new Error(`token request failed: ${response.status}`);
  return data.access_token;
}

/** The `Authorization` header for a bearer token. */
export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}
