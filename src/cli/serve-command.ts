import type { Command } from 'commander';
import { Option } from 'commander';
import { isIP } from 'node:net';
import type { AnyApiDefinition, Profile } from '../api';
import type { ClockMode } from '../core/clock';
import { createMockService } from '../mock-service';
import { StateFile } from '../persistence/state-file';
import { listen } from '../server/http-server';
import type { SeedEntry } from '../engine/job-seed-entry';
import { demoSeed, readSeedFile } from './seed-file';

interface ServeOptions {
  port: string;
  host: string;
  api?: string;
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
  stateFile?: string;
}

/** `jobmock serve`: every registered API on one port (or one at the root), with the admin API. */
export function addServeCommand(program: Command, registry: readonly AnyApiDefinition[]): void {
  program
    .command('serve')
    .description('serve the mock APIs and the admin API')
    .option('-p, --port <port>', 'port (0 picks a free one)', '4010')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .addOption(
      new Option('--api <id>', 'serve only this API, at the root').choices(registry.map((a) => a.id)),
    )
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
    .option('--max-jobs <n>', 'the most jobs one session may hold', '2000000')
    .option('--state-file <path>', "keep every session's jobs, clock and faults in this file across restarts")
    .action(async (options: ServeOptions) => {
      const seed: SeedEntry[] = [
        ...(options.demo ? demoSeed(registry) : []),
        ...(options.seed ? readSeedFile(options.seed) : []),
      ];
      let state: StateFile | undefined;
      const service = createMockService({
        apis: registry,
        only: options.api,
        profile: options.profile,
        clock: options.clock,
        speed: positive(options.speed, '--speed'),
        strict: options.strict === true,
        seed,
        clientHost: options.clientHost,
        adminToken: options.adminToken,
        maxJobs: positive(options.maxJobs, '--max-jobs'),
        afterCall: options.stateFile === undefined ? undefined : () => state?.changed(),
      });
      if (options.stateFile !== undefined) {
        state = new StateFile(service.engine, options.stateFile);
        const restored = state.load();
        if (restored) console.log(`restored ${restored} session(s) from ${options.stateFile}`);
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
      printBanner(server.url, service.engine.apiIds, registry, options);
      const stop = () => {
        state?.flush();
        void server.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

function printBanner(
  url: string,
  ids: readonly string[],
  registry: readonly AnyApiDefinition[],
  options: ServeOptions,
): void {
  const lines = [
    `jobmock listening on ${url} (profile ${options.profile}, clock ${options.clock}${options.strict ? ', strict' : ''})`,
  ];
  for (const id of ids) {
    const api = registry.find((a) => a.id === id)!;
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

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} must be a positive number, not "${value}"`);
  return n;
}
