import type { JSONRPCErrorException, JSONRPCResponse } from 'json-rpc-2.0';
import { JSONRPCClient } from 'json-rpc-2.0';
import type { Profile } from '../../../src/index';
import { kbase } from '../../../mocks/kbase';
import type { OpenRpcTypes } from '../../../specs/kbase/types.gen';
import { apiTestEngine } from '../engine-harness';

type Methods = OpenRpcTypes['methods'];
export type MethodName = keyof Methods;

/** A fresh engine serving only KBase (strict, manual clock) in the given profile. */
export function kbaseEngine(profile: Profile = 'documented') {
  return apiTestEngine(kbase, { profile });
}

export type KbaseEngine = ReturnType<typeof kbaseEngine>;

/**
 * A typed JSON-RPC 2.0 client (npm `json-rpc-2.0`) whose transport posts into the engine with the raw
 * token in `Authorization`, as the KBase UI does. `call` is typed from the spec's generated method types.
 */
/** `token: null` sends no Authorization header. */
export function kbaseClient(t: KbaseEngine, token: string | null = 'user-token') {
  const client: JSONRPCClient = new JSONRPCClient(async (payload: unknown) => {
    const reply = await t.send('POST', '/kbase', {
      headers: token === null ? {} : { authorization: token },
      body: payload,
    });
    expect(reply.status).toBe(200);
    if (reply.body !== undefined) client.receive(reply.body as JSONRPCResponse | JSONRPCResponse[]);
  });
  return {
    client,
    call<M extends MethodName>(method: M, params: Methods[M]['params']): Promise<Methods[M]['result']> {
      return client.request(method, params) as Promise<Methods[M]['result']>;
    },
  };
}

/** The error a call was rejected with (fails when it succeeded). */
export async function rejection(promise: PromiseLike<unknown>): Promise<JSONRPCErrorException> {
  try {
    await promise;
  } catch (error) {
    return error as JSONRPCErrorException;
  }
  throw new Error('expected the call to fail');
}

/** Creates a job held in a state through the engine (owned by `user` unless told). */
export function jobIn(
  t: KbaseEngine,
  state: string,
  options: { owner?: string; held?: boolean; fields?: Record<string, unknown> } = {},
): string {
  return t.createJob({ state, ...options }).id;
}
