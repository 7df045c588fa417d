import type { CallContext, IssuedToken, Job, ValidCall } from '../../src/index';
import type { BigChangeState } from './machine';

/** What the store keeps of a job; status, createdAt and the status history come from its state and history. */
export interface BigChangeJobData {
  reference: string | null;
  description: string | null;
  contactId?: number;
  /** Set when the job was booked for a date; otherwise derived from when it was scheduled. */
  plannedStartAt?: string;
}

/** What an access token grants: its scopes, for one customer. */
export interface TokenGrant {
  readonly scopes: readonly string[];
  readonly customerId: number;
}

/** What BigChange keeps in a session: bearer tokens that provider states made valid. */
export type BigChangeSessionValue = IssuedToken<TokenGrant>;

export type BigChangeJob = Job<BigChangeState, BigChangeJobData>;
export type BigChangeContext = CallContext<BigChangeState, BigChangeJobData, BigChangeSessionValue>;
export type BigChangeCall = ValidCall<BigChangeState, BigChangeJobData, BigChangeSessionValue>;
