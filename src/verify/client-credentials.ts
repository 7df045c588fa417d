import type { OutgoingRequest } from '../api';
import { signSigV4 } from '../auth/sigv4-signer';
import type { CredentialScheme, LoginOperation } from './credential-scheme';
import type { TlsOptions } from './http-client';
import { send } from './http-client';

/** AWS credentials as the standard chain resolves them (environment, shared config and credentials files, SSO…). */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
}

/**
 * The real credentials `jobmock verify` was given. Which one an API uses follows from its credential scheme:
 * `token` is BigChange's bearer token, KBase's raw token, Itential's session token or Fabric's whole
 * SubjectAndApp header; `username`/`password` log in where the API has a login (Itential); `aws` signs SigV4.
 */
export interface ClientCredentials {
  readonly token?: string | undefined;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  readonly aws?: { readonly credentials: () => Promise<AwsCredentials>; readonly region: string } | undefined;
}

/** Headers to set on a request (a value `undefined` removes the header); `path` replaces the request's path. */
export interface Authorization {
  readonly headers: Record<string, string | undefined>;
  readonly path?: string | undefined;
}

/** Puts credentials on a request about to go to the provider. */
export type Authorizer = (request: OutgoingRequest) => Promise<Authorization>;

/**
 * The authorizer that puts the given real credentials where the API's scheme carries them, replacing what the
 * pact's request has there; undefined when none of the credentials fits the scheme.
 */
export function realCredentials(
  scheme: CredentialScheme | undefined,
  credentials: ClientCredentials,
  tls: TlsOptions,
): Authorizer | undefined {
  if (!scheme) return undefined;
  switch (scheme.kind) {
    case 'sigv4': {
      const aws = credentials.aws;
      if (!aws) return undefined;
      return async (request) => {
        const key = await aws.credentials();
        const base = new URL(request.baseUrl);
        const [path = '/', query = ''] = request.path.split('?');
        const signed = signSigV4(
          {
            method: request.method,
            host: base.host,
            path: base.pathname.replace(/\/$/, '') + path,
            query: Object.fromEntries(new URLSearchParams(query)),
            body: request.body,
          },
          { ...key, region: aws.region, service: scheme.service },
        );
        return { headers: { 'x-amz-security-token': undefined, ...signed } };
      };
    }
    case 'bearer': {
      const token = credentials.token;
      return token === undefined
        ? undefined
        : async () => ({ headers: { authorization: `Bearer ${token}` } });
    }
    case 'header': {
      const token = credentials.token;
      return token === undefined
        ? undefined
        : async () => ({ headers: { [scheme.name.toLowerCase()]: token } });
    }
    case 'session': {
      const { username, password } = credentials;
      const login = scheme.login;
      let token: Promise<string> | undefined =
        credentials.token === undefined ? undefined : Promise.resolve(credentials.token);
      if (token === undefined && (username === undefined || password === undefined || !login))
        return undefined;
      return async (request) => {
        token ??= logIn(request.baseUrl, login!, username!, password!, scheme.cookie, tls);
        return sessionToken(request, await token, scheme.cookie, scheme.query);
      };
    }
  }
}

/** The token where the request carries one: its `?<query>=`, else the `<cookie>` cookie (added when neither). */
function sessionToken(
  request: OutgoingRequest,
  token: string,
  cookie: string | undefined,
  query: string | undefined,
): Authorization {
  const [path = '/', search = ''] = request.path.split('?');
  const params = new URLSearchParams(search);
  if (query !== undefined && params.has(query)) {
    params.set(query, token);
    return { headers: {}, path: `${path}?${params.toString()}` };
  }
  if (cookie === undefined) return { headers: {} };
  const others = (request.headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim())
    .filter((c) => c !== '' && !c.startsWith(`${cookie}=`));
  return { headers: { cookie: [...others, `${cookie}=${token}`].join('; ') } };
}

/** Logs in once at the provider and returns the session token (the JSON string reply, or the cookie it sets). */
async function logIn(
  baseUrl: string,
  login: LoginOperation,
  username: string,
  password: string,
  cookie: string | undefined,
  tls: TlsOptions,
): Promise<string> {
  const body: Record<string, unknown> = {};
  const put = (path: readonly string[], value: string) => {
    let at = body;
    path.slice(0, -1).forEach((key) => (at = (at[key] ??= {}) as Record<string, unknown>));
    at[path[path.length - 1]!] = value;
  };
  put(login.username, username);
  put(login.password, password);
  const url = new URL(baseUrl.replace(/\/$/, '') + login.path);
  const reply = await send(
    url,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      timeoutMs: 10_000,
    },
    tls,
  );
  if (reply.status !== 200)
    throw new Error(`logging in at ${url.href} answered ${reply.status}: ${reply.body.slice(0, 300)}`);
  const fromCookie =
    cookie && new RegExp(`(?:^|[;,]\\s*)${cookie}=([^;]+)`).exec(reply.headers['set-cookie'] ?? '')?.[1];
  if (fromCookie) return fromCookie;
  const parsed = JSON.parse(reply.body) as unknown;
  if (typeof parsed === 'string') return parsed;
  throw new Error(`logging in at ${url.href} gave no session token`);
}

/** An access key id of AWS's shape that no AWS account has. */
const UNKNOWN_AWS_KEY: AwsCredentials = {
  accessKeyId: 'AKIAJOBMOCKNOTAKEY00',
  secretAccessKey: 'jobmock-unknown-secret-key',
};

/** A token no provider issued. */
const UNKNOWN_TOKEN = 'jobmock-unknown-credential';

/**
 * Credentials in the place and shape the API's scheme expects that no provider issued: a bearer token, header
 * value or session token nobody holds, or a SigV4 signature made with an access key no AWS account has (for
 * `region`, default the scheme's). Undefined when the API names no scheme.
 */
export function unknownCredentials(
  scheme: CredentialScheme | undefined,
  region?: string,
): Authorizer | undefined {
  if (!scheme) return undefined;
  const aws = {
    credentials: async () => UNKNOWN_AWS_KEY,
    region: region ?? (scheme.kind === 'sigv4' ? scheme.defaultRegion : 'us-east-1'),
  };
  return realCredentials(scheme, { token: UNKNOWN_TOKEN, aws }, {});
}
