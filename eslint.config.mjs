// One linter (typescript-eslint) with the import rules of docs/decisions/001-layout.md, one override per folder.
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const SRC_FOLDERS = [
  'admin',
  'api',
  'auth',
  'cli',
  'core',
  'dialects',
  'engine',
  'intercept',
  'journal',
  'mock-service',
  'openapi',
  'openrpc',
  'persistence',
  'protocols',
  'provider-kit',
  'server',
  'spec',
  'store',
  'verify',
  'conform',
  'index',
  'main',
  'browser',
  'msw',
  'ids',
];

/** A folder of src/ may import only the named siblings (and itself, and third-party packages). */
const only = (folder, allowed, why) => [
  {
    files: [`${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/mocks/**', '**/contracts/**', '**/test/**'],
              message: 'src/ knows no particular API.',
            },
            ...SRC_FOLDERS.filter((f) => f !== folder.slice(4) && !allowed.includes(f)).map((f) => ({
              group: [`../${f}`, `../${f}/**`],
              message: `${folder} does not import src/${f}: ${why}.`,
            })),
          ],
        },
      ],
    },
  },
];

/**
 * A folder of src/ may import only types from `from` (the named files excepted): it sees what those modules
 * describe, not their workings.
 */
const typesOnly = (folder, from, except, why) => [
  {
    files: [`${folder}/**/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [`../${from}/*`, ...except.map((file) => `!../${from}/${file}`)],
              allowTypeImports: true,
              message: `${folder} imports only types from src/${from}: ${why}.`,
            },
          ],
        },
      ],
    },
  },
];

/** What the provider side (verify, conform) may use: APIs through their definitions, specs and protocols. */
const PROVIDER_SIDE = ['core', 'api', 'engine', 'spec', 'protocols', 'auth'];
const PROVIDER_SIDE_WHY = 'the provider side knows APIs by their definition, spec and protocol';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'specs/**/types.gen.ts', 'bench-results/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  // CommonJS modules (an API definition of a user's own, as `jobmock serve --apis` loads it) use require().
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    files: ['src/**/*.ts'],
    // The package entries (main, browser, msw) and the CLI are what know the registry (decision 005).
    ignores: ['src/main.ts', 'src/browser.ts', 'src/msw.ts', 'src/cli/**'],
    rules: restrict([
      { group: ['**/mocks/**', '**/contracts/**', '**/test/**'], message: 'src/ knows no particular API.' },
    ]),
  },
  {
    files: ['src/core/**/*.ts'],
    rules: restrict([
      { group: ['../*', '!./*'], message: 'src/core imports nothing of ours outside itself.' },
      { regex: '^[^.]', message: 'src/core imports no third-party package.' },
    ]),
  },
  // Each folder of src/ imports only the folders below it (docs/decisions/001-layout.md): the engine sees
  // protocols through src/engine/protocol.ts only, and the transports (server, intercept) see the service.
  ...only(
    'src/engine',
    ['core', 'store', 'api', 'persistence', 'journal'],
    'the engine sees protocols through its Protocol interface only',
  ),
  ...only(
    'src/store',
    ['core', 'persistence', 'api', 'journal'],
    'the store knows sessions and jobs, not protocols or APIs',
  ),
  ...only(
    'src/openapi',
    ['core', 'spec', 'engine', 'api'],
    'a protocol builds on the core, the spec tools and the Protocol interface',
  ),
  ...only(
    'src/openrpc',
    ['core', 'spec', 'engine', 'api'],
    'a protocol builds on the core, the spec tools and the Protocol interface',
  ),
  ...only('src/dialects', ['core'], 'dialects write faults; they import only the core'),
  ...only(
    'src/journal',
    ['core'],
    'the journal records calls; it imports only the core (and the admin types of its entries)',
  ),
  ...only(
    'src/auth',
    ['core', 'store', 'api'],
    'auth helpers import the core and the session data they keep tokens in',
  ),
  ...only('src/persistence', ['core', 'store'], 'persistence sees state records only'),
  ...only(
    'src/server',
    ['core', 'engine', 'admin', 'mock-service'],
    'a transport sees the service, not the engine inside',
  ),
  ...only(
    'src/intercept',
    ['core', 'engine', 'admin', 'mock-service', 'server', 'api', 'journal'],
    'a transport sees the service, not the engine inside',
  ),
  ...only('src/verify', PROVIDER_SIDE, PROVIDER_SIDE_WHY),
  ...typesOnly('src/verify', 'engine', ['session-name'], PROVIDER_SIDE_WHY),
  ...only('src/conform', [...PROVIDER_SIDE, 'verify', 'mock-service', 'server'], PROVIDER_SIDE_WHY),
  ...typesOnly('src/conform', 'engine', ['session-name', 'seed-entry'], PROVIDER_SIDE_WHY),
  ...only(
    'src/browser',
    ['core', 'engine', 'admin', 'mock-service', 'api', 'intercept', 'journal'],
    'the browser mock is a transport: it sees the service (and only types of intercept)',
  ),
  ...only('src/msw', ['admin', 'browser'], 'the MSW handlers are an adapter of the browser mock'),
  {
    files: ['mocks/*/*.ts'],
    rules: restrict([
      { regex: '^\\.\\./\\.\\./src/(?!index$)', message: 'mocks/<api> imports the public src index only.' },
      { regex: '^\\.\\./(?!\\.\\./)', message: 'mocks/<api> imports nothing from another API.' },
    ]),
  },
  {
    files: ['contracts/*/*.ts'],
    rules: restrict([
      { regex: '^\\.\\./\\.\\./src/(?!index$)', message: 'contracts import the public src index.' },
    ]),
  },
);
