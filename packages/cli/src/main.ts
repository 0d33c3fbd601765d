import { Command, CommanderError } from 'commander';
import { isAppError } from '@stratum/server';
import { CliError } from './runtime.js';
import { registerCommands } from './commands/index.js';

const program = new Command('stratum')
  .description('Stratum — strategic customer tiering and key-account management (战略客户分级管理)')
  .showHelpAfterError()
  .exitOverride();

registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = exitCodeFor(error);
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode;
  if (error instanceof CliError) {
    process.stderr.write(`stratum: ${error.message}\n`);
    return error.exitCode;
  }
  if (isAppError(error)) {
    process.stderr.write(`stratum: ${error.message}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`stratum: ${message}\n`);
  if (process.env.STRATUM_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return 1;
}
