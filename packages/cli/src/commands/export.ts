import path from 'node:path';
import type { Command } from 'commander';
import { IMPORT_ENTITIES } from '@stratum/db';
import { exportToFile, SYSTEM_ACTOR } from '@stratum/server';
import { CliError, note, printJson, withRuntime, type CommonOptions } from '../runtime.js';
import { choice, EXIT_REJECTED } from './import.js';

interface ExportOptions extends CommonOptions {
  format?: string;
  out?: string;
  headers?: string;
}

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description(
      'export an entity as CSV (UTF-8 with BOM) or XLSX in the import format: the file re-imports unchanged',
    )
    .argument('<entity>', IMPORT_ENTITIES.join('|'))
    .option('--format <format>', 'csv|xlsx (default: from --out, else csv)')
    .option('--out <file>', 'the file to write')
    .option('--headers <language>', 'en|zh: English or Chinese column headers', 'en')
    .option('--json', 'print the result as JSON on stdout')
    .option('--data-dir <dir>', 'embedded database directory (default ./data, or STRATUM_DATA_DIR)')
    .action(async (entity: string, options: ExportOptions) => {
      const exported = choice(entity, IMPORT_ENTITIES, 'the entity');
      if (!options.out) throw new CliError('--out FILE is required', EXIT_REJECTED);
      const format = choice(
        options.format ?? (/\.xlsx$/i.test(options.out) ? 'xlsx' : 'csv'),
        ['csv', 'xlsx'],
        '--format',
      );
      const headers = choice(options.headers ?? 'en', ['en', 'zh'], '--headers');
      const out = path.resolve(options.out);
      const started = Date.now();
      const { rows } = await withRuntime(options, ({ config, database }) =>
        exportToFile(database, config, SYSTEM_ACTOR, { entity: exported, format, headers }, out),
      );
      const result = { entity: exported, format, file: out, rows, seconds: (Date.now() - started) / 1000 };
      if (options.json) printJson(result);
      else note(`Exported ${rows.toLocaleString('en-US')} ${exported} to ${out} (${format}).`);
    });
}
