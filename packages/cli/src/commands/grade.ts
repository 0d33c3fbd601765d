import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import {
  SYSTEM_ACTOR,
  executeRun,
  recoverInterruptedRuns,
  requestRuns,
  type RunOutcome,
  type RunPhase,
} from '@stratum/server';
import { CliError, note, printJson, withRuntime, type CommonOptions } from '../runtime.js';

interface GradeOptions extends CommonOptions {
  asOf?: string;
  model?: string;
  dryRun?: boolean;
}

export function registerGradeCommand(program: Command): void {
  program
    .command('grade')
    .description('grade every customer now (or as of a past date) with the published model(s)')
    .option(
      '--as-of <date>',
      'grade with what was known through the end of this day (YYYY-MM-DD, org timezone)',
    )
    .option('--model <id>', 'only this model (a draft needs --dry-run)')
    .option('--dry-run', 'compute and keep the run, but do not make it current')
    .option('--data-dir <dir>', 'embedded database directory (default ./data, or STRATUM_DATA_DIR)')
    .option('--json', 'print the runs as JSON on stdout')
    .action(async (options: GradeOptions) => {
      const modelId = options.model === undefined ? undefined : Number(options.model);
      if (modelId !== undefined && !Number.isSafeInteger(modelId)) {
        throw new CliError(`--model must be a model id (a number), not "${options.model}"`, 2);
      }
      await withRuntime(options, async ({ config, database }) => {
        for (const id of await recoverInterruptedRuns(database.pool)) {
          note(
            `Run ${id} had been interrupted; it is now marked failed (the published grades were not touched).`,
          );
        }
        const runs = await requestRuns(database.db, SYSTEM_ACTOR, config.orgTimezone, {
          modelId,
          asOf: options.asOf,
          dryRun: options.dryRun,
        });
        const outcomes: RunOutcome[] = [];
        for (const run of runs) {
          const bar = progressBar(run.id);
          try {
            outcomes.push(
              await executeRun({ database, timezone: config.orgTimezone, onProgress: bar.update }, run.id),
            );
          } finally {
            bar.stop();
          }
        }
        if (options.json) {
          printJson(
            outcomes.map(({ result: _result, ...outcome }) => ({ ...outcome, stats: _result.stats })),
          );
        } else {
          for (const outcome of outcomes) printOutcome(outcome);
        }
      });
    });
}

function progressBar(runId: number): {
  update: (phase: RunPhase, progress: number) => void;
  stop: () => void;
} {
  if (!process.stderr.isTTY) {
    let lastPhase = '';
    return {
      update(phase) {
        if (phase !== lastPhase) note(`run ${runId}: ${phase} …`);
        lastPhase = phase;
      },
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: `run ${runId} {phase} |{bar}| {percentage}%`, hideCursor: true, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  bar.start(100, 0, { phase: 'refresh'.padEnd(8) });
  return {
    update: (phase, progress) => bar.update(Math.round(progress * 100), { phase: phase.padEnd(8) }),
    stop: () => bar.stop(),
  };
}

function printOutcome(outcome: RunOutcome): void {
  const { stats } = outcome.result;
  const out = (line = '') => process.stdout.write(`${line}\n`);
  const n = (value: number) => value.toLocaleString('en-US');
  out(
    `Run ${outcome.runId}: ${n(outcome.customers)} customers graded in ${outcome.seconds.total.toFixed(1)} s` +
      (outcome.published ? ', published.' : ' (dry run, not published).'),
  );
  for (const tier of stats.tiers) {
    out(
      `  ${tier.key.padEnd(4)} ${n(tier.customers).padStart(10)} customers  ${(tier.revenueShare * 100).toFixed(1).padStart(5)} % of revenue`,
    );
  }
  const c = outcome.changes;
  out(
    `  changes: ${n(c.tierChanges)} (${n(c.promoted)} up, ${n(c.demoted)} down); new high churn warnings: ${n(c.newHighChurn.ids.length)}`,
  );
  const clv = stats.clv;
  out(
    `  CLV model: ${clv.status}` +
      (clv.bgnbd
        ? ` (BG/NBD r=${clv.bgnbd.r.toFixed(3)} α=${clv.bgnbd.alpha.toFixed(3)} a=${clv.bgnbd.a.toFixed(3)} b=${clv.bgnbd.b.toFixed(3)})`
        : '') +
      (clv.reasons.length ? ` — ${clv.reasons.join(', ')}` : ''),
  );
}
