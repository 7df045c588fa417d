/**
 * Job ids in each API's own format, derived from a sequence number so that demo data and tests get the
 * same ids on every run.
 */

/** `00000000-0000-4000-8000-00000000002a` for 42: a valid version-4-shaped UUID. */
export function uuidFromSequence(sequence: number): string {
  return `00000000-0000-4000-8000-${sequence.toString(16).padStart(12, '0')}`;
}

/** A 24-hex-digit MongoDB ObjectId-shaped id: `65a000000000000000000042`-like. */
export function objectIdFromSequence(sequence: number): string {
  return `65a0${sequence.toString(16).padStart(20, '0')}`;
}
