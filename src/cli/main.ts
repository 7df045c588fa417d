#!/usr/bin/env node
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registry } from '../../mocks/index';
import { packageRoot } from '../spec/package-root';
import { addCheckPactCommand } from './check-pact-command';
import { addConformCommand } from './conform-command';
import { addServeCommand } from './serve-command';
import { addVerifyCommand } from './verify-command';

/** The `jobmock` command line. The CLI is the one place that knows the registry of APIs (decision 005). */
const program = new Command('jobmock')
  .description('Specs, stateful mocks and contract tests for five real "cancel a job" APIs')
  .version(packageVersion(), '-V, --version', "print jobmock's version")
  .showHelpAfterError();
addServeCommand(program, registry);
addVerifyCommand(program, registry);
addConformCommand(program, registry);
addCheckPactCommand(program, registry);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`jobmock: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

/** The version in jobmock's own package.json (the package's, wherever it is installed). */
function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string })
    .version;
}
