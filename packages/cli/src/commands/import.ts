import path from 'node:path';
import fs from 'node:fs';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { IMPORT_ENTITIES } from '@stratum/db';
import {
  importFile,
  recoverInterruptedImports,
  SYSTEM_ACTOR,
  writeImportReport,
  type ImportProgress,
  type ImportResult,
} from '@stratum/server';
import { CliError, note, printJson, withRuntime, type CommonOptions } from '../runtime.js';

interface ImportOptions extends CommonOptions {
  skipInvalid?: boolean;
  format?: string;
  encoding?: string;
  report?: string;
}

/** Exit code of a file that was rejected (bad rows or a bad file): distinct from a failure (1). */
export const EXIT_REJECTED = 2;

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import a CSV (UTF-8, UTF-8 with BOM, GBK) or XLSX file; any bad row rejects the whole file')
    .argument('<entity>', IMPORT_ENTITIES.join('|'))
    .argument('<file>', 'the file to import; headers in English or Chinese (see DESIGN §9)')
    .option('--skip-invalid', 'write the valid rows and report the others (default: all or nothing)')
    .option('--format <format>', 'csv|xlsx (default: from the file name)')
    .option('--encoding <encoding>', 'auto|utf8|gbk (CSV only)', 'auto')
    .option('--report <file>', 'write every rejected row (line, column, value, code, message) to this CSV')
    .option('--json', 'print the result as JSON on stdout')
    .option('--data-dir <dir>', 'embedded database directory (default ./data, or STRATUM_DATA_DIR)')
    .action(async (entity: string, file: string, options: ImportOptions) => {
      const request = checkArguments(entity, file, options);
      const result = await withRuntime(options, async ({ config, database }) => {
        const interrupted = await recoverInterruptedImports(database.pool);
        for (const job of interrupted)
          note(`Import ${job.id} was interrupted earlier and is now marked failed.`);
        const bar = progressBar(file);
        let imported: ImportResult;
        try {
          imported = await importFile(database, config, SYSTEM_ACTOR, request, bar.update);
        } finally {
          bar.stop();
        }
        if (options.report) await writeImportReport(database, imported.id, options.report);
        return imported;
      });
      if (options.json) printJson(result);
      else printReport(result, file, options);
      if (result.status !== 'succeeded') process.exitCode = EXIT_REJECTED;
    });
}

/** A command-line value that must be one of `allowed` (exit 2 with the choices otherwise). */
export function choice<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError(`${what} must be one of ${allowed.join(', ')}, not "${value}"`, EXIT_REJECTED);
}

function checkArguments(entity: string, file: string, options: ImportOptions) {
  const format = choice(
    options.format ?? (/\.xlsx$/i.test(file) ? 'xlsx' : 'csv'),
    ['csv', 'xlsx'],
    '--format',
  );
  const encoding = choice(options.encoding ?? 'auto', ['auto', 'utf8', 'gbk'], '--encoding');
  const filePath = path.resolve(file);
  if (!fs.existsSync(filePath) || !fs.statSync(filePath).isFile()) {
    throw new CliError(`No such file: ${file}`, EXIT_REJECTED);
  }
  return {
    entity: choice(entity, IMPORT_ENTITIES, 'the entity'),
    filePath,
    fileName: path.basename(file),
    format,
    encoding,
    skipInvalid: options.skipInvalid === true,
  };
}

/** Bytes read on a bar, with rows and rows/s; on stderr, only on a terminal (logs get the summary). */
function progressBar(file: string): { update: (progress: ImportProgress) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const started = Date.now();
  const bar = new cliProgress.SingleBar(
    {
      format: `${path.basename(file)} {phase} |{bar}| {percentage}% · {mb}/{totalMb} MB · {rows} rows · {rate} rows/s`,
      hideCursor: true,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  let shown = false;
  return {
    update(progress) {
      const payload = {
        phase: progress.phase.padEnd(8),
        mb: (progress.bytesRead / 2 ** 20).toFixed(1),
        totalMb: ((progress.bytesTotal ?? 0) / 2 ** 20).toFixed(1),
        rows: progress.rowsRead.toLocaleString('en-US'),
        rate: Math.round(progress.rowsRead / Math.max(0.001, (Date.now() - started) / 1000)).toLocaleString(
          'en-US',
        ),
      };
      if (!shown) {
        bar.start(progress.bytesTotal ?? 0, progress.bytesRead, payload);
        shown = true;
      } else bar.update(progress.bytesRead, payload);
    },
    stop() {
      if (shown) bar.stop();
    },
  };
}

function printReport(result: ImportResult, file: string, options: ImportOptions): void {
  const n = (value: number) => value.toLocaleString('en-US');
  const out = (line = '') => process.stdout.write(`${line}\n`);
  const encoding = result.encoding ? ` (${result.encoding})` : '';
  out(
    `${result.status === 'succeeded' ? 'Imported' : 'Rejected'} ${result.entity} from ${file}${encoding}: ${n(result.rowsRead)} rows read`,
  );
  out(
    `  inserted ${n(result.inserted)} · updated ${n(result.updated)} · unchanged ${n(result.unchanged)} · rejected ${n(result.rejected)}`,
  );
  for (const warning of result.warnings) out(`  warning: ${warning}`);
  if (result.sample.length > 0) {
    out(`Problems (first ${result.sample.length}${options.report ? `; all in ${options.report}` : ''}):`);
    for (const issue of result.sample) {
      const where = [`line ${issue.line}`, issue.column].filter(Boolean).join(', ');
      const value = issue.value === null ? '' : ` = ${JSON.stringify(issue.value)}`;
      out(`  ${where}${value}: ${issue.code} ${issue.message}`);
    }
  }
  if (result.status !== 'succeeded') {
    out('Nothing was written.');
    if (result.rejected > 0 && !options.skipInvalid)
      out('Fix the rows above, or run again with --skip-invalid to import the valid rows.');
  }
}
