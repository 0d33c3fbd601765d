import type { Command } from 'commander';
import { note, withRuntime, type CommonOptions } from '../runtime.js';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('database maintenance');
  db.command('migrate')
    .description('apply pending migrations (also done on every start)')
    .option('--data-dir <dir>', 'embedded database directory (default ./data, or STRATUM_DATA_DIR)')
    .action(async (options: CommonOptions) => {
      await withRuntime(options, ({ database }) => {
        note(`Database is up to date (${database.mode}).`);
        return Promise.resolve();
      });
    });
}
