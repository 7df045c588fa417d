import type { IncomingMessage, ServerResponse } from 'node:http';
import { PACT_STATES } from './pact-states.gen';

type Catalogue = typeof PACT_STATES;

/** The APIs whose pacts have provider states. */
export type PactApi = keyof Catalogue;

/** The provider states of an API's pact, by exact name. */
export type PactStateName<A extends PactApi> = keyof Catalogue[A] & string;

type Entry<A extends PactApi, S extends PactStateName<A>> = Catalogue[A][S] extends {
  params: infer P;
  returns: readonly (infer R)[];
}
  ? { params: P; returns: R }
  : never;

/** The params a state gets: each one of the values the pact gives it. */
export type PactStateParams<A extends PactApi, S extends PactStateName<A>> = {
  -readonly [K in keyof Entry<A, S>['params']]: Entry<A, S>['params'][K] extends readonly (infer V)[]
    ? V
    : never;
};

/** What a state must return: the values the pact's interactions inject (ids, tokens), as strings or numbers. */
export type PactStateValues<A extends PactApi, S extends PactStateName<A>> = {
  [K in Entry<A, S>['returns'] & string]: string | number;
};

/**
 * How a provider sets up one state against its own code: given the state's params, it makes the state true
 * (a job in its database, a token its auth accepts) and returns the values the pact injects.
 */
export type StateSetup<A extends PactApi, S extends PactStateName<A>> = (
  params: PactStateParams<A, S>,
) => PactStateValues<A, S> | Promise<PactStateValues<A, S>>;

/** One setup for every provider state of the API's pact (the compiler says which are missing). */
export type StateSetups<A extends PactApi> = { [S in PactStateName<A>]: StateSetup<A, S> };

export interface ProviderStatesOptions {
  /** Undoes what the setups did after each interaction (Pact's `teardown` call), e.g. empties test tables. */
  readonly teardown?: ((state: string, params: Record<string, unknown>) => void | Promise<void>) | undefined;
}

/** A node:http request listener (also Express and Fastify middleware: see providerStatesListener). */
export type StatesListener = (req: IncomingMessage & { body?: unknown }, res: ServerResponse) => void;

/**
 * A ready Pact provider-states endpoint for one API's pact: it takes the verifier's
 * `POST {state, params, action}`, runs the team's setup of that state and answers with the values it returned
 * (Pact injects them into the interaction), and answers `{}` to the call of an interaction without states.
 * An unknown state is a 404, a setup that throws or returns too little a 500, each naming what went wrong.
 *
 * @example
 * const states = providerStatesListener('bigchange', {
 *   'a token with scopes {scopes}': ({ scopes }) => ({ token: auth.issue(scopes), customerId: 4321 }),
 *   'a job in state {state}': ({ state }) => ({ jobId: jobs.insert({ customerId: 4321, status: state }) }),
 *   …
 * }, { teardown: () => jobs.clear() });
 * http.createServer(states);                          // node:http
 * app.post('/_pact/states', express.json(), states);  // Express
 * fastify.post('/_pact/states', (req, reply) => { reply.hijack(); states(Object.assign(req.raw, { body: req.body }), reply.raw); });
 */
export function providerStatesListener<A extends PactApi>(
  api: A,
  setups: StateSetups<A>,
  options: ProviderStatesOptions = {},
): StatesListener {
  const catalogue = PACT_STATES[api] as Record<string, { returns: readonly string[] }>;
  const run = async (call: { state?: unknown; params?: unknown; action?: unknown }) => {
    const state = typeof call.state === 'string' ? call.state : '';
    const params = (call.params ?? {}) as Record<string, unknown>;
    if (call.action === 'teardown') {
      if (state !== '') await options.teardown?.(state, params);
      return reply(200, {});
    }
    if (state === '') return reply(200, {});
    const setup = (setups as Record<string, StateSetup<A, PactStateName<A>> | undefined>)[state];
    if (!setup || !catalogue[state]) {
      return reply(404, {
        error: `unknown provider state "${state}"; ${api} has: ${Object.keys(catalogue).join(' | ')}`,
      });
    }
    const values = (await setup(params as never)) as Record<string, unknown> | undefined;
    const missing = catalogue[state].returns.filter((name) => values?.[name] === undefined);
    if (missing.length)
      return reply(500, { error: `provider state "${state}" returned no ${missing.join(', ')}` });
    return reply(200, values ?? {});
  };
  return (req, res) => {
    body(req)
      .then((call) => run(call))
      .catch((error: unknown) =>
        reply(500, {
          error: `provider state failed: ${error instanceof Error ? error.message : String(error)}`,
        }),
      )
      .then(({ status, json }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      });
  };
}

function reply(status: number, json: unknown) {
  return { status, json };
}

/** The state call: a body a framework parsed already (Express `express.json()`), else the request's own. */
async function body(req: IncomingMessage & { body?: unknown }): Promise<Record<string, unknown>> {
  if (req.body !== undefined && typeof req.body === 'object' && req.body !== null)
    return req.body as Record<string, unknown>;
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text.trim() === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}
