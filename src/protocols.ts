import type { AnyApiDefinition } from './api';
import type { Protocol } from './engine/protocol';
import { OpenApiProtocol } from './openapi/openapi-protocol';
import { OpenRpcProtocol } from './openrpc/openrpc-protocol';

/** Every protocol jobmock serves, by the name an API definition gives (`protocol: 'openapi'`). */
const PROTOCOLS = {
  openapi: (api, document) => new OpenApiProtocol(api as never, document),
  openrpc: (api, document) => new OpenRpcProtocol(api as never, document),
} satisfies Record<
  AnyApiDefinition['protocol'],
  (api: AnyApiDefinition, document: Record<string, unknown>) => Protocol
>;

/** The protocol an API is served with, compiled from its spec document. */
export function protocolOf(api: AnyApiDefinition, document: Record<string, unknown>): Protocol {
  return PROTOCOLS[api.protocol](api, document) as Protocol;
}
