import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { dayFromIso, resolveLocale } from '@stratum/core';
import {
  isAppError,
  MAX_HORIZON_DAYS,
  recoverInterruptedBacktests,
  requestBacktest,
  runBacktest,
  SYSTEM_ACTOR,
  type BacktestPhase,
} from '@stratum/server';
import { CliError, note, printJson, withRuntime, type CommonOptions } from '../runtime.js';
import { formatBacktestSummary } from './backtestSummary.js';

interface BacktestOptions extends CommonOptions {
  asOf?: string;
  horizonDays?: string;
  model?: string;
  lang?: string;
}

export function registerBacktestCommand(program: Command): void {
  program
    .command('backtest')
    .description('grade as of a past date and compare with what happened after it; the report is stored')
    .requiredOption('--as-of <date>', 'grade with what was known through the end of this day (YYYY-MM-DD)')
    .requiredOption('--horizon-days <n>', 'compare with the next n days; they must all be in the past')
    .option('--model <id>', 'the model to test (default: the published default model)')
    .option('--lang <zh|en>', 'summary language (default STRATUM_LOCALE, else zh)')
    .option('--data-dir <dir>', 'embedded database directory (default ./data, or STRATUM_DATA_DIR)')
    .option('--json', 'print the stored report as JSON on stdout')
    .action(async (options: BacktestOptions) => {
      const request = parseRequest(options);
      if (options.lang !== undefined && !['zh', 'en'].includes(options.lang)) {
        throw new CliError(`--lang must be zh or en, not "${options.lang}"`, 2);
      }
      await withRuntime(options, async ({ config, database }) => {
        for (const id of await recoverInterruptedBacktests(database.pool)) {
          note(`Backtest ${id} had been interrupted; it is now marked failed.`);
        }
        const row = await requestBacktest(database, SYSTEM_ACTOR, config.orgTimezone, request).catch(
          (error: unknown) => {
            // Bad input is a usage error (exit 2), like a malformed option.
            if (isAppError(error) && error.status === 400) throw new CliError(error.message, 2);
            throw error;
          },
        );
        const bar = progressBar(row.id);
        let outcome;
        try {
          outcome = await runBacktest(
            { database, timezone: config.orgTimezone, onProgress: bar.update },
            row.id,
          );
        } finally {
          bar.stop();
        }
        if (!outcome) throw new CliError(`Backtest ${row.id} was taken by another process`);
        if (options.json) {
          printJson({ id: row.id, ...outcome.report });
          return;
        }
        const locale = resolveLocale(options.lang ?? config.defaultLocale);
        for (const line of formatBacktestSummary(row.id, outcome.report, locale)) {
          process.stdout.write(`${line}\n`);
        }
      });
    });
}

function parseRequest(options: BacktestOptions): { asOf: string; horizonDays: number; modelId?: number } {
  const asOf = options.asOf ?? '';
  try {
    dayFromIso(asOf);
  } catch {
    throw new CliError(`--as-of must be a calendar date YYYY-MM-DD, not "${asOf}"`, 2);
  }
  const horizonDays = Number(options.horizonDays);
  if (!/^\d+$/.test(options.horizonDays ?? '') || horizonDays < 1 || horizonDays > MAX_HORIZON_DAYS) {
    throw new CliError(
      `--horizon-days must be a whole number from 1 to ${MAX_HORIZON_DAYS}, not "${options.horizonDays ?? ''}"`,
      2,
    );
  }
  if (options.model === undefined) return { asOf, horizonDays };
  const modelId = Number(options.model);
  if (!/^\d+$/.test(options.model) || !Number.isSafeInteger(modelId) || modelId < 1) {
    throw new CliError(`--model must be a model id (a number), not "${options.model}"`, 2);
  }
  return { asOf, horizonDays, modelId };
}

function progressBar(id: number): {
  update: (phase: BacktestPhase, progress: number) => void;
  stop: () => void;
} {
  if (!process.stderr.isTTY) {
    let lastPhase = '';
    return {
      update(phase) {
        if (phase !== lastPhase) note(`backtest ${id}: ${phase} …`);
        lastPhase = phase;
      },
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: `backtest ${id} {phase} |{bar}| {percentage}%`, hideCursor: true, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  bar.start(100, 0, { phase: 'refresh'.padEnd(8) });
  return {
    update: (phase, progress) => bar.update(Math.round(progress * 100), { phase: phase.padEnd(8) }),
    stop: () => bar.stop(),
  };
}
