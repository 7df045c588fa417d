// Three projects: nock and Pact both patch node's http modules, so each runs apart from the rest.
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
const common = {
  preset: undefined,
  testEnvironment: 'node',
  transform,
  moduleFileExtensions: ['ts', 'js', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/test/nock/'],
    },
    {
      ...common,
      displayName: 'nock',
      testMatch: ['<rootDir>/test/nock/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/nock/support/nock-cleanup.ts'],
    },
    { ...common, displayName: 'pact', testMatch: ['<rootDir>/contracts/**/*.pact.test.ts'] },
  ],
};
