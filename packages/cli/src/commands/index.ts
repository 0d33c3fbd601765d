import type { Command } from 'commander';
import { registerBacktestCommand } from './backtest.js';
import { registerDbCommands } from './db.js';
import { registerDemoCommand } from './demo.js';
import { registerExportCommand } from './export.js';
import { registerGradeCommand } from './grade.js';
import { registerImportCommand } from './import.js';
import { registerServeCommand } from './serve.js';
import { registerUserCommands } from './user.js';

/** One file per command (group); each adds itself to the program. */
export function registerCommands(program: Command): void {
  registerBacktestCommand(program);
  registerDbCommands(program);
  registerDemoCommand(program);
  registerExportCommand(program);
  registerGradeCommand(program);
  registerImportCommand(program);
  registerServeCommand(program);
  registerUserCommands(program);
}
