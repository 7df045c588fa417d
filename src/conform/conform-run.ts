import { randomInt } from 'node:crypto';
import type { AnyApiDefinition, ClientRequest, Profile } from '../api';
import type { Machine } from '../core/machine';
import type { ApiClient, CredentialUse, Exchange } from './api-client';
import type { ApiModel, ModelJob } from './api-model';
import { PROFILES } from './api-model';
import type { Check } from './check';
import type { JobTrack } from './job-track';
import type { ProfileVerdict } from './profile-match';
import type { RequestGate } from './request-gate';

/** One situation in which the provider's answer was compared with both profiles'. */
export interface ProfileCase {
  /** `unknown id`, `second cancel`, `cancel in complete`, … */
  readonly name: string;
  readonly verdict: ProfileVerdict;
  /** What told the profiles apart (`answer`, or the body members that differ). */
  readonly by: string;
  readonly documented: string;
  readonly upstream: string;
  readonly provider: string;
}

/** Everything the flows of one run share: the API, the provider, the model, the pacing and what was found. */
export class ConformRun {
  readonly profileCases: ProfileCase[] = [];
  private created = 0;
  /** For each job, the moves the model's profiles made it take in answer to a request (`from→to` → profiles). */
  private readonly modelMoves = new Map<string, Map<string, Profile[]>>();

  constructor(
    readonly api: AnyApiDefinition,
    readonly provider: ApiClient,
    readonly model: ApiModel,
    readonly gate: RequestGate,
    readonly pollIntervalMs: number,
  ) {}

  get machine(): Machine {
    return this.api.machine;
  }

  /** How many jobs the run's create calls made at the provider. */
  get jobsCreated(): number {
    return this.created;
  }

  /** A new id in the API's own format, far from the ones demo data and small providers use. */
  newId(): string {
    return this.api.newId(1_000_000_000 + randomInt(1_000_000_000));
  }

  /**
   * Sends `request` to the provider and asks the model how the API answers it in the same situation (`job` held
   * in its state, or no job); the check records both and fails on an answer no profile gives. Each comparison is a
   * profile case named `caseName`.
   */
  async compare(
    check: Check,
    request: ClientRequest,
    caseName: string,
    options: { credentials?: CredentialUse; job?: ModelJob } = {},
  ): Promise<Exchange> {
    const credentials = options.credentials ?? 'valid';
    const [exchange, model] = await Promise.all([
      this.provider.send(request, credentials),
      this.model.answer(request, credentials, options.job),
    ]);
    const match = check.answered(exchange, model?.answer);
    if (match && model) {
      this.profileCases.push({
        name: caseName,
        ...match,
        documented: model.answer.documented.review.outcome,
        upstream: model.answer.upstream.review.outcome,
        provider: exchange.review.outcome,
      });
    }
    if (model && options.job) this.noteModelMoves(options.job, model.jobAfter);
    return exchange;
  }

  /**
   * The profiles of the model that moved the job `from → to` in answer to a request: a move the machine does not
   * allow is still the API's behaviour in those profiles (Fabric's upstream cancel overwrites a finished instance).
   */
  modelledMove(jobId: string, from: string, to: string): readonly Profile[] {
    return this.modelMoves.get(jobId)?.get(`${from}→${to}`) ?? [];
  }

  private noteModelMoves(job: ModelJob, after: Readonly<Record<Profile, string | undefined>>): void {
    for (const profile of PROFILES) {
      const to = after[profile];
      if (to === undefined || to === job.state) continue;
      const moves = this.modelMoves.get(job.id) ?? new Map<string, Profile[]>();
      this.modelMoves.set(job.id, moves);
      const key = `${job.state}→${to}`;
      moves.set(key, [...new Set([...(moves.get(key) ?? []), profile])]);
    }
  }

  /** Sends a create call; counts the job when the provider made it. */
  async create(check: Check, request: ClientRequest, caseName = 'create'): Promise<Exchange> {
    const exchange = await this.compare(check, request, caseName);
    if (!exchange.review.failed) this.created++;
    return exchange;
  }

  /**
   * Reads the job back and checks what the read shows against the machine; the state it shows, or undefined when
   * the read failed or showed no state of the machine.
   */
  async read(check: Check, job: JobTrack): Promise<string | undefined> {
    const exchange = await this.provider.send(this.api.jobRequests.read(job.id));
    const evidence = check.exchange(exchange);
    if (exchange.review.failed) {
      check.fail('state', `reading job ${job.id} failed: ${exchange.review.outcome}`, evidence);
      return undefined;
    }
    const state = this.api.jobRequests.stateOf(exchange.body);
    const seen = job.observe(state, (from, to) => this.modelledMove(job.id, from, to));
    if (seen.problem) check.fail(seen.problem.kind, seen.problem.message, evidence);
    return seen.problem?.kind === 'state' ? undefined : state;
  }

  /**
   * Reads the job every poll interval until `done` holds for its state (true), or a read fails (false). Throws
   * RunLimit when the run's time or requests run out first.
   */
  async poll(check: Check, job: JobTrack, done: (state: string) => boolean): Promise<boolean> {
    const from = Math.max(0, job.states.length - 1);
    try {
      for (;;) {
        const state = await this.read(check, job);
        if (state === undefined) return false;
        if (done(state)) return true;
        await this.gate.pause(this.pollIntervalMs);
      }
    } finally {
      if (job.states.length - from > 1) check.note(job.states.slice(from).join(' → '));
    }
  }
}
