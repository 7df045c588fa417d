import { readFileSync } from 'node:fs';

/** A provider state as a pact holds it. */
export interface PactProviderState {
  readonly name: string;
  readonly params?: Record<string, unknown> | undefined;
}

/** The parts of a V4 HTTP interaction that `jobmock verify` reads. */
export interface PactInteraction {
  readonly description: string;
  readonly providerStates?: PactProviderState[] | undefined;
  readonly comments?: Record<string, unknown> | undefined;
  readonly request?: {
    method?: string;
    path?: string;
    headers?: Record<string, string[]>;
    generators?: Record<string, unknown>;
  };
}

export interface PactFile {
  readonly interactions: PactInteraction[];
  readonly [key: string]: unknown;
}

/** The header that tells the verification proxy which interaction a request belongs to (stripped there). */
export const INTERACTION_HEADER = 'x-jobmock-interaction';
/** The provider-state param that tells the states relay which interaction a state call belongs to (stripped). */
export const INTERACTION_PARAM = '__jobmockInteraction';

/**
 * The comment (V4 `comments`) of an interaction that sends missing, wrong or limited credentials on purpose:
 * its credentials go to the provider as the pact has them.
 */
export const DELIBERATE_CREDENTIALS = { key: 'credentials', value: 'deliberate' } as const;

export function readPact(file: string): PactFile {
  return JSON.parse(readFileSync(file, 'utf8')) as PactFile;
}

export function stateNames(interaction: PactInteraction): string[] {
  return (interaction.providerStates ?? []).map((s) => s.name);
}

export function hasDeliberateCredentials(interaction: PactInteraction): boolean {
  return interaction.comments?.[DELIBERATE_CREDENTIALS.key] === DELIBERATE_CREDENTIALS.value;
}

/**
 * The provider-state values the interaction's request needs (each `${name}` of its `ProviderState`
 * generators) that no state param supplies: the states must return them.
 */
export function valuesToReturn(interaction: PactInteraction): string[] {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const generator = node as { type?: unknown; expression?: unknown };
    if (generator.type === 'ProviderState' && typeof generator.expression === 'string') {
      for (const m of generator.expression.matchAll(/\$\{([^}]+)\}/g)) names.add(m[1]!);
      return;
    }
    Object.values(node).forEach(visit);
  };
  visit(interaction.request?.generators);
  const params = new Set((interaction.providerStates ?? []).flatMap((s) => Object.keys(s.params ?? {})));
  return [...names].filter((n) => !params.has(n)).sort();
}

/**
 * The pact as the verifier gets it: each interaction's request carries INTERACTION_HEADER and each of its
 * states INTERACTION_PARAM, both its index in `interactions`, so the proxy and the relay know whose call
 * they see.
 */
export function taggedPact(pact: PactFile, interactions: readonly PactInteraction[]): PactFile {
  return {
    ...pact,
    interactions: interactions.map((interaction, index) => ({
      ...interaction,
      providerStates: interaction.providerStates?.map((s) => ({
        ...s,
        params: { ...s.params, [INTERACTION_PARAM]: index },
      })),
      request: {
        ...interaction.request,
        headers: { ...interaction.request?.headers, [INTERACTION_HEADER]: [String(index)] },
      },
    })),
  };
}
