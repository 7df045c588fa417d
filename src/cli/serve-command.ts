import type { Command } from 'commander';
import { Option } from 'commander';
import { isIP } from 'node:net';
import type { AnyApiDefinition, Profile } from '../api';
import type { ClockMode } from '../core/clock';
import type { SeedEntry } from '../engine/seed-entry';
import { demoSeed } from '../engine/seed-entry';
import type { CallRecord } from '../journal/call-record';
import type { LogFormat } from '../journal/log-line';
import { logLine } from '../journal/log-line';
import { createMockService, servedDefinitions } from '../mock-service';
import type { StateJournal } from '../persistence/state-journal';
import { openStateJournal } from '../persistence/state-journal';
import { CorsPolicy, corsOrigins } from '../server/cors';
import { listen, REQUEST_TIMEOUT_MS } from '../server/http-server';
import { DEFAULT_LIMITS } from '../store/budget';
import { chaosOption } from './chaos-option';
import type { RedisStore, RedisStoreOptions } from '../store/redis-store';
import { withoutPassword } from '../store/redis-url';
import { loadApis } from './load-apis';
import { loadInspector } from './load-inspector';
import { byteSize, count, duration, positive } from './option-values';
import { processHealth } from './process-health';
import { readSeedFile } from './seed-file';
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
  awsCredentials?: string;
  awsAnyKey?: boolean;
  chaos?: string;
  maxHang: string;
  journal: 'on' | 'off';
  journalSize: string;
  log?: LogFormat;
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
    .option(
      '--cors [origins]',
      'CORS with credentials for front ends on these origins (comma-separated scheme://host:port; none or * for any, reflected)',
    )
    .option(
      '--cors-admin',
      'CORS on the admin API too, and let those origins call it (listing and creating jobs)',
    )
    .option(
      '--allow-host <names>',
      'Host names to answer besides localhost and IP addresses (comma-separated; .example.com for its subdomains; * for any)',
    )
    .option('--max-jobs <n>', 'the most jobs one session may hold', String(DEFAULT_LIMITS.maxJobs))
    .option('--max-session-bytes <size>', "the most one session's jobs and data may take (e.g. 256m)", '256m')
    .option('--max-bytes <size>', 'the most all sessions and the seed may take together (e.g. 1g)', '1g')
    .option('--max-sessions <n>', 'the most sessions kept at once', String(DEFAULT_LIMITS.maxSessions))
    .option('--session-idle <duration>', 'drop a named session no call used for this long (e.g. 30m)', '1h')
    .addOption(
      new Option(
        '--journal <on|off>',
        "keep each session's last calls (GET /__admin/requests, the inspector)",
      )
        .choices(['on', 'off'])
        .default('on'),
    )
    .option(
      '--journal-size <n>',
      'the most calls the journal keeps per session',
      String(DEFAULT_LIMITS.journalEntries),
    )
    .addOption(
      new Option(
        '--log <format>',
        'a line per call on stdout (default: pretty on a terminal, off otherwise)',
      ).choices(['pretty', 'json', 'off']),
    )
    .option(
      '--chaos <spec>',
      'seeded chaos in every session: seed=<n>,rate=<0-1>[,apis=a+b][,operations=x+y][,kinds=error+throttle+...] or the JSON of POST /__admin/chaos',
    )
    .option('--max-hang <duration>', 'the longest an injected hang or slow body lasts (at most 30s)', '30s')
    .option(
      '--state-file <path>',
      'keep every session (jobs, API data, clock, faults) in this journal across restarts; each change is written before its reply',
    )
    .option(
      '--aws-credentials <pairs>',
      'AWS Batch: access keys to accept besides the demo one, as key:secret[,key:secret...]',
    )
    .option(
      '--aws-any-key',
      'AWS Batch: accept any access key (signature shape, scope and date are checked, not the secret)',
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
      const cors = corsOf(options);
      const own = (await Promise.all(options.apis.map(loadApis))).flat();
      const apis = [...(options.builtinApis ? registry : []), ...own];
      checkApis(apis, options.api);
      if (isWorkerPrimary(workers)) {
        const served = servedDefinitions(apis, options.api, awsOptions(options));
        runWorkers(workers, (url) => printBanner(url, served, options, workers));
        return;
      }
      const seed: SeedEntry[] = [
        ...(options.demo ? demoSeed(apis) : []),
        ...(options.seed ? readSeedFile(options.seed) : []),
      ];
      let journal: StateJournal | undefined;
      const processFigures = processHealth();
      const log = options.log ?? (process.stdout.isTTY ? 'pretty' : 'off');
      const limits = {
        maxJobs: positive(options.maxJobs, '--max-jobs'),
        maxSessionBytes: byteSize(options.maxSessionBytes, '--max-session-bytes'),
        maxTotalBytes: byteSize(options.maxBytes, '--max-bytes'),
        maxSessions: positive(options.maxSessions, '--max-sessions'),
        sessionIdleMs: duration(options.sessionIdle, '--session-idle'),
        journalEntries: count(options.journalSize, '--journal-size'),
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
        healthDetails: () => ({
          process: processFigures(),
          ...(journal ? { stateFile: journal.health() } : {}),
        }),
        apiOptions: awsOptions(options),
        chaos: options.chaos === undefined ? undefined : chaosOption(options.chaos),
        maxHangMs: maxHang(options.maxHang),
        journal: options.journal === 'on',
        onCall: log === 'off' ? undefined : logWriter(log),
        inspector: loadInspector(),
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
        corsOrigin: cors,
        corsAdmin: options.corsAdmin,
        allowHosts: allowedHosts(options),
      });
      if (options.host !== '127.0.0.1' && options.host !== 'localhost' && options.host !== '::1') {
        console.warn(
          `warning: listening on ${options.host}: anyone who can reach this machine can use the mock and its admin API${options.adminToken ? '' : ' (no --admin-token set)'}`,
        );
      }
      if (!isWorker())
        printBanner(server.url, servedDefinitions(apis, options.api, awsOptions(options)), options, 1);
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
  apis: readonly AnyApiDefinition[],
  options: ServeOptions,
  workers: number,
): void {
  const store = options.store === 'memory' ? '' : `, store ${withoutPassword(options.store)}`;
  const processes = workers > 1 ? `, ${workers} workers` : '';
  const lines = [
    `jobmock listening on ${url} (profile ${options.profile}, clock ${options.clock}${options.strict ? ', strict' : ''}${store}${processes})`,
  ];
  for (const api of apis) {
    lines.push(`  ${api.title.padEnd(28)} ${options.api ? url : `${url}/${api.id}`}`);
    for (const line of api.demoCredentials) lines.push(`      ${line}`);
  }
  lines.push(`  admin API                    ${url}/__admin/health`);
  lines.push(`  inspector                    ${url}/__admin/ui`);
  if (options.chaos !== undefined) lines.push(`  chaos in every session       ${options.chaos}`);
  const cors = corsOf(options);
  const policy = cors === undefined ? undefined : new CorsPolicy(cors);
  lines.push(
    `  CORS                         ${policy ? policy.describe() : 'off (--cors <origin> for front ends)'}`,
  );
  lines.push(
    `  admin API CORS               ${policy && options.corsAdmin ? 'on (--cors-admin)' : 'off (--cors-admin lets those origins list and create jobs)'}`,
  );
  const hosts = allowedHosts(options);
  const bound = isIP(options.host) ? [] : [options.host];
  const answered = hosts.includes('*')
    ? 'any (--allow-host *)'
    : [...new Set(['localhost', 'IP addresses', ...bound, ...hosts])].join(', ');
  lines.push(`  Host names answered          ${answered}`);
  console.log(lines.join('\n'));
}

/** The AWS Batch flags as that API's options (its definition reads them; none when no flag is given). */
function awsOptions(options: ServeOptions): Record<string, Record<string, unknown>> | undefined {
  if (options.awsCredentials === undefined && !options.awsAnyKey) return undefined;
  return {
    'aws-batch': {
      ...(options.awsCredentials === undefined ? {} : { credentials: options.awsCredentials }),
      ...(options.awsAnyKey ? { anyAccessKey: true } : {}),
    },
  };
}

/** `--max-hang`: a duration no longer than the request timeout, which cuts any hang. */
function maxHang(value: string): number {
  const ms = duration(value, '--max-hang');
  if (ms > REQUEST_TIMEOUT_MS)
    throw new Error(
      `--max-hang may be at most ${REQUEST_TIMEOUT_MS / 1000}s (the request timeout), not ${value}`,
    );
  return ms;
}

/** Writes each call's log line to stdout (in colour on a terminal, unless NO_COLOR is set). */
function logWriter(format: 'pretty' | 'json'): (record: CallRecord) => void {
  const color = process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
  return (record) => process.stdout.write(logLine(record, format, color) + '\n');
}

/** `--cors` as ListenOptions.corsOrigin: `*` when given without origins; checked now, so a bad one stops the start. */
function corsOf(options: ServeOptions): string | undefined {
  if (options.cors === undefined || options.cors === false) return undefined;
  const origins = options.cors === true ? '*' : options.cors;
  corsOrigins(origins);
  return origins;
}

/** `--allow-host a,b` as a list. */
function allowedHosts(options: ServeOptions): string[] {
  return (options.allowHost ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
}
