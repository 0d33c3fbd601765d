// `npm run bench whatif [--customers 100000] [--repeat 3] [--seed S] [--keep] [--reuse]`
// Loads the demo book into embedded PostgreSQL, publishes a grading run of the default model, creates a
// changed draft (lower S and A bars), then times the what-if preview of that draft (issue 4 item 7:
// evaluate on current data without writing: tier shares, revenue, migration matrix, movers). The first
// preview is cold (fresh process, JIT), the others warm. Goal: ≤ 5 s at 100k customers. Each row also
// shows where the time went, the bare per-customer order aggregate timed right after (a reference for how
// busy the machine is) and the load average.
// The data directory is removed afterwards unless --keep; --reuse previews a kept one without reloading.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_MODEL } from '@stratum/core';
import { openDatabase, type Database } from '@stratum/db';
import { SYSTEM_ACTOR, executeRun, loadDemo, requestRuns } from '@stratum/server';
import { createDraft } from '../../packages/server/src/models/modelDrafts.js';
import { previewWhatIf } from '../../packages/server/src/whatif/whatifService.js';
import { measure, printTable, type Row } from '../lib/report.js';

const DATA_DIR = path.join(os.tmpdir(), 'stratum-bench-whatif-embedded');
const END_DATE = '2025-06-30';
const TIME_ZONE = 'Asia/Shanghai';
const GOAL_SECONDS = 5;
/** Shows how busy the machine is: the per-customer aggregate bench/grading compares a run with. */
const BARE_QUERY =
  'SELECT customer_id, sum(amount), count(*), max(ordered_at) FROM orders GROUP BY customer_id';

export default async function run(args: string[]): Promise<void> {
  const customers = Number(option(args, '--customers') ?? 100_000);
  const repeat = Number(option(args, '--repeat') ?? 3);
  const seed = Number(option(args, '--seed') ?? 1);
  const keep = args.includes('--keep');
  const reuse = args.includes('--reuse');
  if (!Number.isSafeInteger(customers) || customers < 1) throw new Error(`bad --customers ${customers}`);
  if (!reuse) fs.rmSync(DATA_DIR, { recursive: true, force: true });
  fs.mkdirSync(DATA_DIR, { recursive: true, mode: 0o755 });
  const database = await openDatabase({ dataDir: DATA_DIR });
  try {
    const prepared = await prepare(database, customers, seed);
    const rows: Row[] = [];
    for (let k = 0; k < repeat; k++) {
      log(`preview ${k + 1}/${repeat} …`);
      const timed = await measure(() =>
        previewWhatIf(
          database,
          SYSTEM_ACTOR,
          TIME_ZONE,
          { modelId: prepared.draftId },
          { asOf: END_DATE, direction: 'all', limit: 50, offset: 0 },
        ),
      );
      const preview = timed.value;
      const reference = await measure(() => database.pool.query(BARE_QUERY));
      const matrixSum = preview.matrix.customers.flat().reduce((a, b) => a + b, 0);
      rows.push({
        database: 'embedded',
        customers: prepared.customers,
        orders: prepared.orders,
        preview: k === 0 ? 'cold' : 'warm',
        'what-if s': round(timed.seconds),
        'refresh s': round(preview.seconds.refresh),
        'extract s': round(preview.seconds.extract),
        'grade s': round(preview.seconds.grade),
        'compare s': round(preview.seconds.compare),
        'reference: bare aggregate s': round(reference.seconds),
        'load avg (1 min)': round(os.loadavg()[0]!),
        'matrix sum': matrixSum,
        promoted: preview.changes.promoted,
        demoted: preview.changes.demoted,
        unchanged: preview.changes.unchanged,
        'peak RSS MiB': Math.round(timed.peakRssMb),
        'published run s': round(prepared.runSeconds),
        'goal ≤ 5 s @100k': timed.seconds <= GOAL_SECONDS ? 'met' : 'not met',
      });
    }
    printTable('whatif preview of a changed draft (demo data, embedded PostgreSQL)', rows);
  } finally {
    await database.close();
    if (!keep) fs.rmSync(DATA_DIR, { recursive: true, force: true });
  }
}

/** The demo book, one published grading of the default model, and a changed draft of it. */
async function prepare(database: Database, customers: number, seed: number) {
  const existing = await count(database, 'customers');
  if (existing === 0) {
    log(`loading the demo book of ${customers.toLocaleString('en-US')} customers …`);
    await loadDemo(database, { customers, seed, endDate: END_DATE, timeZone: TIME_ZONE });
  }
  let runSeconds = Number.NaN;
  const current = await database.pool.query('SELECT 1 FROM grading_current');
  if (current.rows.length === 0) {
    log(`publishing a grading run as of ${END_DATE} …`);
    const [queued] = await requestRuns(database.db, SYSTEM_ACTOR, TIME_ZONE, { asOf: END_DATE });
    const outcome = await executeRun({ database, timezone: TIME_ZONE }, queued!.id);
    runSeconds = outcome.seconds.total;
  }
  const tiers = structuredClone(DEFAULT_MODEL.tiers);
  tiers[0] = { ...tiers[0]!, minScore: tiers[0]!.minScore - 10 };
  tiers[1] = { ...tiers[1]!, minScore: tiers[1]!.minScore - 10 };
  const { rows } = await database.pool.query<{ id: string }>(
    `SELECT id FROM grading_models WHERE key = 'default' AND status = 'published'`,
  );
  const draft = await createDraft(database.db, SYSTEM_ACTOR, {
    fromModelId: Number(rows[0]!.id),
    document: { ...structuredClone(DEFAULT_MODEL), name: 'bench: lower S and A bars', tiers },
  });
  return {
    draftId: draft.id,
    customers: await count(database, 'customers'),
    orders: await count(database, 'orders'),
    runSeconds,
  };
}

async function count(database: Database, table: 'customers' | 'orders'): Promise<number> {
  const { rows } = await database.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(rows[0]?.n ?? 0);
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at >= 0) return args[at + 1];
  return args.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
}

function log(message: string): void {
  process.stderr.write(`whatif bench: ${message}\n`);
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
