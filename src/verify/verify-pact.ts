import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnyApiDefinition } from '../api';
import { OpenRpcDocument } from '../openrpc/openrpc-document';
import { loadSpec, specPath } from '../spec/load-spec';
import type PactCoreModule from '@pact-foundation/pact-core';
import type { PrismProxy } from './prism-proxy';
import { startPrismProxy } from './prism-proxy';
import { openRpcViolations, prismResponseViolations } from './spec-checks';
import type { VerificationProxy } from './verification-proxy';
import { startVerificationProxy } from './verification-proxy';

/** Where provider states go: a jobmock server's admin API, a real provider's URL, or nowhere. */
export type StatesTarget =
  { readonly mode: 'jobmock' } | { readonly mode: 'url'; readonly url: string } | { readonly mode: 'none' };

export interface VerifyOptions {
  readonly api: AnyApiDefinition;
  readonly baseUrl: string;
  readonly pactFile: string;
  readonly states: StatesTarget;
  /** Also check every reply against the spec (Prism for OpenAPI, jobmock's checker for OpenRPC). */
  readonly specCheck: boolean;
  /** Headers added to every request, e.g. real credentials. */
  readonly headers: Readonly<Record<string, string>>;
  /** Add the API's demo credentials to requests that carry none (a jobmock target). */
  readonly demoAuth: boolean;
}

export interface InteractionOutcome {
  readonly description: string;
  readonly states: readonly string[];
  readonly outcome: 'passed' | 'failed' | 'skipped';
  /** What differed (failed), or why it was skipped. */
  readonly details: readonly string[];
}

interface PactInteraction {
  description: string;
  providerStates?: { name: string; params?: Record<string, unknown> }[];
  request?: { method?: string; path?: string };
}

interface InteractionResult {
  description: string;
  result: string;
  mismatch?: {
    type?: string;
    message?: string;
    mismatches?: { type?: string; description?: string; mismatch?: string }[];
  };
}

/**
 * Verifies a provider at `baseUrl` against an API's pact with Pact's own verifier, one result per interaction.
 * Interactions that need provider states are skipped (not passed) when states are off.
 */
export async function verifyPact(options: VerifyOptions): Promise<InteractionOutcome[]> {
  const pact = JSON.parse(readFileSync(options.pactFile, 'utf8')) as { interactions: PactInteraction[] };
  const needsState = (i: PactInteraction) => (i.providerStates?.length ?? 0) > 0;
  const skipped = options.states.mode === 'none' ? pact.interactions.filter(needsState) : [];
  const runnable = pact.interactions.filter((i) => !skipped.includes(i));
  const outcomes = new Map<string, InteractionOutcome>();
  for (const i of skipped) {
    outcomes.set(i.description, {
      description: i.description,
      states: stateNames(i),
      outcome: 'skipped',
      details: ['needs provider states (--no-states)'],
    });
  }
  if (runnable.length) {
    const { failures, violations } = await runVerifier(options, { ...pact, interactions: runnable });
    for (const i of runnable) {
      const spec = violations.get(`${i.request?.method} ${i.request?.path}`) ?? [];
      const found = failures.get(i.description);
      const details = found && [...found, ...spec.map((v) => `spec: ${v}`)];
      outcomes.set(i.description, {
        description: i.description,
        states: stateNames(i),
        outcome: details ? 'failed' : 'passed',
        details: details ?? [],
      });
    }
  }
  return pact.interactions.map((i) => outcomes.get(i.description)!);
}

async function runVerifier(
  options: VerifyOptions,
  pact: object,
): Promise<{ failures: Map<string, string[]>; violations: Map<string, string[]> }> {
  const dir = mkdtempSync(join(tmpdir(), 'jobmock-verify-'));
  const file = join(dir, 'pact.json');
  writeFileSync(file, JSON.stringify(pact));
  let prism: PrismProxy | undefined;
  let proxy: VerificationProxy | undefined;
  try {
    const openapi = options.api.protocol === 'openapi';
    if (options.specCheck && openapi)
      prism = await startPrismProxy(specPath(options.api.id, 'openapi'), options.baseUrl);
    proxy = await startVerificationProxy({
      target: prism?.url ?? options.baseUrl,
      providerUrl: options.baseUrl,
      headers: options.headers,
      authorize: options.demoAuth ? options.api.demoAuth?.bind(options.api) : undefined,
      check: !options.specCheck
        ? undefined
        : openapi
          ? prismResponseViolations
          : openRpcViolations(new OpenRpcDocument(loadSpec(options.api.id, 'openrpc'))),
    });
    const pactCore = loadPactCore();
    const statesUrl = statesUrlOf(options);
    const json = await pactCore
      .verifyPacts({
        providerBaseUrl: proxy.url,
        provider: options.api.id,
        pactUrls: [file],
        ...(statesUrl ? { providerStatesSetupUrl: statesUrl, providerStatesSetupTeardown: true } : {}),
        logLevel: (process.env.JOBMOCK_PACT_LOG as 'error') ?? 'error',
      })
      .catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
    return { failures: failuresOf(json), violations: proxy.violations };
  } finally {
    await proxy?.close();
    await prism?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

type PactCore = typeof PactCoreModule;

/** Pact's verifier, an optional dependency: loaded only when a verification runs. */
function loadPactCore(): PactCore {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('@pact-foundation/pact-core') as { default: PactCore }).default;
  } catch {
    throw new Error(
      'jobmock verify needs @pact-foundation/pact-core: npm install --save-dev @pact-foundation/pact-core',
    );
  }
}

function statesUrlOf(options: VerifyOptions): string | undefined {
  if (options.states.mode === 'none') return undefined;
  if (options.states.mode === 'url') return options.states.url;
  return `${new URL(options.baseUrl).origin}/__admin/provider-states?api=${encodeURIComponent(options.api.id)}`;
}

/** Failed interactions and what differed, from the verifier's JSON results (`interactionResults`). */
function failuresOf(json: string): Map<string, string[]> {
  let results: { interactionResults?: InteractionResult[] };
  try {
    results = JSON.parse(json) as { interactionResults?: InteractionResult[] };
  } catch {
    throw new Error(`Pact's verifier did not run: ${json}`);
  }
  const failures = new Map<string, string[]>();
  for (const entry of results.interactionResults ?? []) {
    if (entry.result === 'OK') continue;
    const mismatch = entry.mismatch;
    const details = mismatch?.mismatches?.map((m) => m.mismatch ?? m.description ?? m.type ?? 'mismatch') ?? [
      mismatch?.message ?? `verification ${entry.result}`,
    ];
    failures.set(entry.description, details);
  }
  return failures;
}

function stateNames(interaction: PactInteraction): string[] {
  return (interaction.providerStates ?? []).map((s) => s.name);
}
