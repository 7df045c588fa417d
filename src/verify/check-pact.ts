import { readFileSync } from 'node:fs';
import type { AnyApiDefinition } from '../api';
import { isFault } from '../core/fault';
import type { MockReply, MockRequest } from '../core/wire';
import { splitUrl } from '../engine/incoming-call';
import { OpenApiDocument } from '../openapi/openapi-document';
import { OpenRpcDocument } from '../openrpc/openrpc-document';
import { loadSpec } from '../spec/load-spec';

interface PactBody {
  content?: unknown;
  contentType?: string;
}

interface PactHttpInteraction {
  description: string;
  type?: string;
  request: {
    method: string;
    path: string;
    query?: Record<string, string[]>;
    headers?: Record<string, string[] | string>;
    body?: PactBody;
  };
  response: { status: number; headers?: Record<string, string[] | string>; body?: PactBody };
}

export interface PactCheck {
  readonly description: string;
  /** Every way the interaction contradicts the spec; empty when it is compatible. */
  readonly problems: readonly string[];
}

/**
 * Checks each interaction of a pact against the API's spec (the "bi-directional" check): the request must be
 * one the spec accepts (or, when the spec rejects it, the pact must expect a declared error), and the
 * response must be declared for its status, with a body valid against the schema.
 */
export function checkPact(
  pactFile: string,
  apis: readonly AnyApiDefinition[],
): { api: string; checks: PactCheck[] } {
  const pact = JSON.parse(readFileSync(pactFile, 'utf8')) as {
    provider: { name: string };
    interactions: PactHttpInteraction[];
  };
  const api = apis.find((a) => a.id === pact.provider.name);
  if (!api)
    throw new Error(
      `${pactFile}: the provider "${pact.provider.name}" is not an API of jobmock (${apis.map((a) => a.id).join(', ')})`,
    );
  const http = pact.interactions.filter((i) => !i.type || i.type === 'Synchronous/HTTP');
  const check = api.protocol === 'openapi' ? openApiChecker(api.id) : openRpcChecker(api.id);
  return { api: api.id, checks: http.map((i) => ({ description: i.description, problems: check(i) })) };
}

function openApiChecker(apiId: string) {
  const document = new OpenApiDocument(loadSpec(apiId, 'openapi'));
  return (i: PactHttpInteraction): string[] => {
    const routed = document.route(i.request.method, i.request.path);
    if (!routed.found) return [`no operation ${i.request.method} ${i.request.path} in the spec`];
    const op = routed.operation;
    const problems: string[] = [];
    try {
      document.validateRequest(op, toRequest(i), routed.pathParams);
    } catch (error) {
      if (!isFault(error)) throw error;
      if (i.response.status < 400)
        problems.push(
          `request: the spec rejects it (${error.message}), yet the pact expects ${i.response.status}`,
        );
    }
    const contentType = header(i.response.headers, 'content-type') ?? i.response.body?.contentType;
    const reply: MockReply = {
      status: i.response.status,
      headers: contentType ? { 'content-type': contentType } : {},
      ...(i.response.body?.content === undefined ? {} : { body: i.response.body.content }),
    };
    problems.push(...document.checkReply(op, reply, { headers: false }).map((v) => `response: ${v}`));
    return problems;
  };
}

function openRpcChecker(apiId: string) {
  const document = new OpenRpcDocument(loadSpec(apiId, 'openrpc'));
  return (i: PactHttpInteraction): string[] => {
    const call = i.request.body?.content as { method?: string; params?: unknown } | undefined;
    const method = typeof call?.method === 'string' ? document.methods.get(call.method) : undefined;
    if (!method) return [`request: no method ${String(call?.method)} in the spec`];
    const response = i.response.body?.content as
      { result?: unknown; error?: { code: number; message: string } } | undefined;
    const problems: string[] = [];
    if (i.response.status !== 200)
      problems.push(`response: HTTP ${i.response.status}; JSON-RPC replies are sent with 200`);
    const params = Array.isArray(call!.params)
      ? (call!.params[0] as Record<string, unknown>)
      : ((call!.params ?? {}) as Record<string, unknown>);
    const issues = document.validateParams(method, params);
    if (issues.length && !response?.error)
      problems.push(
        `request: invalid params (${issues.map((x) => `${x.location}: ${x.message}`).join('; ')}), yet the pact expects a result`,
      );
    if (response) problems.push(...document.checkResponse(method, response).map((v) => `response: ${v}`));
    return problems;
  };
}

function toRequest(i: PactHttpInteraction): MockRequest {
  const query = Object.fromEntries(
    Object.entries(i.request.query ?? {}).map(([k, v]) => [k, v.length === 1 ? v[0] : v]),
  );
  const headers = Object.fromEntries(
    Object.entries(i.request.headers ?? {}).map(([k, v]) => [
      k.toLowerCase(),
      Array.isArray(v) ? v.join(', ') : v,
    ]),
  );
  const body = i.request.body;
  const rawBody =
    body?.content === undefined
      ? ''
      : typeof body.content === 'string'
        ? body.content
        : JSON.stringify(body.content);
  if (body?.contentType && !headers['content-type']) headers['content-type'] = body.contentType;
  return { method: i.request.method, base: '', path: splitUrl(i.request.path).path, query, headers, rawBody };
}

function header(headers: PactHttpInteraction['response']['headers'], name: string): string | undefined {
  const entry = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === name);
  return entry ? (Array.isArray(entry[1]) ? entry[1].join(', ') : entry[1]) : undefined;
}
