import type { Exchange } from './api-client';
import type { ModelAnswer } from './api-model';
import type { ProfileMatch } from './profile-match';
import { matchProfile } from './profile-match';

export type CheckOutcome = 'passed' | 'failed' | 'skipped';

/**
 * What was found wrong: `spec` a reply breaks the spec; `answer` the provider answered otherwise than the API
 * does; `state` a read showed no state, or one the machine does not have; `move` an observed change the machine
 * does not allow; `cancel` a cancel from a cancellable state did not end in the machine's cancelled state;
 * `unchanged` a cancel from a state that cannot be cancelled changed the job; `request` a request got no reply.
 */
export type FindingKind = 'spec' | 'answer' | 'state' | 'move' | 'cancel' | 'unchanged' | 'request';

/** One request and its reply, as a report shows them, with what was expected of the reply. */
export interface Evidence {
  readonly request: string;
  readonly reply: string;
  readonly expected?: string | undefined;
}

export interface Finding {
  readonly kind: FindingKind;
  readonly message: string;
  /** The exchange that shows it. */
  readonly evidence?: Evidence | undefined;
}

/** One check of a conformance run. */
export interface CheckResult {
  readonly name: string;
  readonly outcome: CheckOutcome;
  /** What was seen (passed), or why it did not run (skipped). */
  readonly summary: string;
  /** What was wrong (failed). */
  readonly findings: readonly Finding[];
  /** Every exchange of the check, in order. */
  readonly evidence: readonly Evidence[];
}

/** How `answer` reads as an expectation: `HTTP 204 (both profiles)`, `HTTP 400 (documented) or HTTP 200 (upstream)`. */
export function expectedAnswer(answer: ModelAnswer): string {
  const { documented, upstream } = answer;
  return documented.review.outcome === upstream.review.outcome
    ? `${documented.review.outcome} (both profiles)`
    : `${documented.review.outcome} (documented) or ${upstream.review.outcome} (upstream)`;
}

/** Collects what one check saw and found: its exchanges (each reviewed against the spec) and its findings. */
export class Check {
  private readonly findings: Finding[] = [];
  private readonly evidence: Evidence[] = [];
  private readonly notes: string[] = [];

  constructor(readonly name: string) {}

  /** Records an exchange (and the replies retried before it); each spec violation of a reply is a finding. */
  exchange(exchange: Exchange, expected?: string): Evidence {
    for (const earlier of exchange.retried) this.exchange(earlier);
    const evidence: Evidence = {
      request: exchange.requestLine,
      reply: exchange.replyExcerpt,
      ...(expected === undefined ? {} : { expected }),
    };
    this.evidence.push(evidence);
    for (const violation of exchange.review.violations) this.fail('spec', violation, evidence);
    return evidence;
  }

  /**
   * Records an exchange whose answer the API's model gave (undefined: the model could not be asked), and fails
   * when the provider answered otherwise than every profile. Returns which profile the reply matches.
   */
  answered(exchange: Exchange, model: ModelAnswer | undefined): ProfileMatch | undefined {
    if (!model) {
      this.exchange(exchange);
      this.note('the model could not be asked');
      return undefined;
    }
    const expected = expectedAnswer(model);
    const evidence = this.exchange(exchange, expected);
    const outcome = exchange.review.outcome;
    if (outcome !== model.documented.review.outcome && outcome !== model.upstream.review.outcome)
      this.fail('answer', `answered ${outcome}; the API answers ${expected}`, evidence);
    return matchProfile(exchange, model);
  }

  fail(kind: FindingKind, message: string, evidence?: Evidence): void {
    this.findings.push({ kind, message, ...(evidence ? { evidence } : {}) });
  }

  /** Adds to the one-line summary of what was seen. */
  note(text: string): void {
    this.notes.push(text);
  }

  /** The exchange recorded last (what a finding about the job's state rests on). */
  get latest(): Evidence | undefined {
    return this.evidence.at(-1);
  }

  get failed(): boolean {
    return this.findings.length > 0;
  }

  result(): CheckResult {
    return {
      name: this.name,
      outcome: this.failed ? 'failed' : 'passed',
      summary: this.notes.join('; '),
      findings: this.findings,
      evidence: this.evidence,
    };
  }

  /** The check did not run (or not to the end): why. What it saw so far stays as evidence. */
  skipped(reason: string): CheckResult {
    return { ...this.result(), outcome: 'skipped', summary: reason };
  }
}
