import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registry } from '../../src/main';

const ROOT = join(__dirname, '..', '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
/** The API the README example intercepts. */
const EXAMPLE_API = 'kbase';

/** The README's intercept example, between its marker comments: the text users copy. */
function readmeExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /<!-- example:intercept -->\s*```ts\n([\s\S]*?)```\s*<!-- \/example:intercept -->/.exec(
    readme,
  );
  if (!block) throw new Error('README.md has no example between <!-- example:intercept --> markers');
  return block[1]!;
}

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

interface PackResult {
  readonly filename: string;
  readonly files: readonly { path: string }[];
}

describe('the packed package, installed in a fresh folder', () => {
  let tmp: string;
  let app: string;
  let shipped: string[];

  // npm pack, then npm install of the tarball alone (dependencies from the npm cache when it has them).
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'jobmock-pack-'));
    // Built into a staging copy, not the shared dist/, with what `files` in package.json picks from.
    const stage = join(tmp, 'stage');
    run(
      process.execPath,
      [TSC, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', join(stage, 'dist')],
      ROOT,
    );
    for (const file of ['package.json', 'README.md']) cpSync(join(ROOT, file), join(stage, file));
    cpSync(join(ROOT, 'specs'), join(stage, 'specs'), { recursive: true });
    cpSync(join(ROOT, 'contracts', 'pacts'), join(stage, 'contracts', 'pacts'), { recursive: true });
    const [packed] = JSON.parse(
      run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], stage),
    ) as PackResult[];
    shipped = packed!.files.map((f) => f.path);
    app = join(tmp, 'app');
    mkdirSync(app);
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }),
    );
    run(
      'npm',
      [
        'install',
        join(tmp, packed!.filename),
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        '--ignore-scripts',
      ],
      app,
    );
    // The README example, type-checked against the installed package's own declarations.
    writeFileSync(join(app, 'example.ts'), readmeExample());
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'node16',
          moduleResolution: 'node16',
          strict: true,
          esModuleInterop: true,
          types: ['node'],
          typeRoots: [join(ROOT, 'node_modules', '@types')],
          noEmitOnError: true,
          // skipLibCheck stays off: the package's declarations must hold in a consumer's strict build.
        },
        files: ['example.ts'],
      }),
    );
  }, 120_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('ships the compiled code, its declarations and the specs, and no sources or tests', () => {
    expect(shipped).toEqual(
      expect.arrayContaining([
        'dist/src/main.js',
        'dist/src/main.d.ts',
        'dist/src/intercept/intercept.js',
        'dist/src/cli/main.js',
        'dist/mocks/index.js',
        'specs/aws-batch/openapi.yaml',
        'specs/_admin/openapi.yaml',
      ]),
    );
    expect(shipped.filter((path) => /(^|\/)test\/|\.test\.|(?<!\.d)\.ts$/.test(path))).toEqual([]);
  });

  it('installs no devDependency of jobmock', () => {
    const { devDependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    const modules = join(app, 'node_modules');
    const installed = readdirSync(modules).flatMap((name) =>
      name.startsWith('@') ? readdirSync(join(modules, name)).map((n) => `${name}/${n}`) : [name],
    );
    expect(installed).toContain('jobmock');
    expect(installed.filter((name) => name in devDependencies)).toEqual([]);
  });

  it('type-checks the README example with the types it ships (and their own imports)', () => {
    run(process.execPath, [TSC, '-p', join(app, 'tsconfig.json')], app);
    expect(existsSync(join(app, 'example.js'))).toBe(true);
  });

  it('does not load nock until the first intercept(), and its bin runs', () => {
    const loaded = run(
      process.execPath,
      ['-e', "require('jobmock'); console.log(Object.keys(require.cache).some((f) => f.includes('/nock/')))"],
      app,
    );
    expect(loaded.trim()).toBe('false');
    expect(run(process.execPath, [join(app, 'node_modules', '.bin', 'jobmock'), '--help'], app)).toContain(
      'serve',
    );
  });

  it("exports each API's generated types and the admin API's, for node16 (CommonJS and ES modules) and bundler resolution", () => {
    const { exports } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      exports: Record<string, unknown>;
    };
    const subpaths = [...registry.map((api) => api.id), 'admin'];
    expect(Object.keys(exports)).toEqual(expect.arrayContaining(subpaths.map((id) => `./types/${id}`)));
    const imports = registry
      .map((api, i) => `import type * as Api${i} from 'jobmock/types/${api.id}';`)
      .concat("import type { components, paths } from 'jobmock/types/admin';")
      .join('\n');
    const uses = registry
      .map((api, i) => `Api${i}.${api.protocol === 'openrpc' ? 'OpenRpcTypes' : 'paths'}`)
      .join(', ');
    const check = `${imports}
import { createMock } from 'jobmock/browser';
type Imported = [${uses}];
export const apis: Imported['length'] = ${registry.length};
export type Job = components['schemas']['AdminJob'];
export type Clock = paths['/clock'];
export const make = () => createMock({ clock: 'manual' }).jobs.create('kbase', 'run');
`;
    writeFileSync(join(app, 'types-check.ts'), check);
    writeFileSync(join(app, 'types-check.mts'), check);
    const strict = {
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      typeRoots: [join(ROOT, 'node_modules', '@types')],
    };
    const configs = {
      'tsconfig.node16.json': {
        compilerOptions: {
          ...strict,
          target: 'ES2022',
          module: 'node16',
          moduleResolution: 'node16',
          types: ['node'],
        },
        files: ['types-check.ts', 'types-check.mts'],
      },
      // A browser build: no Node types, the DOM's.
      'tsconfig.bundler.json': {
        compilerOptions: {
          ...strict,
          target: 'ES2022',
          module: 'esnext',
          moduleResolution: 'bundler',
          lib: ['ES2022', 'DOM', 'DOM.Iterable'],
          types: [],
        },
        files: ['types-check.ts'],
      },
    };
    for (const [file, config] of Object.entries(configs)) {
      writeFileSync(join(app, file), JSON.stringify(config));
      run(process.execPath, [TSC, '-p', join(app, file)], app);
    }
    // The check can fail: a subpath the package does not export is an error.
    writeFileSync(
      join(app, 'types-check.ts'),
      "import type * as Nope from 'jobmock/types/nope';\nexport type X = typeof Nope;\n",
    );
    expect(() => run(process.execPath, [TSC, '-p', join(app, 'tsconfig.bundler.json')], app)).toThrow(
      /jobmock\/types\/nope/,
    );
  });

  const exampleRuns = registry.some((api) => api.id === EXAMPLE_API) ? it : it.skip;
  exampleRuns(`runs the README example (skipped while "${EXAMPLE_API}" is not in mocks/index.ts)`, () => {
    if (!existsSync(join(app, 'example.js')))
      run(process.execPath, [TSC, '-p', join(app, 'tsconfig.json')], app);
    expect(run(process.execPath, ['example.js'], app).trim()).toBe('ok');
  });
});
