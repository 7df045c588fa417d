// The test projects, one per kind of test (`npm test` runs them all; `npx jest --selectProjects unit` one):
// - unit: one part of src/ at a time (test/unit mirrors src/);
// - conformance: every API of the registry against its spec and its facts (test/conformance, test/specs);
// - integration: the engine, the admin API and each API in process or on a loopback server, and the
//   robustness suites (test/integration, test/robustness);
// - e2e: the built CLI, Prism and Pact's verifier as separate processes (test/e2e, test/contracts);
// - nock, msw and pact: each patches node's http modules, so each runs apart from the rest;
// - redis: the conformance and generated-traffic suites again with every service on Redis, and the tests of
//   the Redis store and of replicas (test/redis), against a redis-server (JOBMOCK_TEST_REDIS, or one started
//   for the run).
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
const common = {
  testEnvironment: 'node',
  transform,
  moduleFileExtensions: ['ts', 'js', 'json'],
};
const project = (displayName, roots, extra = {}) => ({
  ...common,
  displayName,
  testMatch: roots.map((root) => `<rootDir>/${root}/**/*.test.ts`),
  ...extra,
});

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    project('unit', ['test/unit']),
    project('conformance', ['test/conformance', 'test/specs']),
    project('integration', ['test/integration', 'test/robustness']),
    project('e2e', ['test/e2e', 'test/contracts']),
    project('nock', ['test/nock'], { setupFilesAfterEnv: ['<rootDir>/test/nock/support/nock-cleanup.ts'] }),
    project('msw', ['test/msw'], {
      transform: { ...transform, '^.+\\.m?js$': '<rootDir>/test/msw/support/esm-to-cjs.js' },
      // ES-only packages: .mjs files anywhere, and until-async (an ES package with .js files).
      transformIgnorePatterns: ['/node_modules/(?!until-async/).+\\.c?js$'],
    }),
    { ...common, displayName: 'pact', testMatch: ['<rootDir>/contracts/**/*.pact.test.ts'] },
    project('redis', ['test/conformance', 'test/specs', 'test/redis'], {
      testMatch: [
        ...['test/conformance', 'test/specs', 'test/redis'].map((root) => `<rootDir>/${root}/**/*.test.ts`),
        '<rootDir>/test/robustness/generated-traffic.test.ts',
      ],
      setupFiles: ['<rootDir>/test/redis/support/on-redis.ts'],
      globalSetup: '<rootDir>/test/redis/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/redis/support/global-teardown.ts',
    }),
  ],
};
