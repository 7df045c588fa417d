import type { OutgoingRequest } from '../api';
import type { Protocol } from '../engine/protocol';
import type { ProxyReply } from './verification-proxy';

/**
 * Checks a provider's replies against the API's spec with the validators of strict mode (the protocol's
 * `reviewReply`): each violation is named `response: …`. A reply to a request no operation takes is not checked
 * (interactions may send bad input on purpose).
 */
export function specViolations(protocol: Protocol) {
  return (reply: ProxyReply, request: OutgoingRequest): string[] =>
    protocol
      .reviewReply(
        { method: request.method, target: request.path, headers: request.headers, body: request.body },
        reply,
      )
      .violations.map((v) => `response: ${v}`);
}
