import type nock from 'nock';
import type { Headers, MockReply } from '../core/wire';
import { replyBodyText } from '../core/wire';
import type { IncomingCall } from '../engine/incoming-call';
import { MAX_BODY_BYTES } from '../server/http-server';
import { nockNetworkFault } from './nock-network-fault';

/** One API mounted at a base path of an origin: what the nock reply function hands a call to. */
export interface Mount {
  /** The base URL's path without a trailing slash ('' for the root). */
  readonly basePath: string;
  /** While this mount lives, requests to hosts nobody intercepts fail (nock.disableNetConnect). */
  readonly blocksNetwork: boolean;
  /** Answers a call whose `url` is the path (and query) below `basePath`. */
  answer(call: IncomingCall): Promise<MockReply> | MockReply;
  /** The API's own not-found reply for a call to the origin outside every base path (`url` as sent). */
  notFound(call: IncomingCall): Promise<MockReply> | MockReply;
}

/** The methods intercepted on an origin (every method node's clients send in practice). */
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

interface OriginRoutes {
  scope: nock.Scope;
  interceptors: nock.Interceptor[];
  /** Longest base path first, so the most specific mount answers. */
  readonly mounts: Mount[];
}

const origins = new Map<string, OriginRoutes>();
/** Aborted when its mount goes: ends the hangs of its replies (nockNetworkFault). */
const mountEnded = new WeakMap<Mount, AbortController>();
let networkBlocked = false;
let nockModule: typeof nock | undefined;

/**
 * nock, loaded on first use: nock patches node's http modules and `fetch` as soon as it is loaded, so
 * `require('jobmock')` alone must not load it (a process that only runs `listen()` or Pact stays unpatched).
 */
function loadNock(): typeof nock {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily on purpose (see above)
  nockModule ??= require('nock') as typeof nock;
  if (!nockModule.isActive()) nockModule.activate();
  return nockModule;
}

/**
 * Mounts an API at `origin` + `mount.basePath` with nock, and returns the function that unmounts it.
 * Every method and path of the origin is intercepted once per origin: calls below a base path go to that
 * mount, the rest get the not-found reply of the origin's most specific mount. When the last mount of an
 * origin goes, so do its nock interceptors, and net connect is re-enabled once no mount blocks it.
 *
 * @example const unmount = mountOnOrigin('https://batch.us-east-1.amazonaws.com', mount);
 */
export function mountOnOrigin(origin: string, mount: Mount): () => void {
  const nockLib = loadNock();
  let routes = origins.get(origin);
  if (routes?.mounts.some((m) => m.basePath === mount.basePath)) {
    throw new Error(
      `jobmock: ${origin}${mount.basePath} is intercepted already; dispose() that interceptor first`,
    );
  }
  if (!routes) {
    routes = { ...openOrigin(nockLib, origin, () => routes!), mounts: [] };
    origins.set(origin, routes);
  }
  routes.mounts.push(mount);
  routes.mounts.sort((a, b) => b.basePath.length - a.basePath.length);
  mountEnded.set(mount, new AbortController());
  updateNetwork(nockLib);

  let mounted = true;
  return () => {
    if (!mounted) return;
    mounted = false;
    mountEnded.get(mount)?.abort();
    const current = origins.get(origin);
    const index = current ? current.mounts.indexOf(mount) : -1;
    if (!current || index < 0) return;
    current.mounts.splice(index, 1);
    if (current.mounts.length === 0) closeOrigin(nockLib, origin, current);
    updateNetwork(nockLib);
  };
}

/** Intercepts every method and path of an origin; `routes()` gives the mounts at the time of each call. */
function openOrigin(
  nockLib: typeof nock,
  origin: string,
  routes: () => OriginRoutes,
): Pick<OriginRoutes, 'scope' | 'interceptors'> {
  const scope = nockLib(origin).persist();
  // nock parses a JSON body before it calls the reply function and throws, uncaught, on malformed JSON.
  // It reads the content type from `req.headers`, which it sets just before emitting 'request': hiding the
  // content type there makes it hand over the raw body. `req.getHeaders()` still has every header.
  scope.on('request', (req: { headers: Record<string, unknown> }) => {
    req.headers = { ...req.headers, 'content-type': undefined };
  });
  const interceptors = METHODS.map((method) => {
    const interceptor = scope.intercept(() => true, method);
    interceptor.reply(function (uri, body) {
      return answer(routes(), this.req, uri, body);
    });
    return interceptor;
  });
  return { scope, interceptors };
}

/**
 * Removes an origin's interceptors. nock keeps an empty entry for the origin after `removeInterceptor`, and
 * answers requests to it with "No match" instead of letting them through; only `nock.cleanAll()` drops it.
 * So when every nock interceptor left is jobmock's, clean all and put back those of the other origins;
 * interceptors someone else set up with nock are never removed.
 */
function closeOrigin(nockLib: typeof nock, origin: string, routes: OriginRoutes): void {
  for (const interceptor of routes.interceptors) nockLib.removeInterceptor(interceptor);
  routes.scope.removeAllListeners('request');
  origins.delete(origin);
  const ours = new Set([...origins.values()].flatMap((r) => r.scope.activeMocks()));
  if (nockLib.activeMocks().some((key) => !ours.has(key))) return;
  nockLib.cleanAll();
  for (const [other, otherRoutes] of origins) {
    otherRoutes.scope.removeAllListeners('request');
    Object.assign(
      otherRoutes,
      openOrigin(nockLib, other, () => otherRoutes),
    );
  }
}

async function answer(
  routes: OriginRoutes,
  req: nock.ReplyFnContext['req'],
  uri: string,
  body: nock.Body,
): Promise<nock.ReplyFnResult> {
  const method = (req.method || 'GET').toUpperCase();
  const path = req.path || uri;
  const rawBody = typeof body === 'string' ? body : JSON.stringify(body);
  const tooLarge = Buffer.byteLength(rawBody) > MAX_BODY_BYTES;
  const call: IncomingCall = {
    method,
    url: path,
    headers: plainHeaders(req.getHeaders()),
    rawBody: tooLarge ? '' : rawBody,
    bodyTooLarge: tooLarge,
  };
  const mount = routes.mounts.find((m) => below(m.basePath, path) !== undefined);
  let reply: MockReply;
  if (mount) reply = await mount.answer({ ...call, url: below(mount.basePath, path)!, base: mount.basePath });
  else if (routes.mounts[0]) reply = await routes.mounts[0].notFound(call);
  else reply = { status: 404, headers: {} };
  const ended = mount && mountEnded.get(mount);
  if (reply.network && ended)
    return nockNetworkFault(reply, reply.network, method === 'HEAD', req, ended.signal);
  return toNockReply(reply, method === 'HEAD');
}

/** The path below `basePath` (at a segment boundary), or undefined when the path is not below it. */
function below(basePath: string, path: string): string | undefined {
  if (!path.startsWith(basePath)) return undefined;
  const rest = path.slice(basePath.length);
  if (rest === '') return '/';
  if (rest.startsWith('/')) return rest;
  if (rest.startsWith('?')) return '/' + rest;
  return undefined;
}

function plainHeaders(headers: Record<string, number | string | readonly string[] | undefined>): Headers {
  const plain: Headers = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    plain[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return plain;
}

function toNockReply(reply: MockReply, headOnly: boolean): nock.ReplyFnResult {
  const body = replyBodyText(reply);
  const headers: Record<string, string> = { ...reply.headers };
  if (body === undefined || headOnly) return [reply.status, '', headers];
  headers['content-length'] = String(Buffer.byteLength(body));
  return [reply.status, body, headers];
}

/** Blocks other hosts while any mount asks for it; re-enables net connect once none does. */
function updateNetwork(nockLib: typeof nock): void {
  const block = [...origins.values()].some((routes) => routes.mounts.some((m) => m.blocksNetwork));
  if (block && !networkBlocked) nockLib.disableNetConnect();
  if (!block && networkBlocked) nockLib.enableNetConnect();
  networkBlocked = block;
}
