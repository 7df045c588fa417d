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

export interface ApiFacts {
  readonly api: string;
  /** The spec file, relative to the repository root. */
  readonly spec: string;
  readonly facts: readonly Fact[];
}
