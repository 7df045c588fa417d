import type { Fault } from '../core/fault';
import type { FaultEffect } from '../core/fault-effect';
import type { Transition } from '../store/unit-of-work';

/** What the engine learns about one call while serving it: what its journal entry, log line and hints say. */
export interface CallNote {
  /** The operation it was routed to; undefined when it matched none. */
  operation: string | undefined;
  /** The session's virtual time when it was admitted. */
  virtualAt: number | undefined;
  /** The fault it ended with. */
  fault: Fault | undefined;
  /** What fault injection did to it. */
  injected: FaultEffect | undefined;
  /** The job moves its handler made or saw (none when the handler failed: they were rolled back). */
  transitions: readonly Transition[];
  /** The jobs its handler looked up. */
  jobsRead: readonly string[];
  /** Strict mode's violations of its piece of the reply. */
  violations: readonly string[] | undefined;
  /** What may have gone wrong (x-jobmock-hint). */
  hint: string | undefined;
}

const NONE: readonly never[] = Object.freeze([]);

/** A note for a call about to be served. */
export function callNote(): CallNote {
  return {
    operation: undefined,
    virtualAt: undefined,
    fault: undefined,
    injected: undefined,
    transitions: NONE,
    jobsRead: NONE,
    violations: undefined,
    hint: undefined,
  };
}

/** The jobs a call named or moved, each once. */
export function jobIdsOf(note: CallNote): readonly string[] {
  if (note.transitions.length === 0 && note.jobsRead.length <= 1) return note.jobsRead;
  const ids: string[] = [];
  for (const id of note.jobsRead) if (!ids.includes(id)) ids.push(id);
  for (const t of note.transitions) if (!ids.includes(t.jobId)) ids.push(t.jobId);
  return ids;
}
