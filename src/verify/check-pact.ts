import { readFileSync } from 'node:fs';
import type { AnyApiDefinition } from '../api';
import { isJsonMedia, mediaType } from '../core/body';
import type { Protocol, ReceivedReply, SentRequest } from '../engine/protocol';
import { protocolOf } from '../protocols';
import { specDocument } from '../spec/load-spec';

interface PactBody {
  content?: unknown;
  contentType?: string;
}

type PactHeaders = Record<string, string[] | string>;

interface PactHttpInteraction {
  description: string;
  type?: string;
  request: {
    method: string;
    path: string;
    query?: Record<string, string[]>;
    headers?: PactHeaders;
    body?: PactBody;
  };
  response: { status: number; headers?: PactHeaders; body?: PactBody };
}

export interface PactCheck {
  readonly description: string;
  /** Every way the interaction contradicts the spec; empty when it is compatible. */
  readonly problems: readonly string[];
}

/**
 * Checks each interaction of a pact against the API's spec (the "bi-directional" check): the request must be
 * one the spec accepts (or, when the spec rejects it, the pact must expect an error), and the response must be
 * declared for its status, with a body valid against the schema (the protocol's own review, as in strict mode).
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
  const protocol = protocolOf(api, specDocument(api));
  const http = pact.interactions.filter((i) => !i.type || i.type === 'Synchronous/HTTP');
  return {
    api: api.id,
    checks: http.map((i) => ({ description: i.description, problems: problemsOf(protocol, i) })),
  };
}

function problemsOf(protocol: Protocol, i: PactHttpInteraction): string[] {
  const request = sentRequest(i);
  const review = protocol.reviewReply(request, receivedReply(i), { headers: false });
  if (review.operation === undefined)
    return [`request: no operation in the spec takes ${i.request.method} ${i.request.path}`];
  const problems: string[] = [];
  const refused = protocol.reviewRequest(request);
  if (refused.length && !review.failed)
    problems.push(
      `request: the spec rejects it (${refused.join('; ')}), yet the pact expects ${review.outcome}`,
    );
  problems.push(...review.violations.map((v) => `response: ${v}`));
  return problems;
}

function sentRequest(i: PactHttpInteraction): SentRequest {
  const query = new URLSearchParams(
    Object.entries(i.request.query ?? {}).flatMap(([k, values]) =>
      values.map((v): [string, string] => [k, v]),
    ),
  ).toString();
  const headers = lowerCase(i.request.headers);
  if (i.request.body?.contentType && !headers['content-type'])
    headers['content-type'] = i.request.body.contentType;
  const target = i.request.path.split('?')[0]! + (query ? `?${query}` : '');
  return { method: i.request.method, target, headers, body: bodyText(i.request.body, headers) };
}

function receivedReply(i: PactHttpInteraction): ReceivedReply {
  const headers = lowerCase(i.response.headers);
  if (i.response.body?.contentType && !headers['content-type'])
    headers['content-type'] = i.response.body.contentType;
  return { status: i.response.status, headers, body: bodyText(i.response.body, headers) };
}

/** A pact body as sent on the wire: JSON content is kept parsed in the pact, other content as text. */
function bodyText(body: PactBody | undefined, headers: Record<string, string>): string {
  if (body?.content === undefined) return '';
  const json = isJsonMedia(mediaType(headers['content-type'])) || typeof body.content !== 'string';
  return json ? JSON.stringify(body.content) : String(body.content);
}

function lowerCase(headers: PactHeaders | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v]),
  );
}
