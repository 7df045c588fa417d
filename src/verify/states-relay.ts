import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TlsOptions } from './http-client';
import { send } from './http-client';
import type { PactInteraction } from './pact-interactions';
import { INTERACTION_PARAM, valuesToReturn } from './pact-interactions';

/** How long the relay waits for the provider's states URL to answer one call. */
export const STATE_CALL_TIMEOUT_MS = 5_000;

export interface StatesRelayOptions {
  /** The provider's states URL (or jobmock's admin endpoint). */
  readonly url: string;
  /** Headers sent with every state call (the jobmock session, an admin token). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly tls?: TlsOptions | undefined;
  /** The interactions the verifier runs, in the order of INTERACTION_PARAM. */
  readonly interactions: readonly PactInteraction[];
  readonly timeoutMs?: number | undefined;
}

export interface StatesRelay {
  readonly url: string;
  /** What went wrong with the state calls of each interaction, by index. */
  readonly failures: ReadonlyMap<number, readonly string[]>;
  close(): Promise<void>;
}

/** A status Pact's verifier does not retry (it retries 5xx, 408 and 429 for minutes): the call failed. */
const FAILED = 424;

interface StateCall {
  state: string;
  params?: Record<string, unknown>;
  action?: 'setup' | 'teardown';
}

/**
 * The states URL `jobmock verify` gives Pact's verifier. It answers the call of an interaction without states
 * at once, forwards the others to the provider's states URL with a time limit, and answers the verifier at
 * once either way: a failure (no answer, a status other than 2xx, a state that does not return the values
 * the pact injects) is recorded with the URL, status and body, and the verifier gets a status it does not
 * retry. Later calls of an interaction whose state failed are not forwarded.
 */
export async function startStatesRelay(options: StatesRelayOptions): Promise<StatesRelay> {
  const failures = new Map<number, string[]>();
  const values = new Map<number, Record<string, unknown>>();
  const setupsSeen = new Map<number, number>();
  const fail = (index: number, message: string) =>
    failures.set(index, [...(failures.get(index) ?? []), message]);

  const relay = async (call: StateCall): Promise<{ status: number; body: unknown }> => {
    if (call.state === '') return { status: 200, body: {} };
    const { [INTERACTION_PARAM]: tag, ...params } = call.params ?? {};
    const index = Number(tag);
    const interaction = options.interactions[index];
    if (!interaction)
      return {
        status: FAILED,
        body: `jobmock verify: a state call it did not expect: ${JSON.stringify(call)}`,
      };
    const action = call.action ?? 'setup';
    if (failures.has(index))
      return { status: FAILED, body: 'an earlier state call of this interaction failed' };
    const where = `state "${call.state}" (${action}): POST ${options.url}`;
    const reply = await send(
      new URL(options.url),
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
        body: JSON.stringify({ state: call.state, params, action }),
        timeoutMs: options.timeoutMs ?? STATE_CALL_TIMEOUT_MS,
      },
      options.tls,
    ).catch((error: unknown) => error as Error);
    if (reply instanceof Error) {
      fail(index, `${where} failed: ${reply.message.replace(/^POST \S+: /, '')}`);
      return { status: FAILED, body: reply.message };
    }
    if (reply.status < 200 || reply.status > 299) {
      fail(index, `${where} answered ${reply.status}: ${excerpt(reply.body)}`);
      return { status: FAILED, body: reply.body };
    }
    const returned = jsonObject(reply);
    if (action === 'teardown') return { status: 200, body: returned };
    values.set(index, { ...values.get(index), ...returned });
    const seen = (setupsSeen.get(index) ?? 0) + 1;
    setupsSeen.set(index, seen);
    if (seen === (interaction.providerStates?.length ?? 0)) {
      const missing = valuesToReturn(interaction).filter((name) => values.get(index)?.[name] === undefined);
      if (missing.length) {
        fail(
          index,
          `the provider states returned no ${missing.join(', ')}, which the interaction uses; ${where} answered ${reply.status}: ${excerpt(reply.body)}`,
        );
        return { status: FAILED, body: `missing ${missing.join(', ')}` };
      }
    }
    return { status: 200, body: returned };
  };

  const server = createServer((req, res) => {
    answer(req, res, relay).catch((error: unknown) => {
      res.writeHead(FAILED, { 'content-type': 'text/plain' });
      res.end(error instanceof Error ? error.message : String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    failures,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  relay: (call: StateCall) => Promise<{ status: number; body: unknown }>,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const { status, body } = await relay(JSON.parse(Buffer.concat(chunks).toString('utf8')) as StateCall);
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' });
  res.end(text);
}

/** The values a state's reply returns: its JSON object body, else none. */
function jsonObject(reply: { headers: Record<string, string>; body: string }): Record<string, unknown> {
  if (!/json/i.test(reply.headers['content-type'] ?? '')) return {};
  try {
    const parsed = JSON.parse(reply.body) as unknown;
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function excerpt(body: string): string {
  const text = body.trim() === '' ? '(empty body)' : body.trim();
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}
