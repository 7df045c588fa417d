import type { Command } from 'commander';
import { Option } from 'commander';
import { isIP } from 'node:net';
import type { AnyApiDefinition, Profile } from '../api';
import type { ClockMode } from '../core/clock';
import type { SeedEntry } from '../engine/seed-entry';
import { createMockService } from '../mock-service';
import type { StateJournal } from '../persistence/state-journal';
import { openStateJournal } from '../persistence/state-journal';
import { listen } from '../server/http-server';
import { DEFAULT_LIMITS } from '../store/budget';
import type { RedisStore, RedisStoreOptions } from '../store/redis-store';
import { withoutPassword } from '../store/redis-url';
import { loadApis } from './load-apis';
import { byteSize, duration, positive } from './option-values';
import { demoSeed, readSeedFile } from './seed-file';
import type { StoreChoice } from './store-option';
import { checkStoreOptions, storeChoice } from './store-option';
import { isWorker, isWorkerPrimary, reportListening, runWorkers } from './workers';

interface ServeOptions {
  port: string;
  host: string;
  api?: string;
  apis: string[];
  builtinApis: boolean;
  profile: Profile;
  clock: ClockMode;
  speed: string;
  seed?: string;
  demo?: boolean;
  strict?: boolean;
  clientHost?: string;
  adminToken?: string;
  cors?: string | boolean;
  corsAdmin?: boolean;
  allowHost?: string;
  maxJobs: string;
  maxSessionBytes: string;
  maxBytes: string;
  maxSessions: string;
  sessionIdle: string;
  stateFile?: string;
  store: string;
  storePrefix: string;
  storeTimeout: string;
  workers: string;
}

/** `jobmock serve`: every registered API on one port (or one at the root), with the admin API. */
export function addServeCommand(program: Command, registry: readonly AnyApiDefinition[]): void {
  program
    .command('serve')
    .description('serve the mock APIs and the admin API')
    .option('-p, --port <port>', 'port (0 picks a free one)', '4010')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option(
      '--api <id>',
      `serve only this API, at the root (${registry.map((a) => a.id).join(', ')}, or one of --apis)`,
    )
    .option(
      '--apis <modules...>',
      'modules of your own that export API definitions (defineApi), served too',
      [],
    )
    .option('--no-builtin-apis', "serve only the APIs of --apis, not jobmock's own")
    .addOption(
      new Option('--profile <profile>', "documented behaviour or the real service's")
        .choices(['documented', 'upstream'])
        .default('documented'),
    )
    .addOption(
      new Option('--clock <mode>', 'real time (scaled by --speed) or manual (moved by the admin API)')
        .choices(['real', 'manual'])
        .default('real'),
    )
    .option('--speed <n>', 'how fast virtual time runs in the real clock', '1')
    .option('--seed <file>', 'YAML file of jobs to load into every session')
    .option('--demo', 'load demo data: a job in every state of every API')
    .option('--strict', 'check every reply against the spec; violations go in x-jobmock-violations')
    .option('--client-host <host>', 'the Host clients signed for, when a proxy in front rewrites it')
    .option('--admin-token <token>', 'protect the admin API (health stays open)')
    .option('--cors [origin]', 'send CORS headers for front ends (default origin *)')
    .option('--cors-admin', 'send CORS headers on the admin API too')
    .option(
      '--allow-host <names>',
      'Host names to answer besides localhost and IP addresses (comma-separated; .example.com for its subdomains; * for any)',
    )
    .option('--max-jobs <n>', 'the most jobs one session may hold', String(DEFAULT_LIMITS.maxJobs))
    .option('--max-session-bytes <size>', "the most one session's jobs and data may take (e.g. 256m)", '256m')
    .option('--max-bytes <size>', 'the most all sessions and the seed may take together (e.g. 1g)', '1g')
    .option('--max-sessions <n>', 'the most sessions kept at once', String(DEFAULT_LIMITS.maxSessions))
    .option('--session-idle <duration>', 'drop a named session no call used for this long (e.g. 30m)', '1h')
    .option(
      '--state-file <path>',
      'keep every session (jobs, API data, clock, faults) in this journal across restarts; each change is written before its reply',
    )
    .option(
      '--store <where>',
      'where sessions live: memory (this process), or redis://host:port/db, shared by every replica that names it',
      'memory',
    )
    .option(
      '--store-prefix <prefix>',
      'put this in front of every Redis key (several deployments in one database)',
      'jobmock:',
    )
    .option(
      '--store-timeout <duration>',
      'how long a Redis call may take before the call gets a 503-style error',
      '2s',
    )
    .option('--workers <n>', 'serve on one port from N processes (needs --store redis://…)', '1')
    .action(async (options: ServeOptions) => {
      const store = storeChoice(options.store);
      const workers = Number(options.workers);
      checkStoreOptions(store, workers, options.stateFile);
      const own = (await Promise.all(options.apis.map(loadApis))).flat();
      const apis = [...(options.builtinApis ? registry : []), ...own];
      checkApis(apis, options.api);
      if (isWorkerPrimary(workers)) {
        const ids = options.api ? [options.api] : apis.map((api) => api.id);
        runWorkers(workers, (url) => printBanner(url, ids, apis, options, workers));
        return;
      }
      const seed: SeedEntry[] = [
        ...(options.demo ? demoSeed(apis) : []),
        ...(options.seed ? readSeedFile(options.seed) : []),
      ];
      let journal: StateJournal | undefined;
      const limits = {
        maxJobs: positive(options.maxJobs, '--max-jobs'),
        maxSessionBytes: byteSize(options.maxSessionBytes, '--max-session-bytes'),
        maxTotalBytes: byteSize(options.maxBytes, '--max-bytes'),
        maxSessions: positive(options.maxSessions, '--max-sessions'),
        sessionIdleMs: duration(options.sessionIdle, '--session-idle'),
      };
      const speed = positive(options.speed, '--speed');
      const shared = await sharedStore(store, options, { clock: options.clock, speed, limits });
      const service = createMockService({
        apis,
        only: options.api,
        profile: options.profile,
        clock: options.clock,
        speed,
        strict: options.strict === true,
        seed,
        clientHost: options.clientHost,
        adminToken: options.adminToken,
        limits,
        store: shared,
        healthDetails: () => (journal ? { stateFile: journal.health() } : {}),
      });
      if (shared) {
        try {
          await shared.ready();
        } catch (error) {
          await service.close();
          throw error;
        }
      }
      if (options.stateFile !== undefined) {
        const opened = (journal = openStateJournal(options.stateFile));
        const { records } = opened.load(service.store);
        if (records) console.log(`restored ${records} record(s) from ${opened.path}`);
        // Every change is written before its reply goes out (StateJournal.append writes at once).
        service.store.onCommit = (changes) => opened.append(changes);
      }
      const server = await listen(service, {
        port: Number(options.port),
        host: options.host,
        corsOrigin: options.cors === true ? '*' : options.cors || undefined,
        corsAdmin: options.corsAdmin,
        allowHosts: allowedHosts(options),
      });
      if (options.host !== '127.0.0.1' && options.host !== 'localhost' && options.host !== '::1') {
        console.warn(
          `warning: listening on ${options.host}: anyone who can reach this machine can use the mock and its admin API${options.adminToken ? '' : ' (no --admin-token set)'}`,
        );
      }
      if (!isWorker()) printBanner(server.url, service.engine.apiIds, apis, options, 1);
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        void server
          .close()
          .then(() => service.close())
          .finally(() => {
            journal?.close();
            process.exit(0);
          });
      };
      reportListening(server.url, stop);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

function checkApis(apis: readonly AnyApiDefinition[], only: string | undefined): void {
  const ids = apis.map((a) => a.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new Error(`two APIs have the id "${twice}"`);
  if (!apis.length) throw new Error('no API to serve (--no-builtin-apis needs --apis)');
  if (only !== undefined && !ids.includes(only))
    throw new Error(`--api ${only}: no such API (APIs: ${ids.join(', ')})`);
}

/**
 * The Redis store `--store redis://…` names (connecting, not yet checked: see RedisStore.ready), if any. Loaded
 * only then: the Redis client takes a while to load, and the in-memory server's start-up need not pay for it.
 */
async function sharedStore(
  store: StoreChoice,
  options: ServeOptions,
  settings: Pick<RedisStoreOptions, 'clock' | 'speed' | 'limits'>,
): Promise<RedisStore | undefined> {
  if (store.kind !== 'redis') return undefined;
  const { RedisStore } = await import('../store/redis-store.js');
  return new RedisStore({
    url: store.url,
    prefix: options.storePrefix,
    timeoutMs: duration(options.storeTimeout, '--store-timeout'),
    ...settings,
  });
}

function printBanner(
  url: string,
  ids: readonly string[],
  apis: readonly AnyApiDefinition[],
  options: ServeOptions,
  workers: number,
): void {
  const store = options.store === 'memory' ? '' : `, store ${withoutPassword(options.store)}`;
  const processes = workers > 1 ? `, ${workers} workers` : '';
  const lines = [
    `jobmock listening on ${url} (profile ${options.profile}, clock ${options.clock}${options.strict ? ', strict' : ''}${store}${processes})`,
  ];
  for (const id of ids) {
    const api = apis.find((a) => a.id === id)!;
    lines.push(`  ${api.title.padEnd(28)} ${options.api ? url : `${url}/${id}`}`);
    for (const line of api.demoCredentials) lines.push(`      ${line}`);
  }
  lines.push(`  admin API                    ${url}/__admin/health`);
  const hosts = allowedHosts(options);
  const bound = isIP(options.host) ? [] : [options.host];
  const answered = hosts.includes('*')
    ? 'any (--allow-host *)'
    : [...new Set(['localhost', 'IP addresses', ...bound, ...hosts])].join(', ');
  lines.push(`  Host names answered          ${answered}`);
  console.log(lines.join('\n'));
}

/** `--allow-host a,b` as a list. */
function allowedHosts(options: ServeOptions): string[] {
  return (options.allowHost ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
}
