import { randomBytes } from 'node:crypto';
import type { MockServiceOptions } from '../../src/mock-service';
import { RedisStore } from '../../src/store/redis-store';
import type { Store } from '../../src/store/store';

/** The Redis server of the `redis` test project (its global set-up starts one, or .ci/run names its own). */
export function testRedisUrl(): string {
  const url = process.env.JOBMOCK_TEST_REDIS;
  if (!url) throw new Error('JOBMOCK_TEST_REDIS is not set: run these tests in the redis project (npm test)');
  return url;
}

/** Whether this test run puts its services on Redis (the `redis` project) rather than in memory. */
export function onRedis(): boolean {
  return process.env.JOBMOCK_TEST_STORE === 'redis';
}

/** A Redis store of its own (a fresh key prefix) on the test Redis server. */
export function testRedisStore(options: Partial<MockServiceOptions> = {}): RedisStore {
  return new RedisStore({
    url: testRedisUrl(),
    prefix: `test-${randomBytes(6).toString('hex')}:`,
    clock: options.clock,
    speed: options.speed,
    limits: options.limits,
  });
}

/** The store a test service runs on: Redis in the `redis` project, the default (memory) otherwise. */
export function testStore(options: Partial<MockServiceOptions> = {}): Store | undefined {
  return options.store ?? (onRedis() ? testRedisStore(options) : undefined);
}
