import type { RedisReads } from './redis-reads';
import { versionField } from './redis-reads';
import type { RedisTransaction } from './redis-transaction';

/** The limits a commit checks, beyond what the seed holds (the seed is in every replica's memory). */
export interface CommitLimits {
  readonly maxSessions: number;
  readonly maxJobs: number;
  readonly maxSessionBytes: number;
  readonly maxTotalBytes: number;
}

/**
 * The arguments of COMMIT_SCRIPT (after the prefix and the session name) for what a finished run changed, or
 * undefined when it changed nothing (its reads were one consistent snapshot already: nothing to commit).
 * `create`: the session does not exist in Redis yet and is to be kept.
 */
export function commitArgs(
  tx: RedisTransaction,
  reads: RedisReads,
  limits: CommitLimits,
  create: boolean,
): string[] | undefined {
  const session = reads.session!;
  const fields = JSON.stringify(tx.fields);
  const fieldsChanged = create || tx.cleared || fields !== session.fields;
  const jobs: string[] = [];
  for (const [api, ids] of tx.work.jobs) {
    const source = tx.jobSource(api);
    if (!source) continue;
    for (const id of ids) {
      const write = source.write(id);
      if (write) jobs.push(api, id, write.how, write.json);
    }
  }
  const data: string[] = [];
  for (const [api, keys] of tx.work.data) {
    const entries = tx.dataEntries(api);
    if (!entries) continue;
    for (const key of keys) data.push(api, key, entries.write(key));
  }
  if (!fieldsChanged && jobs.length === 0 && data.length === 0) return undefined;
  const counts: string[] = [];
  let jobsDelta = 0;
  for (const [api, { jobs: source }] of tx.jobSources()) {
    if (source.delta === 0) continue;
    counts.push(api, String(source.delta));
    jobsDelta += source.delta;
  }
  const checks: string[] = [versionField.session, session.version];
  for (const [field, version] of reads.versions()) checks.push(field, version);
  const counters: string[] = [];
  if (tx.cleared) {
    // Numbers this transaction took stay taken through its reset: ids are never handed out twice.
    for (const [counter, used] of tx.counted)
      counters.push(counter, String(reads.numbers.get(counter)![used - 1]));
  }
  return [
    create ? '1' : '0',
    tx.cleared ? '1' : '0',
    String(limits.maxSessions),
    String(limits.maxJobs),
    String(limits.maxSessionBytes),
    String(limits.maxTotalBytes),
    String(jobsDelta),
    fieldsChanged ? fields : '',
    String(checks.length / 2),
    ...checks,
    String(counters.length / 2),
    ...counters,
    String(counts.length / 2),
    ...counts,
    String(jobs.length / 4),
    ...jobs,
    String(data.length / 3),
    ...data,
  ];
}
