import { startTestRedis } from '../../support/redis-server';
import type { TestRedis } from '../../support/redis-server';

declare global {
  var jobmockTestRedis: TestRedis | undefined;
}

/**
 * The `redis` project's Redis server: the one JOBMOCK_TEST_REDIS names (.ci/run starts Debian's redis-server
 * and names it), or one started here for the run.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.JOBMOCK_TEST_REDIS) return;
  const redis = await startTestRedis();
  globalThis.jobmockTestRedis = redis;
  process.env.JOBMOCK_TEST_REDIS = redis.url;
}
