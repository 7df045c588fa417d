import './global-setup';

/** Stops the Redis server the global set-up started, if it started one. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.jobmockTestRedis?.stop();
}
