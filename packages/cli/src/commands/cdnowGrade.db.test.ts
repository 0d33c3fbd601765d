import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dayFromIso,
  fitClv,
  predictClv,
  summarisePurchases,
  validateModel,
  type ClvFit,
  type ClvPrediction,
  type GradeStats,
} from '@stratum/core';
import type { Database } from '@stratum/db';
import { importFile, SYSTEM_ACTOR } from '@stratum/server';
import { convertCdnow, type CdnowFiles } from '../../../../test/cdnow.js';
import { runStratum } from '../../../../test/stratumCli.js';
import { createTestDatabase } from '../../../../test/testDatabase.js';

/**
 * CDNOW end to end: import the master file, `stratum grade --as-of 1997-09-30` (the end of the classic
 * 39-week calibration period), `stratum export grades`, and check the exported p_alive and expected
 * purchases of every customer, and the run's BG/NBD parameters, against @stratum/core fitted directly on
 * the same orders. The grading
 * pipeline counts a purchase as a distinct day with positive spend (DESIGN §9), so the reference does too:
 * the customers whose only orders are $0 have no purchase and no p_alive.
 */
const AS_OF = '1997-09-30';
const TOLERANCE = 1e-3;

interface CliOutcome {
  runId: number;
  customers: number;
  published: boolean;
  stats: GradeStats;
}

let database: Database;
let dir: string;
let cdnow: CdnowFiles;

const stratum = (args: string[]) => runStratum(database.url, args);

/** The imported orders as core transactions; customer index = position of the external id in `ids`. */
async function referenceInput(ids: string[]) {
  const index = new Map(ids.map((id, i) => [id, i]));
  const lines = (await fs.readFile(cdnow.ordersCsv, 'utf8')).split('\n').slice(1).filter(Boolean);
  const customer = new Float64Array(lines.length);
  const day = new Float64Array(lines.length);
  const amount = new Float64Array(lines.length);
  lines.forEach((line, row) => {
    const [, customerId = '', orderedAt = '', value = ''] = line.split(',');
    customer[row] = index.get(customerId) ?? Number.NaN;
    day[row] = dayFromIso(orderedAt);
    amount[row] = Number(value);
  });
  return summarisePurchases({ customer, day, amount }, ids.length, dayFromIso(AS_OF));
}

function relative(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
}

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'stratum-cdnow-grade-'));
  cdnow = await convertCdnow(dir);
  const config = { orgTimezone: 'UTC' };
  for (const [entity, filePath] of [
    ['customers', cdnow.customersCsv],
    ['orders', cdnow.ordersCsv],
  ] as const) {
    const imported = await importFile(database, config, SYSTEM_ACTOR, { entity, filePath });
    expect(imported).toMatchObject({ status: 'succeeded', rejected: 0 });
  }
});
afterAll(async () => {
  await database?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('stratum grade on CDNOW as of 1997-09-30', () => {
  let outcome: CliOutcome;
  let fit: ClvFit;
  let reference: ClvPrediction;
  let ids: string[];
  let withoutPurchase: number;
  let clvHorizonDays: number;

  beforeAll(async () => {
    const graded = await stratum(['grade', '--as-of', AS_OF, '--json']);
    expect(graded.stderr).not.toMatch(/stratum:/);
    expect(graded.code).toBe(0);
    const outcomes = JSON.parse(graded.stdout) as CliOutcome[];
    expect(outcomes).toHaveLength(1);
    outcome = outcomes[0]!;

    // The model the run used decides the CLV settings (time unit, horizon of expected purchases).
    const { rows: models } = await database.pool.query<{ document: unknown }>(
      'SELECT m.document FROM grading_runs r JOIN grading_models m ON m.id = r.model_id WHERE r.id = $1',
      [outcome.runId],
    );
    const checked = validateModel(models[0]?.document);
    if (!checked.ok) throw new Error('the run’s model does not validate');
    const clvConfig = checked.model.clv;
    clvHorizonDays = clvConfig.expectedHorizonDays;

    const { rows } = await database.pool.query<{ external_id: string }>(
      'SELECT external_id FROM customers ORDER BY external_id',
    );
    ids = rows.map((row) => row.external_id);
    const input = await referenceInput(ids);
    withoutPurchase = input.x.filter(Number.isNaN).length;
    fit = fitClv(input, clvConfig);
    reference = predictClv(fit, input, clvConfig);
  });

  it('grades and publishes every CDNOW customer', () => {
    expect(outcome).toMatchObject({ customers: cdnow.customers, published: true });
    expect(outcome.stats.customers).toBe(23_570);
  });

  it('reports the BG/NBD fit in the run statistics, equal to the core fit on the same orders', async () => {
    const { rows } = await database.pool.query<{ stats: GradeStats }>(
      'SELECT stats FROM grading_runs WHERE id = $1',
      [outcome.runId],
    );
    const stored = rows[0]!.stats.clv;
    expect(stored).toEqual(outcome.stats.clv);
    expect(stored).toMatchObject({
      status: 'ok',
      reasons: [],
      timeUnitDays: 7,
      customersUsed: cdnow.customers - withoutPurchase,
      repeatCustomers: fit.diagnostics.repeatCustomers,
    });
    expect(fit.bgnbd).not.toBeNull();
    for (const k of ['r', 'alpha', 'a', 'b'] as const)
      expect(relative(stored.bgnbd?.[k] ?? Number.NaN, fit.bgnbd?.[k] ?? Number.NaN)).toBeLessThan(1e-9);
    expect(
      relative(stored.bgnbd?.logLikelihood ?? Number.NaN, fit.diagnostics.bgnbd?.logLikelihood ?? Number.NaN),
    ).toBeLessThan(1e-9);
  });

  it('exports p_alive and expected purchases within 0.1 % of the core, and none for $0-only customers', async () => {
    const file = path.join(dir, 'grades.csv');
    const exported = await stratum(['export', 'grades', '--run', String(outcome.runId), '--out', file]);
    expect(exported.stderr).not.toMatch(/stratum:/);
    expect(exported.code).toBe(0);
    const table: string[][] = parse(await fs.readFile(file, 'utf8'), { bom: true });
    const [header = [], ...rows] = table;
    const column = (name: string) => {
      const at = header.indexOf(name);
      expect(at, name).toBeGreaterThanOrEqual(0);
      return at;
    };
    const [idAt, pAliveAt, expectedAt] = ['external_id', 'p_alive', 'expected_purchases_90d'].map(column);
    // The grading model's horizon of expected purchases is what the export's column name promises.
    expect(clvHorizonDays).toBe(90);
    expect(rows).toHaveLength(ids.length);
    const at = new Map(ids.map((id, i) => [id, i]));
    let compared = 0;
    let missing = 0;
    const worst = { pAlive: 0, expectedPurchases: 0 };
    for (const row of rows) {
      const id = row[idAt!]!;
      const i = at.get(id)!;
      const pAlive = reference.pAlive[i]!;
      const expected = reference.expectedPurchases[i]!;
      if (Number.isNaN(pAlive)) {
        expect({ id, p: row[pAliveAt!], e: row[expectedAt!] }).toEqual({ id, p: '', e: '' });
        missing++;
        continue;
      }
      worst.pAlive = Math.max(worst.pAlive, relative(Number(row[pAliveAt!] || Number.NaN), pAlive));
      worst.expectedPurchases = Math.max(
        worst.expectedPurchases,
        relative(Number(row[expectedAt!] || Number.NaN), expected),
      );
      compared++;
    }
    expect(missing).toBe(withoutPurchase);
    expect(missing).toBeGreaterThan(0); // the $0-only customers (DESIGN §9: no purchase)
    expect(compared).toBe(ids.length - withoutPurchase);
    expect(worst.pAlive).toBeLessThan(TOLERANCE);
    expect(worst.expectedPurchases).toBeLessThan(TOLERANCE);
  });
});
