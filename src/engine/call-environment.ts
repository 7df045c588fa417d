import type { CallContext, ApiDefinition, Profile } from '../api';
import type { Session } from '../core/session';
import { jobsOf, nextNumber, totalJobs } from '../core/session';
import type { MockRequest } from '../core/wire';
import { JobTable } from '../job-table';
import type { IncomingCall } from './incoming-call';

/** What the engine hands a protocol for one call. */
export interface CallEnvironment {
  readonly session: Session;
  readonly profile: Profile;
  readonly strict: boolean;
  /** The most jobs one session may hold. */
  readonly maxJobs: number;
  /** The Host clients addressed, when a proxy rewrote it (see CallContext.clientHost). */
  readonly clientHost?: string | undefined;
  /** Set by the transport when the body went over the size limit (it was not read). */
  readonly bodyTooLarge: boolean;
  /** Set by the transport when it refuses the call (see IncomingCall.refusal). */
  readonly refusal?: IncomingCall['refusal'];
}

/** The context every hook of an API sees for one call. */
export function callContext(
  api: ApiDefinition,
  request: MockRequest,
  operation: string,
  env: CallEnvironment,
): CallContext {
  const { session } = env;
  const now = () => session.clock.now();
  const jobs = new JobTable(jobsOf(session, api.id), api.machine, now, {
    max: env.maxJobs,
    count: () => totalJobs(session),
  });
  const newJobId = () => {
    let id: string;
    do id = api.newId(nextNumber(session, `${api.id}:id`));
    while (jobs.has(id));
    return id;
  };
  return {
    request,
    operation,
    profile: env.profile,
    session,
    jobs,
    now,
    newJobId,
    clientHost: env.clientHost,
  };
}

/** Header carrying strict-mode violations of a reply. */
export const VIOLATIONS_HEADER = 'x-jobmock-violations';

/** Encodes violations for a header value (ASCII only). */
export function violationsHeader(violations: readonly string[]): string {
  return JSON.stringify(violations).replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
