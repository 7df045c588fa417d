import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnyApiDefinition } from '../api';
import { SESSION_HEADER } from '../engine/session-name';
import { protocolOf } from '../protocols';
import { specDocument } from '../spec/load-spec';
import type PactCoreModule from '@pact-foundation/pact-core';
import type { ClientCredentials } from './client-credentials';
import type { TlsOptions } from './http-client';
import { dropJobmockSession, isJobmockServer } from './jobmock-probe';
import type { PactInteraction } from './pact-interactions';
import { hasDeliberateCredentials, readPact, stateNames, taggedPact } from './pact-interactions';
import { requireOptionalPeer } from './optional-peer';
import { providerAuthorizer } from './provider-authorizer';
import { specViolations } from './spec-checks';
import type { StatesRelay } from './states-relay';
import { startStatesRelay } from './states-relay';
import type { VerificationProxy } from './verification-proxy';
import { UsageError } from './usage-error';
import { startVerificationProxy } from './verification-proxy';

/**
 * Where provider states go: `auto` is the jobmock admin API when the base URL answers as a jobmock server (and
 * an error otherwise); `jobmock` is that admin API without asking; `url` a real provider's states URL; `none`
 * nowhere (interactions that need a state are skipped).
 */
export type StatesTarget =
  | { readonly mode: 'auto' }
  | { readonly mode: 'jobmock' }
  | { readonly mode: 'url'; readonly url: string }
  | { readonly mode: 'none' };

export interface VerifyOptions {
  readonly api: AnyApiDefinition;
  readonly baseUrl: string;
  readonly pactFile: string;
  readonly states: StatesTarget;
  /** Also check every reply against the spec, with the validators of strict mode. */
  readonly specCheck: boolean;
  /** Headers added to requests (`--header`); deliberate-credential interactions keep their own. */
  readonly headers: Readonly<Record<string, string>>;
  /** Against a jobmock server, add the API's demo credentials to requests that carry none. */
  readonly demoAuth: boolean;
  /**
   * Real credentials, for a provider that is not jobmock: they replace the pact's on the requests that carry
   * valid credentials.
   */
  readonly credentials?: ClientCredentials | undefined;
  readonly tls?: TlsOptions | undefined;
  /** The jobmock session to verify in (default: a new name, so no one else's session is touched). */
  readonly session?: string | undefined;
  /** The jobmock server's `--admin-token`, for its provider-state calls. */
  readonly adminToken?: string | undefined;
  /** How long one provider-state call may take (default STATE_CALL_TIMEOUT_MS). */
  readonly statesTimeoutMs?: number | undefined;
}

export interface InteractionOutcome {
  readonly description: string;
  readonly states: readonly string[];
  readonly outcome: 'passed' | 'failed' | 'skipped';
  /** What differed (failed), or why it was skipped. */
  readonly details: readonly string[];
}

/** A verification that cannot start as asked (the target and the flags do not fit); the message says why. */
export class VerifyUsageError extends UsageError {
  override readonly name = 'VerifyUsageError';
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
 * Verifies a provider at `baseUrl` (http or https) against an API's pact with Pact's own verifier, one result
 * per interaction. Provider-state calls go through a relay that fails an interaction at once (naming the
 * URL, status and body) when its states URL fails. Interactions that need provider states are skipped (not
 * passed) when states are off.
 */
export async function verifyPact(options: VerifyOptions): Promise<InteractionOutcome[]> {
  const pact = readPact(options.pactFile);
  const states = await resolveStates(options);
  const needsState = (i: PactInteraction) => (i.providerStates?.length ?? 0) > 0;
  const runnable = pact.interactions.filter((i) => states.mode !== 'none' || !needsState(i));
  const outcomes = new Map<PactInteraction, InteractionOutcome>();
  for (const i of pact.interactions.filter((i) => !runnable.includes(i))) {
    outcomes.set(i, outcome(i, 'skipped', ['needs provider states (--no-states)']));
  }
  if (runnable.length) {
    const run = await runVerifier(options, states, { ...pact, interactions: runnable });
    runnable.forEach((i, index) => {
      const stateFailures = run.stateFailures.get(index);
      const found = stateFailures ?? run.failures.get(i.description);
      const spec = run.violations.get(index) ?? [];
      const details = found && [...found, ...spec.map((v) => `spec: ${v}`)];
      outcomes.set(i, outcome(i, details ? 'failed' : 'passed', details ?? []));
    });
  }
  return pact.interactions.map((i) => outcomes.get(i)!);
}

type ResolvedStates =
  | { readonly mode: 'jobmock'; readonly url: string; readonly session: string }
  | { readonly mode: 'url'; readonly url: string }
  | { readonly mode: 'none' };

async function resolveStates(options: VerifyOptions): Promise<ResolvedStates> {
  const origin = new URL(options.baseUrl).origin;
  const jobmock = (): ResolvedStates => ({
    mode: 'jobmock',
    url: `${origin}/__admin/provider-states?api=${encodeURIComponent(options.api.id)}`,
    session: options.session ?? `verify-${randomBytes(6).toString('hex')}`,
  });
  switch (options.states.mode) {
    case 'none':
      return { mode: 'none' };
    case 'url':
      return { mode: 'url', url: options.states.url };
    case 'jobmock':
      return jobmock();
    case 'auto':
      if (await isJobmockServer(options.baseUrl, options.api.id, options.tls)) return jobmock();
      throw new VerifyUsageError(
        `${options.baseUrl} is not a jobmock server serving ${options.api.id} (GET ${origin}/__admin/health did not ` +
          `answer as one), so provider states have no default URL: pass --states-url <url> (the provider's Pact ` +
          `provider-states endpoint) or --no-states (only the interactions without provider states run)`,
      );
  }
}

async function runVerifier(
  options: VerifyOptions,
  states: ResolvedStates,
  pact: { interactions: PactInteraction[] },
): Promise<{
  failures: Map<string, string[]>;
  stateFailures: ReadonlyMap<number, readonly string[]>;
  violations: ReadonlyMap<number, readonly string[]>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'jobmock-verify-'));
  const file = join(dir, 'pact.json');
  writeFileSync(file, JSON.stringify(taggedPact(pact as never, pact.interactions)));
  const session: Record<string, string> =
    states.mode === 'jobmock' ? { [SESSION_HEADER]: states.session } : {};
  const admin: Record<string, string> =
    options.adminToken === undefined ? {} : { authorization: `Bearer ${options.adminToken}` };
  let proxy: VerificationProxy | undefined;
  let relay: StatesRelay | undefined;
  try {
    const authorize = await providerAuthorizer(options.api, {
      jobmock: states.mode === 'jobmock',
      demoAuth: options.demoAuth,
      credentials: options.credentials,
      tls: options.tls,
    });
    proxy = await startVerificationProxy({
      target: options.baseUrl,
      providerUrl: options.baseUrl,
      tls: options.tls,
      always: session,
      headers: options.headers,
      authorize,
      deliberate: (index) => {
        const interaction = pact.interactions[index];
        return interaction !== undefined && hasDeliberateCredentials(interaction);
      },
      check: options.specCheck
        ? specViolations(protocolOf(options.api, specDocument(options.api)))
        : undefined,
    });
    if (states.mode !== 'none') {
      relay = await startStatesRelay({
        url: states.url,
        headers: { ...session, ...(states.mode === 'jobmock' ? admin : {}) },
        tls: options.tls,
        interactions: pact.interactions,
        timeoutMs: options.statesTimeoutMs,
      });
    }
    const json = await loadPactCore()
      .verifyPacts({
        providerBaseUrl: proxy.url,
        provider: options.api.id,
        pactUrls: [file],
        ...(relay ? { providerStatesSetupUrl: relay.url, providerStatesSetupTeardown: true } : {}),
        logLevel: (process.env.JOBMOCK_PACT_LOG as 'error') ?? 'error',
      })
      .catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
    return {
      failures: failuresOf(json),
      stateFailures: relay?.failures ?? new Map(),
      violations: proxy.violations,
    };
  } finally {
    await relay?.close();
    await proxy?.close();
    if (states.mode === 'jobmock')
      await dropJobmockSession(options.baseUrl, states.session, admin, options.tls);
    rmSync(dir, { recursive: true, force: true });
  }
}

type PactCore = typeof PactCoreModule;

/** Pact's verifier, an optional peer dependency: loaded only when a verification runs. */
function loadPactCore(): PactCore {
  return requireOptionalPeer<{ default: PactCore }>('@pact-foundation/pact-core', 'jobmock verify').default;
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

function outcome(
  interaction: PactInteraction,
  result: InteractionOutcome['outcome'],
  details: readonly string[],
): InteractionOutcome {
  return { description: interaction.description, states: stateNames(interaction), outcome: result, details };
}
