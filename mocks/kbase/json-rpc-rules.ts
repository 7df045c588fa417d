import type { JsonRpcRules, Profile } from '../../src/index';
import { KBASE_ERRORS } from './errors';

/**
 * The SDK server's own JSON-RPC handling, in both profiles (`JobBrowserBFF_JSONRPCServer.py` on `jsonrpcbase`):
 * a `version: "1.1"` call must pass its params as a list (object params are jsonrpcbase's KeywordError,
 * -32099, data null), and `process_error` writes every error in the 2.0 form, 1.1 calls' included.
 */
const SDK_SERVER: JsonRpcRules = {
  namedParams11Error: { ...KBASE_ERRORS.keywordArguments, data: null },
  errors11As20: true,
};

/**
 * What uWSGI answers when the server raises out of `handle_call`: `request['method'].split('.')` on a body
 * that is not one request object (a batch, a bare value), or on a method name without exactly one dot, and
 * `request['id']` on a notification.
 */
const UWSGI_FAILURE = {
  status: 500,
  headers: { 'content-type': 'text/plain' },
  body: 'Internal Server Error',
};

/**
 * The documented profile keeps JSON-RPC 2.0's letter for batches, notifications, `id: null` and unqualified
 * method names; the upstream profile fails as the real server does: HTTP 500 for the first, second and last,
 * and, for `id: null`, the method is carried out and then answered with -32001 "Empty response from method"
 * (`_handle_request` treats a null id as a notification, and `handle_call` reports the missing result).
 */
export const KBASE_JSON_RPC_RULES: Readonly<Record<Profile, JsonRpcRules>> = {
  documented: SDK_SERVER,
  upstream: {
    ...SDK_SERVER,
    serverFailure: { reply: UWSGI_FAILURE, unlessMethodMatches: /^[^.]*\.[^.]*$/, withoutId: true },
    nullIdError: KBASE_ERRORS.emptyResponse,
  },
};
