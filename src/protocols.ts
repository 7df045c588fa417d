import type { AnyApiDefinition, Profile } from './api';
import type { Protocol } from './engine/protocol';
import { OpenApiProtocol } from './openapi/openapi-protocol';
import { OpenRpcProtocol } from './openrpc/openrpc-protocol';

/** Every protocol jobmock serves, by the name an API definition gives (`protocol: 'openapi'`). */
const PROTOCOLS = {
  openapi: (api, document) => new OpenApiProtocol(api as never, document),
  openrpc: (api, document, profile) => new OpenRpcProtocol(api as never, document, profile),
} satisfies Record<
  AnyApiDefinition['protocol'],
  (api: AnyApiDefinition, document: Record<string, unknown>, profile: Profile) => Protocol
>;

/** The protocol an API is served with in a profile, compiled from its spec document. */
export function protocolOf(
  api: AnyApiDefinition,
  document: Record<string, unknown>,
  profile: Profile = 'documented',
): Protocol {
  return PROTOCOLS[api.protocol](api, document, profile) as Protocol;
}
