// The `redis` project runs the conformance and generated-traffic suites with their services on Redis: 2,000
// generated calls per API there (JOBMOCK_TRAFFIC_RUNS changes it), every call several round trips to Redis.
process.env.JOBMOCK_TEST_STORE = 'redis';
process.env.JOBMOCK_TRAFFIC_RUNS ??= '2000';
