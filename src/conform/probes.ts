import type { ClientRequest } from '../api';
import type { Protocol } from '../engine/protocol';
import type { CredentialUse } from './api-client';
import type { CheckResult } from './check';
import type { ConformRun } from './conform-run';
import { Flow } from './flow';
import { invalidBodies } from './invalid-body';

/** A request whose body the spec refuses, and whether sending it might create a job (a create call). */
export interface InvalidRequest {
  readonly request: ClientRequest;
  readonly creates: boolean;
}

/**
 * The invalid-body probe's request: the cancel call with a body the spec refuses, or, when cancel takes no body,
 * the create call with one; undefined when neither has a body to break.
 */
export function invalidRequest(
  run: ConformRun,
  protocol: Protocol,
  unknownId: string,
): InvalidRequest | undefined {
  const refused = (request: ClientRequest) =>
    protocol.reviewRequest({
      method: request.method,
      target: request.path,
      headers: { ...lowerCase(request.headers), 'content-type': 'application/json' },
      body: JSON.stringify(request.body),
    }).length > 0;
  const cancel = invalidBodies(run.api.jobRequests.cancel(unknownId)).find(refused);
  if (cancel) return { request: cancel, creates: false };
  const create = run.api.jobRequests.create;
  const made = create && invalidBodies(create.request(run.newId())).find(refused);
  return made ? { request: made, creates: true } : undefined;
}

/**
 * The probes that need no job of their own: a cancel of an id no job has, with valid credentials, with none and
 * with ones nobody issued, and a call with a body the spec refuses (or why it is skipped). Each must be answered
 * as the API answers it; the last three must be refused.
 */
export async function probeFlows(
  run: ConformRun,
  unknownId: string,
  invalid: InvalidRequest | { readonly skip: string },
  hasScheme: boolean,
): Promise<CheckResult[]> {
  const cancel = run.api.jobRequests.cancel(unknownId);
  const probes = [
    probe(run, 'cancel an unknown id', 'unknown id', cancel, 'valid'),
    probe(run, 'cancel with no credentials', 'no credentials', cancel, 'none', 'a call without credentials'),
    hasScheme
      ? probe(
          run,
          'cancel with bad credentials',
          'bad credentials',
          cancel,
          'unknown',
          'a call with credentials nobody issued',
        )
      : skipped('cancel with bad credentials', `the spec of ${run.api.id} names no credentials`),
    'skip' in invalid
      ? skipped('send an invalid body', invalid.skip)
      : probe(
          run,
          'send an invalid body',
          'invalid body',
          invalid.request,
          'valid',
          'a body the spec refuses',
          invalid.creates,
        ),
  ];
  return (await Promise.all(probes)).flat();
}

async function probe(
  run: ConformRun,
  name: string,
  caseName: string,
  request: ClientRequest,
  credentials: CredentialUse,
  refusing?: string,
  creates = false,
): Promise<CheckResult[]> {
  const flow = new Flow('');
  await flow.step(name, async (check) => {
    const exchange = creates
      ? await run.create(check, request, caseName)
      : await run.compare(check, request, caseName, { credentials });
    check.note(exchange.review.outcome);
    if (refusing && !exchange.review.failed)
      check.fail('answer', `the provider took ${refusing} (${exchange.review.outcome}); it must refuse it`);
  });
  return flow.results;
}

async function skipped(name: string, reason: string): Promise<CheckResult[]> {
  const flow = new Flow('');
  flow.skip(name, reason);
  return flow.results;
}

function lowerCase(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
}
