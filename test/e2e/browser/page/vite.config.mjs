// Builds the test page as a front-end project would, with jobmock taken from its build (dist/).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repo = fileURLToPath(new URL('../../../..', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  logLevel: 'warn',
  publicDir: false,
  resolve: {
    alias: {
      'jobmock/browser': `${repo}dist/src/browser.js`,
      'jobmock/msw': `${repo}dist/src/msw.js`,
    },
  },
  build: { outDir: process.env.JOBMOCK_PAGE_OUT_DIR, emptyOutDir: true, target: 'es2022', minify: false },
});
