/**
 * `npm run bench import [--rows 1000000,20000000] [--targets embedded,server] [--customers N]`
 *
 * The orders CSV import rate (rows/s) into the embedded PostgreSQL and the server at
 * postgres://postgres@127.0.0.1:5432 (a fresh database, dropped after), beside `psql \copy` of the same
 * file into the same table as the reference. Per target and size: a fresh orders table with its indexes,
 * customers 1…N preloaded (so psql can load the file's customer column straight into customer_id), then
 * psql \copy, TRUNCATE, then `stratum import` (validation, staging COPY, checks, upsert, audit) — each
 * after a CHECKPOINT. Also prints where the import spent its time (reading+staging / checks / upsert).
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { openDatabase, startEmbeddedServer, type Database } from '@stratum/db';
// The modules themselves, not the package index: the bench needs nothing else of the server.
import { SYSTEM_ACTOR } from '../../packages/server/src/access/actor.js';
import type { ImportPhase } from '../../packages/server/src/imports/importJobStore.js';
import { importFile } from '../../packages/server/src/imports/importService.js';
import { writeOrdersCsv } from '../../test/ordersCsv.js';
import { measure, printTable, type Row } from '../lib/report.js';

const run = promisify(execFile);
const SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

interface Target {
  readonly name: 'embedded' | 'server';
  readonly url: string;
  close(): Promise<void>;
}

export default async function importBench(args: string[]): Promise<void> {
  const option = (name: string) => {
    const index = args.indexOf(`--${name}`);
    return index === -1 ? undefined : args[index + 1];
  };
  const sizes = (option('rows') ?? '1000000,20000000').split(',').map(Number);
  const targetNames = (option('targets') ?? 'embedded,server').split(',');
  const customersOption = option('customers');
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'stratum-bench-import-'));
  // The embedded server runs as the OS user postgres (when we are root): it must reach its data dir.
  await fs.chmod(work, 0o755);
  const rows: Row[] = [];
  try {
    for (const size of sizes) {
      if (!Number.isInteger(size) || size <= 0)
        throw new Error(`--rows takes positive integers, not ${size}`);
      const customers = customersOption
        ? Number(customersOption)
        : Math.max(1000, Math.min(1_000_000, Math.round(size / 20)));
      const file = path.join(work, `orders-${size}.csv`);
      console.error(
        `bench import: writing ${size.toLocaleString('en-US')} orders for ${customers.toLocaleString('en-US')} customers …`,
      );
      await writeOrdersCsv(file, { rows: size, customers });
      const megabytes = (await fs.stat(file)).size / 2 ** 20;
      for (const name of targetNames) {
        const target = name === 'embedded' ? await embeddedTarget(work) : await serverTarget();
        try {
          rows.push(await benchOne(target, file, size, customers, megabytes));
        } finally {
          await target.close();
        }
      }
      await fs.rm(file, { force: true });
    }
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
  printTable('import: orders CSV into PostgreSQL, stratum import vs psql \\copy of the same file', rows);
}

async function benchOne(
  target: Target,
  file: string,
  size: number,
  customers: number,
  megabytes: number,
): Promise<Row> {
  const database = await openDatabase({ url: target.url });
  try {
    await loadCustomers(database, customers);
    console.error(`bench import: ${target.name} ${size.toLocaleString('en-US')} rows: psql \\copy …`);
    await database.pool.query('TRUNCATE orders');
    await database.pool.query('CHECKPOINT');
    const copy = await measure(() =>
      run('psql', [
        target.url,
        '-v',
        'ON_ERROR_STOP=1',
        '-c',
        `\\copy orders (external_id, customer_id, ordered_at, amount, margin, currency, category, channel) FROM '${file}' WITH (FORMAT csv, HEADER true)`,
      ]),
    );
    await database.pool.query('TRUNCATE orders');
    await database.pool.query('CHECKPOINT');

    console.error(`bench import: ${target.name} ${size.toLocaleString('en-US')} rows: stratum import …`);
    const phases = new Map<ImportPhase, number>();
    const started = performance.now();
    const imported = await measure(() =>
      importFile(
        database,
        { orgTimezone: 'UTC' },
        SYSTEM_ACTOR,
        { entity: 'orders', filePath: file },
        (progress) => {
          if (!phases.has(progress.phase)) phases.set(progress.phase, performance.now());
        },
      ),
    );
    if (imported.value.status !== 'succeeded' || imported.value.inserted !== size) {
      throw new Error(`the import did not load every row: ${JSON.stringify(imported.value)}`);
    }
    const at = (phase: ImportPhase) => ((phases.get(phase) ?? started) - started) / 1000;
    return {
      target: target.name,
      rows: size,
      MB: Math.round(megabytes),
      'psql \\copy s': copy.seconds,
      'psql rows/s': Math.round(size / copy.seconds),
      'stratum s': imported.seconds,
      'stratum rows/s': Math.round(size / imported.seconds),
      'ratio (≥ 0.5)': Number((copy.seconds / imported.seconds).toFixed(2)),
      'read+stage s': at('checking'),
      'checks s': at('writing') - at('checking'),
      'upsert s': imported.seconds - at('writing'),
      'peak RSS MB': Math.round(imported.peakRssMb),
    };
  } finally {
    await database.close();
  }
}

/** Customers 1…n with external ids "1"…"n" equal to their ids (what lets psql load customer_id from the file). */
async function loadCustomers(database: Database, count: number): Promise<void> {
  await database.pool.query('TRUNCATE customers, orders, audit_log, import_jobs CASCADE');
  await database.pool.query(
    `INSERT INTO customers (id, external_id, name) SELECT i, i::text, 'Customer ' || i FROM generate_series(1, $1::int) i`,
    [count],
  );
  await database.pool.query(`SELECT setval(pg_get_serial_sequence('customers', 'id'), $1::int)`, [count]);
  await database.pool.query('ANALYZE customers');
}

async function embeddedTarget(work: string): Promise<Target> {
  const dataDir = path.join(work, 'embedded');
  const server = await startEmbeddedServer({ dataDir });
  return {
    name: 'embedded',
    url: server.url,
    async close() {
      await server.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function serverTarget(): Promise<Target> {
  const name = `stratum_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    name: 'server',
    url: url.toString(),
    async close() {
      const client = new pg.Client({ connectionString: SERVER_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
