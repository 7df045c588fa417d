import type { AnyApiDefinition } from '../api';
import { specDocument } from '../spec/load-spec';

/**
 * How a client of an API proves who it is, read from the API's spec (OpenAPI `securitySchemes`, OpenRPC
 * `x-auth`), so `jobmock verify` can put real credentials where the API expects them.
 */
export type CredentialScheme =
  | { readonly kind: 'sigv4'; readonly service: string; readonly defaultRegion: string }
  | { readonly kind: 'bearer' }
  | { readonly kind: 'header'; readonly name: string }
  | {
      readonly kind: 'session';
      readonly cookie: string | undefined;
      readonly query: string | undefined;
      /** The operation that trades a username and password for the token, if the spec has one. */
      readonly login: LoginOperation | undefined;
    };

/** `POST <path>` with a JSON body holding the username and password at these property paths. */
export interface LoginOperation {
  readonly path: string;
  readonly username: readonly string[];
  readonly password: readonly string[];
}

type Json = Record<string, unknown>;

/**
 * The scheme of the API's first security requirement, or undefined when the spec names none. A document that
 * names its auth in `x-auth` (OpenRPC has no security schemes) is read from there.
 */
export function credentialSchemeOf(api: AnyApiDefinition): CredentialScheme | undefined {
  const spec = specDocument(api);
  const auth = spec['x-auth'] as { in?: string; name?: string } | undefined;
  if (auth) return auth.in === 'header' && auth.name ? { kind: 'header', name: auth.name } : undefined;
  const schemes = ((spec.components as Json | undefined)?.securitySchemes ?? {}) as Record<string, Json>;
  const used = usedSchemes(spec)
    .map((name) => schemes[name])
    .filter((s): s is Json => s !== undefined);
  const first = used[0];
  if (!first) return undefined;
  if (first['x-amazon-apigateway-authtype'] === 'awsSigv4') return sigv4Scheme(spec);
  if (first.type === 'http' && String(first.scheme).toLowerCase() === 'bearer') return { kind: 'bearer' };
  const apiKeys = used.filter((s) => s.type === 'apiKey');
  const named = (where: string) => apiKeys.find((s) => s.in === where)?.name as string | undefined;
  if (first.type === 'apiKey' && first.in === 'header') return { kind: 'header', name: String(first.name) };
  if (named('cookie') !== undefined || named('query') !== undefined) {
    return { kind: 'session', cookie: named('cookie'), query: named('query'), login: loginOperation(spec) };
  }
  return undefined;
}

/** Scheme names in the order the spec uses them: its global security, then each operation's. */
function usedSchemes(spec: Json): string[] {
  const names: string[] = [];
  const add = (security: unknown) => {
    for (const requirement of (security as Json[] | undefined) ?? [])
      for (const name of Object.keys(requirement)) if (!names.includes(name)) names.push(name);
  };
  add(spec.security);
  for (const item of Object.values((spec.paths ?? {}) as Record<string, Json>))
    for (const op of Object.values(item)) if (op && typeof op === 'object') add((op as Json).security);
  return names;
}

/** SigV4's signing name is the endpoint's first host label (`batch` in `https://batch.{region}.amazonaws.com`). */
function sigv4Scheme(spec: Json): CredentialScheme {
  const server = ((spec.servers as Json[] | undefined) ?? [])[0] ?? {};
  const host = /^https?:\/\/([^./]+)/.exec(String(server.url ?? ''))?.[1] ?? 'execute-api';
  const region = ((server.variables as Json | undefined)?.region as Json | undefined)?.default;
  return { kind: 'sigv4', service: host, defaultRegion: typeof region === 'string' ? region : 'us-east-1' };
}

/** An unauthenticated POST whose JSON body holds a username and a password (resolving local `$ref`s). */
function loginOperation(spec: Json): LoginOperation | undefined {
  const resolve = (node: unknown): Json => {
    let at = node as Json;
    for (let hops = 0; typeof at?.$ref === 'string' && hops < 10; hops++) {
      at = String(at.$ref)
        .replace(/^#\//, '')
        .split('/')
        .reduce<unknown>((n, key) => (n as Json | undefined)?.[key], spec) as Json;
    }
    return at ?? {};
  };
  const find = (schema: Json, property: string, path: string[] = []): string[] | undefined => {
    const properties = (resolve(schema).properties ?? {}) as Record<string, Json>;
    if (property in properties) return [...path, property];
    for (const [name, child] of Object.entries(properties)) {
      const found = path.length < 3 ? find(child, property, [...path, name]) : undefined;
      if (found) return found;
    }
    return undefined;
  };
  for (const [path, item] of Object.entries((spec.paths ?? {}) as Record<string, Json>)) {
    const post = item.post as Json | undefined;
    if (!post || !Array.isArray(post.security) || post.security.length) continue;
    const schema = ((
      (resolve(post.requestBody).content as Json | undefined)?.['application/json'] as Json | undefined
    )?.schema ?? {}) as Json;
    const username = find(schema, 'username');
    const password = find(schema, 'password');
    if (username && password) return { path, username, password };
  }
  return undefined;
}
