// `npm run bench demo [--customers 100000,1000000] [--targets embedded,server] [--indexes rebuild,partial,keep] [--seed S]`
// Loads the demo into a fresh embedded PostgreSQL (temporary data directory) and a fresh database on the
// server PostgreSQL, and prints customers, rows, seconds per phase, rows/s and peak RSS. Cleans up after.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '@stratum/db';
import { loadDemo, type DemoLoadResult, type IndexStrategy } from '@stratum/server';
import { printTable, type Row } from '../lib/report.js';

const SERVER = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Disk a load needs, roughly: 1M customers ≈ 20M orders ≈ 7 GB with indexes (and as much WAL again). */
const BYTES_PER_CUSTOMER = 14_000;

type Target = 'embedded' | 'server';
type Mode = IndexStrategy;

export default async function run(args: string[]): Promise<void> {
  const customers = list(option(args, '--customers') ?? '100000').map(Number);
  const targets = list(option(args, '--targets') ?? 'embedded,server') as Target[];
  const modes = list(option(args, '--indexes') ?? 'rebuild') as Mode[];
  const seed = Number(option(args, '--seed') ?? 1);
  const rows: Row[] = [];
  for (const n of customers) {
    checkDisk(n);
    for (const target of targets) {
      for (const mode of modes) {
        console.error(`demo bench: ${n.toLocaleString('en-US')} customers → ${target} (indexes: ${mode})`);
        const result = await withFreshDatabase(target, (database) =>
          loadDemo(database, {
            customers: n,
            seed,
            endDate: '2025-06-30',
            timeZone: 'Asia/Shanghai',
            indexes: mode,
            onProgress: progressLine,
          }),
        );
        process.stderr.write('\n');
        rows.push(describe(target, mode, result.value, result.sizeGb));
      }
    }
  }
  printTable('demo load (generate + COPY, all tables)', rows);
}

function describe(target: Target, mode: Mode, result: DemoLoadResult, sizeGb: number): Row {
  const total = Object.values(result.rows).reduce((sum, count) => sum + count, 0);
  const phase = (name: string) => result.phases.find((p) => p.phase === name)?.seconds ?? 0;
  return {
    database: target,
    indexes: mode,
    customers: result.rows.customers,
    orders: result.rows.orders,
    'all rows': total,
    'prepare s': round(phase('prepare')),
    'load s': round(phase('load')),
    'indexes s': round(phase('indexes')),
    'analyze s': round(phase('analyze')),
    'rollup s': round(phase('rollup')),
    'total s': round(result.seconds),
    'load rows/s': Math.round(total / Math.max(0.001, phase('load'))),
    'overall rows/s': Math.round(total / result.seconds),
    'peak RSS MiB': result.peakRssMb,
    'db GiB': round(sizeGb),
  };
}

async function withFreshDatabase<T>(
  target: Target,
  fn: (database: Database) => Promise<T>,
): Promise<{ value: T; sizeGb: number }> {
  const name = `stratum_bench_demo_${crypto.randomBytes(4).toString('hex')}`;
  const dataDir =
    target === 'embedded' ? fs.mkdtempSync(path.join(os.tmpdir(), 'stratum-bench-demo-')) : undefined;
  if (dataDir) fs.chmodSync(dataDir, 0o755);
  else await admin(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(SERVER);
    url.pathname = `/${name}`;
    const database = await openDatabase(dataDir ? { dataDir } : { url: url.toString() });
    try {
      const value = await fn(database);
      const { rows } = await database.pool.query<{ bytes: string }>(
        'SELECT pg_database_size(current_database()) AS bytes',
      );
      return { value, sizeGb: Number(rows[0]?.bytes ?? 0) / 2 ** 30 };
    } finally {
      await database.close();
    }
  } finally {
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    else await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function checkDisk(customers: number): void {
  const needed = customers * BYTES_PER_CUSTOMER;
  for (const dir of [os.tmpdir(), process.cwd()]) {
    const stats = fs.statfsSync(dir);
    const free = stats.bavail * stats.bsize;
    if (free < needed) {
      throw new Error(
        `${dir} has ${(free / 2 ** 30).toFixed(1)} GiB free; ${customers} customers need about ${(needed / 2 ** 30).toFixed(1)} GiB`,
      );
    }
  }
}

let lastLine = 0;
function progressLine(progress: {
  phase: string;
  customersDone: number;
  rows: number;
  rowsPerSecond: number;
  detail?: string;
}): void {
  const now = Date.now();
  if (now - lastLine < 5000 && progress.phase === 'load') return;
  lastLine = now;
  const detail =
    progress.phase === 'load'
      ? `${progress.customersDone.toLocaleString('en-US')} customers, ${progress.rows.toLocaleString('en-US')} rows, ${Math.round(progress.rowsPerSecond).toLocaleString('en-US')} rows/s, rss ${Math.round(process.memoryUsage.rss() / 2 ** 20)} MiB`
      : (progress.detail ?? '');
  process.stderr.write(`  ${progress.phase} ${detail}\n`);
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at >= 0) return args[at + 1];
  return args.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
