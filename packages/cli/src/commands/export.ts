import path from 'node:path';
import type { Command } from 'commander';
import { IMPORT_ENTITIES } from '@stratum/db';
import { exportGradesToFile, exportToFile, SYSTEM_ACTOR } from '@stratum/server';
import { CliError, note, printJson, withRuntime, type CommonOptions } from '../runtime.js';
import { choice, EXIT_REJECTED } from './import.js';

interface ExportOptions extends CommonOptions {
  format?: string;
  out?: string;
  headers?: string;
  run?: string;
}

interface RunRef {
  id: number;
  asOf: string;
  model: string;
  version: number;
}

const ENTITIES = [...IMPORT_ENTITIES, 'grades'] as const;

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description(
      'export an entity as CSV (UTF-8 with BOM) or XLSX in the import format (the file re-imports unchanged), or grades',
    )
    .argument('<entity>', ENTITIES.join('|'))
    .option('--format <format>', 'csv|xlsx (default: from --out, else csv)')
    .option('--out <file>', 'the file to write')
    .option('--headers <language>', 'en|zh: English or Chinese column headers', 'en')
    .option('--run <run>', 'grades only: latest (the current grades) or a run id', 'latest')
    .option('--json', 'print the result as JSON on stdout')
    .option('--data-dir <dir>', 'embedded database directory (default ./data, or STRATUM_DATA_DIR)')
    .action(async (entity: string, options: ExportOptions) => {
      const exported = choice(entity, ENTITIES, 'the entity');
      if (!options.out) throw new CliError('--out FILE is required', EXIT_REJECTED);
      const format = choice(
        options.format ?? (/\.xlsx$/i.test(options.out) ? 'xlsx' : 'csv'),
        ['csv', 'xlsx'],
        '--format',
      );
      const headers = choice(options.headers ?? 'en', ['en', 'zh'], '--headers');
      const out = path.resolve(options.out);
      const started = Date.now();
      const run = exported === 'grades' ? runOption(options.run ?? 'latest') : undefined;
      if (run === undefined && options.run !== undefined && options.run !== 'latest') {
        throw new CliError('--run applies to `stratum export grades` only', EXIT_REJECTED);
      }
      const { rows, runs } = await withRuntime(
        options,
        async ({ config, database }): Promise<{ rows: number; runs?: RunRef[] }> => {
          if (exported !== 'grades') {
            return exportToFile(database, config, SYSTEM_ACTOR, { entity: exported, format, headers }, out);
          }
          const done = await exportGradesToFile(
            database,
            SYSTEM_ACTOR,
            { run: run ?? 'latest', format, headers },
            out,
          );
          return {
            rows: done.rows,
            runs: done.runs.map((r) => ({
              id: r.id,
              asOf: r.asOf,
              model: r.model.key,
              version: r.model.version,
            })),
          };
        },
      );
      const result = {
        entity: exported,
        format,
        file: out,
        rows,
        ...(runs ? { runs } : {}),
        seconds: (Date.now() - started) / 1000,
      };
      if (options.json) printJson(result);
      else note(`Exported ${rows.toLocaleString('en-US')} ${exported} to ${out} (${format}).`);
    });
}

function runOption(value: string): 'latest' | number {
  if (value === 'latest') return value;
  if (/^[0-9]{1,15}$/.test(value)) return Number(value);
  throw new CliError(`--run must be "latest" or a run id (a number), not "${value}"`, EXIT_REJECTED);
}
