/**
 * Thrown out of a transaction to throw away what it changed while keeping its result: the store rolls the
 * transaction back, and the engine answers with `value` (an injected fault's "acknowledged but ignored").
 */
export class DiscardedChanges {
  constructor(readonly value: unknown) {}
}
