import type nock from 'nock';

// Each test file gets its own nock, which patches node's shared http module when it loads. Un-patch it after
// the file, so the next file in the same worker does not call into this file's torn-down interceptor. nock is
// loaded here only when the hook runs: a file whose tests were all skipped never loaded it, and must not.
afterAll(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded late on purpose (see above)
  (require('nock') as typeof nock).restore();
});
