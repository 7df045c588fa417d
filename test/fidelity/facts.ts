/**
 * Facts about a real API, held as data and checked against its spec document.
 *
 * @example
 * { claim: 'reason is limited to 1024 characters', confidence: 'verified',
 *   at: '/components/schemas/CancelJobRequest/properties/reason/maxLength', equals: 1024 }
 */
export type Confidence = 'verified' | 'doc' | 'inferred';

interface FactBase {
  /** What the fact says, in words (shown when it fails). */
  readonly claim: string;
  /** How sure we are of it: APIS.md's label. */
  readonly confidence: Confidence;
  /** JSON pointer into the spec document; `$ref`s met on the way are followed. */
  readonly at: string;
}

/** The value at `at` deep-equals `equals`. */
export interface EqualsFact extends FactBase {
  readonly equals: unknown;
}
/** The array at `at` contains every item of `includes`. */
export interface IncludesFact extends FactBase {
  readonly includes: readonly unknown[];
}
/** The object at `at` has every key of `hasKeys`. */
export interface HasKeysFact extends FactBase {
  readonly hasKeys: readonly string[];
}
/** Something exists at `at`. */
export interface ExistsFact extends FactBase {
  readonly exists: true;
}

export type Fact = EqualsFact | IncludesFact | HasKeysFact | ExistsFact;

/**
 * What a probe's reply must show in one profile: its status, headers (null: absent), body (a subset of it, or
 * all of it with `bodyEquals`), and the state of the probe's job afterwards (null: there is no such job).
 */
export interface ProbeExpectation {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string | null>>;
  readonly body?: unknown;
  readonly bodyEquals?: unknown;
  readonly jobState?: string | null;
}

/**
 * A behaviour of the real API, checked against the mock in both profiles: a request (below the API's mount
 * point; the API's demo credentials are added unless it carries its own) and the reply each profile gives.
 * `{job}` in the path, a header or the body names the probe's job: one made first in state `job` and held
 * there, or, without `job`, an id no job has.
 *
 * @example
 * { claim: 'a second cancel is refused', confidence: 'doc', job: 'cancelled',
 *   request: { method: 'PUT', path: '/v1/jobs/{job}/cancel', body: { reason: 'x' } },
 *   documented: { status: 422 }, upstream: { status: 422 } }
 */
export interface Probe {
  readonly claim: string;
  readonly confidence: Confidence;
  readonly job?: string;
  readonly request: {
    readonly method: string;
    readonly path: string;
    readonly headers?: Readonly<Record<string, string>>;
    /** A JSON body; `rawBody` sends the text as it is instead. */
    readonly body?: unknown;
    readonly rawBody?: string;
  };
  readonly documented: ProbeExpectation;
  readonly upstream: ProbeExpectation;
}

export interface ApiFacts {
  readonly api: string;
  /** The spec file, relative to the repository root. */
  readonly spec: string;
  readonly facts: readonly Fact[];
  /** Behaviours checked against the mock (test/specs/fidelity-probes.test.ts). */
  readonly probes?: readonly Probe[];
}
