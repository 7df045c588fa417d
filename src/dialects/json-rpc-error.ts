import type { RpcError } from '../api';
import type { Fault, FaultKind } from '../core/fault';

/** JSON-RPC 2.0 §5.1 codes for the fault kinds that have one; the rest are server errors (-32000). */
const CODE_OF_KIND: Partial<Record<FaultKind, number>> = {
  ParseError: -32700,
  BadRequest: -32600,
  RouteNotFound: -32601,
  Internal: -32603,
};

const MESSAGE_OF_CODE: Readonly<Record<number, string>> = {
  [-32700]: 'Parse error',
  [-32600]: 'Invalid request',
  [-32601]: 'Method not found',
  [-32602]: 'Invalid params',
  [-32603]: 'Internal error',
  [-32000]: 'Server error',
};

/**
 * A fault as a JSON-RPC 2.0 error object (§5.1): the fault's own numeric code when it names one, else the
 * standard code of its kind. `message` is the standard message; the fault's text goes to `data.message`.
 *
 * @example jsonRpcError(fault('RouteNotFound', 'Method x not found', { code: -32601 }))
 *   // { code: -32601, message: 'Method not found', data: { message: 'Method x not found' } }
 */
export function jsonRpcError(f: Fault): RpcError {
  const code = typeof f.details.code === 'number' ? f.details.code : (CODE_OF_KIND[f.kind] ?? -32000);
  return { code, message: MESSAGE_OF_CODE[code] ?? f.message, data: { message: f.message } };
}
