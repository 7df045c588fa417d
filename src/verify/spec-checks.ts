import type { OutgoingRequest } from '../api';
import type { OpenRpcDocument } from '../openrpc/openrpc-document';
import type { ProxyReply } from './verification-proxy';

interface PrismViolation {
  readonly location?: readonly string[];
  readonly severity?: string;
  readonly message?: string;
}

/**
 * Response violations Prism reported in its `sl-violations` header (request violations are left out:
 * interactions that send bad input on purpose are expected to have them).
 */
export function prismResponseViolations(reply: ProxyReply): string[] {
  const header = reply.headers['sl-violations'];
  if (!header) return [];
  let found: PrismViolation[];
  try {
    found = JSON.parse(header) as PrismViolation[];
  } catch {
    return [`unreadable sl-violations header: ${header.slice(0, 200)}`];
  }
  return found
    .filter((v) => v.location?.[0] === 'response' && v.severity === 'Error')
    .map((v) => `${(v.location ?? []).join('.')}: ${v.message ?? 'violation'}`);
}

/** Checks JSON-RPC replies against an OpenRPC document: each result or error against its method. */
export function openRpcViolations(document: OpenRpcDocument) {
  return (reply: ProxyReply, request: OutgoingRequest): string[] => {
    if (reply.status !== 200) return [`HTTP status ${reply.status}; JSON-RPC replies are sent with 200`];
    const calls = parse(request.body);
    const answers = parse(reply.body);
    const callList = (Array.isArray(calls) ? calls : [calls]) as { method?: unknown; id?: unknown }[];
    const answerList = (Array.isArray(answers) ? answers : answers === undefined ? [] : [answers]) as {
      id?: unknown;
      result?: unknown;
      error?: { code: number; message: string };
    }[];
    const violations: string[] = [];
    for (const answer of answerList) {
      const call = callList.find((c) => c && c.id === answer.id);
      const method = typeof call?.method === 'string' ? document.methods.get(call.method) : undefined;
      if (!method) continue;
      violations.push(...document.checkResponse(method, answer).map((v) => `${method.name}: ${v}`));
    }
    return violations;
  };
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
