import type { Profile } from '../api';
import type { Exchange } from './api-client';
import type { ModelAnswer } from './api-model';

/** Which profile a provider's reply matches where the profiles differ; `agree` where they do not. */
export type ProfileVerdict = Profile | 'neither' | 'agree';

export interface ProfileMatch {
  readonly verdict: ProfileVerdict;
  /** What told the profiles apart: `answer` (status, result or error code), or the body members that differ. */
  readonly by: string;
}

/**
 * Which profile the provider's reply matches. The profiles are told apart first by their answers (HTTP status,
 * JSON-RPC result or error code); where those agree, by the body members whose values differ between them (an
 * error message): the provider matches a profile when it has that profile's value at each of them. Times do not
 * tell them apart: their values follow the provider's clock, and whether they are there follows the job's history,
 * which the model's job (held in the state the provider's was seen in) does not share.
 *
 * @example matchProfile(reply, model) // { verdict: 'upstream', by: 'answer' } for AWS's 200 to an unknown id
 */
export function matchProfile(provider: Exchange, model: ModelAnswer): ProfileMatch {
  const { documented, upstream } = model;
  const outcome = provider.review.outcome;
  if (documented.review.outcome !== upstream.review.outcome) {
    const verdict =
      outcome === documented.review.outcome
        ? 'documented'
        : outcome === upstream.review.outcome
          ? 'upstream'
          : 'neither';
    return { verdict, by: 'answer' };
  }
  const documentedLeaves = leaves(documented.body);
  const upstreamLeaves = leaves(upstream.body);
  const differing = [...new Set([...documentedLeaves.keys(), ...upstreamLeaves.keys()])].filter(
    (path) => !alike(documentedLeaves.get(path), upstreamLeaves.get(path)),
  );
  if (differing.length === 0) return { verdict: 'agree', by: '' };
  const by = differing.join(', ');
  if (outcome !== documented.review.outcome) return { verdict: 'neither', by };
  const providerLeaves = leaves(provider.body);
  const matches = (profile: Map<string, string>) =>
    differing.every((path) => alike(providerLeaves.get(path), profile.get(path)));
  const verdict = matches(documentedLeaves) ? 'documented' : matches(upstreamLeaves) ? 'upstream' : 'neither';
  return { verdict, by };
}

/** Every primitive value of a JSON value by its path (`error.data.job_id`, `jobs.0.status`), as JSON text. */
function leaves(value: unknown, path = '', found = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) leaves(child, path ? `${path}.${key}` : key, found);
  } else if (value !== undefined) {
    found.set(path, JSON.stringify(value));
  }
  return found;
}

/** An RFC 3339 date-time as JSON text (`"2026-12-01T14:46:04.486Z"`). */
const DATE_TIME = /^"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)"$/;

/** The same leaf, or times (or a time and none). */
function alike(a: string | undefined, b: string | undefined): boolean {
  const timeOrNone = (leaf: string | undefined) => leaf === undefined || DATE_TIME.test(leaf);
  return a === b || (timeOrNone(a) && timeOrNone(b));
}
