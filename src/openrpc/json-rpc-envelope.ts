/**
 * JSON-RPC request envelopes: 2.0 (JSON-RPC 2.0 §4) and the KBase 1.1 form (`version: "1.1"`, list params).
 */
export interface RpcCall {
  readonly version: '2.0' | '1.1';
  readonly method: string;
  readonly params: unknown;
  /** undefined for a notification (JSON-RPC 2.0 §4.1). */
  readonly id: string | number | null | undefined;
}

export type EnvelopeCheck =
  | { readonly ok: true; readonly call: RpcCall }
  | { readonly ok: false; readonly message: string; readonly id: unknown };

/** Checks one request object's envelope (JSON-RPC 2.0 §4); the params are checked later, by the method. */
export function readEnvelope(value: unknown): EnvelopeCheck {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, message: 'The request is not a JSON-RPC request object', id: null };
  }
  const r = value as Record<string, unknown>;
  const id = validId(r.id) ? r.id : null;
  const version = r.jsonrpc === '2.0' ? '2.0' : r.version === '1.1' ? '1.1' : undefined;
  if (!version) return { ok: false, message: 'jsonrpc must be "2.0"', id };
  if (typeof r.method !== 'string' || r.method === '')
    return { ok: false, message: 'method must be a non-empty string', id };
  if (r.params !== undefined && (r.params === null || typeof r.params !== 'object')) {
    return { ok: false, message: 'params must be an object or an array', id };
  }
  if (r.id !== undefined && !validId(r.id))
    return { ok: false, message: 'id must be a string, a number or null', id: null };
  return { ok: true, call: { version, method: r.method, params: r.params, id: r.id as RpcCall['id'] } };
}

function validId(id: unknown): id is string | number | null {
  return id === null || typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));
}

/**
 * A response object for a call, in the call's own version; with `errors11As20`, a 1.1 call's error is sent in
 * the 2.0 form (as servers that write every error the same way do).
 */
export function rpcResponse(
  version: RpcCall['version'],
  id: unknown,
  outcome: { result: unknown } | { error: { code: number; message: string; data?: unknown } },
  errors11As20 = false,
): Record<string, unknown> {
  if (version === '1.1') {
    if ('result' in outcome) return { version: '1.1', result: [outcome.result], id };
    if (!errors11As20) return { version: '1.1', error: { name: 'JSONRPCError', ...outcome.error }, id };
  }
  return { jsonrpc: '2.0', ...outcome, id };
}

/**
 * Every way a response object breaks JSON-RPC 2.0 §5 (or the KBase 1.1 form, for a 1.1 call): the version
 * member, exactly one of `result` and `error`, and an error object with an integer `code` and a string
 * `message` (§5.1).
 */
export function responseIssues(response: unknown, version: RpcCall['version']): string[] {
  if (response === null || typeof response !== 'object' || Array.isArray(response))
    return ['the response is not a JSON-RPC response object'];
  const r = response as Record<string, unknown>;
  const issues: string[] = [];
  if (version === '2.0' && r.jsonrpc !== '2.0') issues.push('jsonrpc must be "2.0"');
  if (version === '1.1' && r.version !== '1.1') issues.push('version must be "1.1"');
  if (!('id' in r)) issues.push('the response has no id');
  const members = ['result', 'error'].filter((m) => r[m] !== undefined);
  if (members.length !== 1) issues.push('the response must hold exactly one of result and error');
  if (r.error !== undefined) {
    const error = r.error as Record<string, unknown> | null;
    if (error === null || typeof error !== 'object' || Array.isArray(error))
      issues.push('error must be an object');
    else {
      if (!Number.isInteger(error.code)) issues.push('error.code must be an integer');
      if (typeof error.message !== 'string') issues.push('error.message must be a string');
    }
  }
  return issues;
}
