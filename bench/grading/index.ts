// `npm run bench grading [--customers 1000000] [--embedded-customers 100000] [--targets server,embedded]
//   [--seed S] [--keep] [--reuse]`
// Loads the demo book, then times full grading runs (the code path of `stratum grade`: refresh, extract,
// grade with the CLV fit, write, publish) against the bare per-customer aggregate over the same orders: a
// first run, then rounds of (query, run) alternating (see benchTarget). Prints the ratio of the medians
// (goal ≤ 1.0×), the first run's ratio, the median run's phase timings and the peak RSS of the runs.
// Server: database `stratum_bench_grading` on BENCH_SERVER_URL; embedded: a temporary data directory.
// Both are removed afterwards unless --keep; --reuse grades a kept database without loading it again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '@stratum/db';
import {
  SYSTEM_ACTOR,
  executeRun,
  loadDemo,
  recoverInterruptedRuns,
  requestRuns,
  type RunOutcome,
  type RunPhase,
} from '@stratum/server';
import { measure, printTable, type Row } from '../lib/report.js';

const SERVER = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SERVER_DATABASE = 'stratum_bench_grading';
const EMBEDDED_DIR = path.join(os.tmpdir(), 'stratum-bench-grading-embedded');
const END_DATE = '2025-06-30';
const TIME_ZONE = 'Asia/Shanghai';
/** Disk a load needs, roughly (see bench/demo): 1M customers ≈ 20M orders ≈ 7 GB with indexes, plus WAL. */
const BYTES_PER_CUSTOMER = 14_000;
const BARE_QUERY =
  'SELECT customer_id, sum(amount), count(*), max(ordered_at) FROM orders GROUP BY customer_id';
const ROUNDS = 3;
const PHASES: RunPhase[] = ['refresh', 'extract', 'grade', 'write', 'publish'];

type Target = 'server' | 'embedded';

interface Options {
  keep: boolean;
  reuse: boolean;
  seed: number;
}

export default async function run(args: string[]): Promise<void> {
  const serverCustomers = Number(option(args, '--customers') ?? 1_000_000);
  const embeddedCustomers = Number(option(args, '--embedded-customers') ?? 100_000);
  const targets = (option(args, '--targets') ?? 'server,embedded')
    .split(',')
    .map((t) => t.trim()) as Target[];
  const options: Options = {
    keep: args.includes('--keep'),
    reuse: args.includes('--reuse'),
    seed: Number(option(args, '--seed') ?? 1),
  };
  for (const n of [serverCustomers, embeddedCustomers]) {
    if (!Number.isSafeInteger(n) || n < 1)
      throw new Error(`customers must be a positive whole number, not ${n}`);
  }
  const rows: Row[] = [];
  for (const target of targets) {
    if (target !== 'server' && target !== 'embedded') throw new Error(`unknown target "${String(target)}"`);
    const customers = target === 'server' ? serverCustomers : embeddedCustomers;
    rows.push(await benchTarget(target, customers, options));
  }
  printTable('grading run vs bare aggregate (demo data, full run incl. CLV fit)', rows);
}

async function benchTarget(target: Target, customers: number, options: Options): Promise<Row> {
  const { database, dispose } = await openTarget(target, customers, options);
  try {
    const existing = await count(database, 'customers');
    let loadSeconds = Number.NaN;
    let rollupSeconds = Number.NaN;
    if (!(options.reuse && existing > 0)) {
      if (existing > 0)
        throw new Error(`${target} database already holds ${existing} customers; use --reuse`);
      log(`${target}: loading the demo book of ${customers.toLocaleString('en-US')} customers …`);
      const loaded = await loadDemo(database, {
        customers,
        seed: options.seed,
        endDate: END_DATE,
        timeZone: TIME_ZONE,
        onProgress: demoProgress(target),
      });
      loadSeconds = loaded.seconds;
      rollupSeconds = loaded.phases.find((p) => p.phase === 'rollup')?.seconds ?? Number.NaN;
    } else {
      log(`${target}: reusing the kept database (${existing.toLocaleString('en-US')} customers)`);
    }
    const orders = await count(database, 'orders');

    log(`${target}: grading as of ${END_DATE} …`);
    // RSS is per process: a target graded after another starts from the heap that one left behind.
    const rssBefore = process.memoryUsage.rss() / 2 ** 20;
    // The first run pays for V8 compiling the grading code (as the first run after a server starts, or a
    // one-shot `stratum grade`, does). Then ROUNDS of (bare query, run), alternating so that a machine
    // getting busier or quieter weighs on both alike; the goal is judged on the medians.
    const first = await measure(async () => summarise(await gradeLikeCli(database, target)));
    log(`${target}: bare aggregate and run, ${ROUNDS} rounds …`);
    const queries: number[] = [];
    const runs: Array<{ seconds: number; peakRssMb: number; value: RunSummary }> = [];
    for (let r = 0; r < ROUNDS; r++) {
      queries.push((await measure(() => database.pool.query(BARE_QUERY))).seconds);
      // Only the summary is kept: three runs' grade results alive at once would inflate the peak RSS.
      runs.push(await measure(async () => summarise(await gradeLikeCli(database, target))));
    }
    const graded = median(runs, (r) => r.seconds);
    const outcome = graded.value;
    const query = median(queries, (q) => q);
    const bgnbd = outcome.clv.bgnbd;
    const phase = (name: RunPhase) => round(outcome.seconds[name] ?? Number.NaN);
    return {
      database: target,
      customers: await count(database, 'customers'),
      orders,
      'demo load s': round(loadSeconds),
      'demo rollup s': round(rollupSeconds),
      ...Object.fromEntries(PHASES.map((name) => [`${name} s`, phase(name)])),
      'run s (median)': round(graded.seconds),
      'runs s': runs.map((r) => round(r.seconds)).join(' '),
      'first run s': round(first.seconds),
      'query s (median)': round(query),
      'queries s': queries.map(round).join(' '),
      'run / query': Math.round((graded.seconds / query) * 100) / 100,
      'first run / query': Math.round((first.seconds / query) * 100) / 100,
      'RSS before MiB': Math.round(rssBefore),
      'run peak RSS MiB': Math.round(Math.max(first.peakRssMb, ...runs.map((r) => r.peakRssMb))),
      graded: outcome.customers,
      clv: outcome.clv.status + (bgnbd ? ` r=${bgnbd.r.toFixed(3)} α=${bgnbd.alpha.toFixed(2)}` : ''),
    };
  } finally {
    await dispose();
  }
}

/** What `stratum grade --as-of` does (packages/cli/src/commands/grade.ts), in this process. */
async function gradeLikeCli(database: Database, target: Target): Promise<RunOutcome> {
  await recoverInterruptedRuns(database.pool);
  const runs = await requestRuns(database.db, SYSTEM_ACTOR, TIME_ZONE, { asOf: END_DATE });
  if (runs.length !== 1) throw new Error(`expected one published model, got ${runs.length} runs`);
  let lastPhase = '';
  return executeRun(
    {
      database,
      timezone: TIME_ZONE,
      onProgress: (phase) => {
        if (phase === lastPhase) return;
        log(
          `  ${target} run ${runs[0]!.id}: ${phase} (rss ${Math.round(process.memoryUsage.rss() / 2 ** 20)} MiB)`,
        );
        lastPhase = phase;
      },
    },
    runs[0]!.id,
  );
}

async function openTarget(
  target: Target,
  customers: number,
  options: Options,
): Promise<{ database: Database; dispose: () => Promise<void> }> {
  if (target === 'embedded') {
    if (!options.reuse) fs.rmSync(EMBEDDED_DIR, { recursive: true, force: true });
    if (!fs.existsSync(EMBEDDED_DIR)) checkDisk(customers);
    fs.mkdirSync(EMBEDDED_DIR, { recursive: true, mode: 0o755 });
    const database = await openDatabase({ dataDir: EMBEDDED_DIR });
    return {
      database,
      dispose: async () => {
        await database.close();
        if (!options.keep) fs.rmSync(EMBEDDED_DIR, { recursive: true, force: true });
      },
    };
  }
  const exists = await admin<{ n: number }>('SELECT count(*)::int AS n FROM pg_database WHERE datname = $1', [
    SERVER_DATABASE,
  ]);
  if (!options.reuse || exists[0]?.n === 0) {
    await admin(`DROP DATABASE IF EXISTS ${SERVER_DATABASE} WITH (FORCE)`);
    checkDisk(customers);
    await admin(`CREATE DATABASE ${SERVER_DATABASE}`);
  }
  const url = new URL(SERVER);
  url.pathname = `/${SERVER_DATABASE}`;
  const database = await openDatabase({ url: url.toString() });
  return {
    database,
    dispose: async () => {
      await database.close();
      if (!options.keep) await admin(`DROP DATABASE IF EXISTS ${SERVER_DATABASE} WITH (FORCE)`);
    },
  };
}

async function admin<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function count(database: Database, table: 'customers' | 'orders'): Promise<number> {
  const { rows } = await database.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(rows[0]?.n ?? 0);
}

function checkDisk(customers: number): void {
  const needed = customers * BYTES_PER_CUSTOMER;
  const stats = fs.statfsSync(os.tmpdir());
  const free = stats.bavail * stats.bsize;
  if (free < needed) {
    throw new Error(
      `${os.tmpdir()} has ${(free / 2 ** 30).toFixed(1)} GiB free; ${customers} customers need about ${(needed / 2 ** 30).toFixed(1)} GiB`,
    );
  }
}

function demoProgress(
  target: Target,
): (progress: { phase: string; customersDone: number; rows: number }) => void {
  let last = 0;
  let lastPhase = '';
  return (progress) => {
    const now = Date.now();
    if (progress.phase === lastPhase && now - last < 15_000) return;
    last = now;
    lastPhase = progress.phase;
    log(
      `  ${target} demo ${progress.phase}: ${progress.customersDone.toLocaleString('en-US')} customers, ` +
        `${progress.rows.toLocaleString('en-US')} rows`,
    );
  };
}

function log(message: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at >= 0) return args[at + 1];
  return args.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
}

function round(value: number): number | string {
  return Number.isFinite(value) ? Math.round(value * 100) / 100 : '–';
}

type RunSummary = Pick<RunOutcome, 'customers' | 'seconds'> & { clv: RunOutcome['result']['stats']['clv'] };

function summarise(outcome: RunOutcome): RunSummary {
  return { customers: outcome.customers, seconds: outcome.seconds, clv: outcome.result.stats.clv };
}

/** The middle element by `key` (the upper one of an even count). */
function median<T>(items: T[], key: (item: T) => number): T {
  return [...items].sort((a, b) => key(a) - key(b))[Math.floor(items.length / 2)]!;
}
