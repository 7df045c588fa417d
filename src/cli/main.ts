#!/usr/bin/env node
import { Command } from 'commander';
import { registry } from '../../mocks/index';
import { addCheckPactCommand } from './check-pact-command';
import { addConformCommand } from './conform-command';
import { addServeCommand } from './serve-command';
import { addVerifyCommand } from './verify-command';

/** The `jobmock` command line. The CLI is the one place that knows the registry of APIs (decision 005). */
const program = new Command('jobmock')
  .description('Specs, stateful mocks and contract tests for five real "cancel a job" APIs')
  .showHelpAfterError();
addServeCommand(program, registry);
addVerifyCommand(program, registry);
addConformCommand(program, registry);
addCheckPactCommand(program, registry);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`jobmock: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
