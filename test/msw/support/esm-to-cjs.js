// Jest (before Node 24.9) cannot require an ES module: msw 2 loads a few ES-only packages (.mjs files of
// rettime, @open-draft/deferred-promise, ...), which this transform turns into CommonJS for the msw project.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest loads transformers with require()
const { transformSync } = require('esbuild');

module.exports = {
  process(source, path) {
    const { code, map } = transformSync(source, {
      loader: 'js',
      format: 'cjs',
      target: 'node20',
      sourcemap: true,
      sourcefile: path,
    });
    return { code, map };
  },
};
