import type { Command } from 'commander';
import {
  DEMO_DEFAULTS,
  INDEX_STRATEGIES,
  loadDemo,
  orgTimeZone,
  type DemoLoadResult,
  type DemoProgress,
  type IndexStrategy,
} from '@stratum/server';
import { CliError, note, printJson, withRuntime, type CommonOptions } from '../runtime.js';

interface DemoCommandOptions extends CommonOptions {
  customers?: string;
  seed?: string;
  endDate?: string;
  years?: string;
  reset?: boolean;
  indexes?: string;
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('generate a believable B2B customer book and load it (deterministic by seed)')
    .option('--customers <n>', `number of customers (default ${DEMO_DEFAULTS.customers})`)
    .option('--seed <s>', `random seed: the same options give the same data (default ${DEMO_DEFAULTS.seed})`)
    .option(
      '--end-date <date>',
      'last day of the history, YYYY-MM-DD (default today in the organisation timezone)',
    )
    .option('--years <y>', `years of order history (default ${DEMO_DEFAULTS.years})`)
    .option(
      '--reset',
      'delete all customers and their data first (user accounts other than demo ones are kept)',
    )
    .option(
      '--indexes <strategy>',
      `indexes during the load: ${INDEX_STRATEGIES.join(' | ')} (default rebuild)`,
    )
    .option('--data-dir <dir>', 'embedded database directory (default ./data, or STRATUM_DATA_DIR)')
    .option('--json', 'print the result as JSON on stdout')
    .action(async (options: DemoCommandOptions) => {
      await withRuntime(options, async ({ config, database }) => {
        const progress = progressPrinter();
        const result = await loadDemo(database, {
          customers: numberOption(options.customers),
          seed: numberOption(options.seed),
          years: numberOption(options.years),
          endDate: options.endDate ?? orgTimeZone(config.orgTimezone).localDate(Date.now()),
          timeZone: config.orgTimezone,
          reset: options.reset === true,
          indexes: indexStrategy(options.indexes),
          onProgress: progress.update,
        });
        progress.done();
        if (options.json) printJson(result);
        else printSummary(result);
      });
    });
}

function indexStrategy(value: string | undefined): IndexStrategy | undefined {
  if (value === undefined) return undefined;
  const strategy = INDEX_STRATEGIES.find((name) => name === value);
  if (!strategy)
    throw new CliError(`--indexes must be one of ${INDEX_STRATEGIES.join(', ')} (got "${value}")`, 2);
  return strategy;
}

/** Numbers are validated by the demo (with the option's name in the message); NaN reaches it as such. */
function numberOption(value: string | undefined): number | undefined {
  return value === undefined ? undefined : value.trim() === '' ? Number.NaN : Number(value);
}

/** One line per second on stderr; rewritten in place on a terminal. */
function progressPrinter(): { update: (progress: DemoProgress) => void; done: () => void } {
  const tty = process.stderr.isTTY;
  let open = false;
  return {
    update(progress) {
      const text = describe(progress);
      if (tty) {
        process.stderr.write(`\r\x1b[2K${text}`);
        open = true;
      } else note(text);
    },
    done() {
      if (open) process.stderr.write('\n');
    },
  };
}

function describe(progress: DemoProgress): string {
  const n = (value: number) => Math.round(value).toLocaleString('en-US');
  switch (progress.phase) {
    case 'prepare':
      return 'demo: preparing (checking the database, writing demo users, suspending indexes) …';
    case 'load': {
      const share = progress.customersTotal ? (100 * progress.customersDone) / progress.customersTotal : 0;
      return `demo: load ${share.toFixed(0)}% · ${n(progress.customersDone)}/${n(progress.customersTotal)} customers · ${n(progress.rows)} rows · ${n(progress.rowsPerSecond)} rows/s`;
    }
    case 'indexes':
      return `demo: building indexes${progress.detail ? ` · ${progress.detail}` : ''}`;
    case 'analyze':
      return 'demo: analysing tables';
    case 'rollup':
      return 'demo: building the per-customer activity rollup the grading runs read';
  }
}

function printSummary(result: DemoLoadResult): void {
  const n = (value: number) => value.toLocaleString('en-US');
  const total = Object.values(result.rows).reduce((sum, count) => sum + count, 0);
  note(
    `Loaded the demo (seed ${result.options.seed}, ${result.options.years} years to ${result.options.endDate}, ${result.timeZone})` +
      `${result.reset ? ' after deleting the previous data' : ''} in ${result.seconds.toFixed(1)} s:`,
  );
  for (const [table, count] of Object.entries(result.rows))
    note(`  ${table.padEnd(13)} ${n(count).padStart(12)}`);
  note(`  ${'total'.padEnd(13)} ${n(total).padStart(12)} rows · peak memory ${result.peakRssMb} MiB`);
  note(`  phases: ${result.phases.map((p) => `${p.phase} ${p.seconds.toFixed(1)} s`).join(', ')}`);
  note(
    `${result.users} demo users in ${result.teams} teams (no passwords yet; an admin can set them), e.g.:`,
  );
  for (const account of result.accounts)
    note(`  ${account.email.padEnd(36)} ${account.role.padEnd(16)} ${account.name}`);
}
