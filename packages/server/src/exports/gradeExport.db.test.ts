import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { createTestApp, type TestApp } from '../app/testApp.js';
import { authFeature } from '../auth/authRoutes.js';
import { loadDemo } from '../demo/loadDemo.js';
import { gradeInProcess } from '../grading/executeRun.js';
import { importFile } from '../imports/importService.js';
import { exportsFeature } from './exportRoutes.js';
import { exportGradesToFile } from './gradeExport.js';

/** Demo data plus a few hand-made customers whose names and figures a spreadsheet would misread. */
let t: TestApp;
let dir: string;
let current = 0;
let dry = 0;

const COLUMNS =
  'external_id,name,tier,score,abc_class,rfm_r,rfm_f,rfm_m,rfm_segment,lifecycle_stage,p_alive,' +
  'expected_purchases_90d,clv_historical,clv_predicted_12m,churn_risk,churn_level,churn_reasons,importance,' +
  'demand,contribution,growth_potential,industry_position,portfolio_quadrant,model_version,as_of,model_key,run_id';
const HYPERLINK = '=HYPERLINK("http://evil.example","点我")';

interface Stored {
  external_id: string;
  tier: string;
  score: number;
  clv_historical_cents: string | null;
  churn_flags: number;
  owner_id: string | null;
}

async function stored(runId: number): Promise<Map<string, Stored>> {
  const { rows } = await t.database.pool.query<Stored>(
    `SELECT c.external_id, m.document->'tiers'->(g.tier::int)->>'key' AS tier, g.score,
            g.clv_historical_cents::text AS clv_historical_cents, g.churn_flags, c.owner_id
     FROM grades g JOIN grading_runs r ON r.id = g.run_id JOIN grading_models m ON m.id = r.model_id
     JOIN customers c ON c.id = g.customer_id WHERE g.run_id = $1`,
    [runId],
  );
  return new Map(rows.map((row) => [row.external_id, row]));
}

async function run(dryRun: boolean): Promise<number> {
  const [outcome] = await gradeInProcess(
    { database: t.database, timezone: 'UTC' },
    { asOf: '2025-06-30', dryRun },
  );
  return outcome!.runId;
}

const records = (csv: string) => parse<Record<string, string>>(csv, { bom: true, columns: true });

beforeAll(async () => {
  t = await createTestApp({ features: [authFeature, exportsFeature] });
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'stratum-grade-export-'));
  await loadDemo(t.database, { customers: 120, seed: 5, endDate: '2025-06-30', years: 3 });
  const write = async (name: string, lines: string[]) => {
    const file = path.join(dir, name);
    await fs.writeFile(file, `${lines.join('\n')}\n`);
    return file;
  };
  const config = { orgTimezone: 'UTC' };
  await importFile(t.database, config, SYSTEM_ACTOR, {
    entity: 'customers',
    filePath: await write('c.csv', [
      'external_id,name,owner_email',
      `X-LINK,"${HYPERLINK.replace(/"/g, '""')}",${t.users.manager.email}`,
      `X-MINUS,-Minus Co,${t.users.manager.email}`,
      `X-OTHER,@Other Co,${t.users.otherManager.email}`,
    ]),
  });
  // X-MINUS bought once and returned more than it bought: a negative historical value.
  await importFile(t.database, config, SYSTEM_ACTOR, {
    entity: 'orders',
    filePath: await write('o.csv', [
      'external_id,customer_external_id,ordered_at,amount,margin',
      'XO-1,X-LINK,2025-03-01,1200.00,300',
      'XO-2,X-LINK,2025-05-01,800.00,200',
      'XO-3,X-MINUS,2025-02-01,100.00,20',
      'XO-4,X-MINUS,2025-04-01,-900.00,-180',
      'XO-5,X-OTHER,2025-04-01,500.00,100',
    ]),
  });
});
afterAll(async () => {
  await t?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('before any run is published', () => {
  it('answers 409 NO_CURRENT_GRADES for the current grades', async () => {
    const response = await t.request('admin', 'GET', '/api/v1/exports/grades');
    expect(response.statusCode).toBe(409);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('NO_CURRENT_GRADES');
  });
});

describe('grade export', () => {
  beforeAll(async () => {
    current = await run(false);
    dry = await run(true);
  });

  it('streams the current grades as CSV with the DESIGN §9 columns, formulas defused, numbers intact', async () => {
    const response = await t.request('analyst', 'GET', '/api/v1/exports/grades?run=latest&format=csv');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="grades-current-\d{8}\.csv"$/,
    );
    expect(response.body.startsWith(`\ufeff${COLUMNS}\n`)).toBe(true);
    const rows = records(response.body);
    const grades = await stored(current);
    expect(rows).toHaveLength(grades.size);
    for (const row of rows) {
      const grade = grades.get(row.external_id!)!;
      expect(row.tier).toBe(grade.tier);
      expect(Number(row.score)).toBeCloseTo(grade.score, 2);
      expect(row.run_id).toBe(String(current));
      expect(row.as_of).toBe('2025-06-30');
      expect(row.model_key).toBe('default');
      expect(row.churn_reasons === '').toBe(grade.churn_flags === 0);
    }
    const link = rows.find((r) => r.external_id === 'X-LINK')!;
    expect(link.name).toBe(`'${HYPERLINK}`);
    const minus = rows.find((r) => r.external_id === 'X-MINUS')!;
    expect(minus.name).toBe("'-Minus Co");
    expect(minus.clv_historical).toMatch(/^-\d+\.\d{2}$/);
    expect(minus.clv_historical).toBe((Number(grades.get('X-MINUS')!.clv_historical_cents) / 100).toFixed(2));
    expect(rows.find((r) => r.external_id === 'X-OTHER')!.name).toBe("'@Other Co");
    // No numeric cell carries the apostrophe.
    const numeric = ['score', 'p_alive', 'clv_historical', 'clv_predicted_12m', 'churn_risk', 'run_id'];
    expect(rows.every((r) => numeric.every((key) => !r[key]!.startsWith("'")))).toBe(true);
    const churning = rows.find((r) => r.churn_reasons !== '');
    expect(churning?.churn_reasons).toMatch(/[a-z]/);
  });

  it('writes Chinese headers and reasons, and a past or dry run by id', async () => {
    const response = await t.request('admin', 'GET', `/api/v1/exports/grades?run=${dry}&headers=zh`);
    expect(response.statusCode).toBe(200);
    expect(response.body.startsWith('\ufeff客户编号,客户名称,客户等级,得分,')).toBe(true);
    const rows: string[][] = parse(response.body, { bom: true, from_line: 2 });
    expect(rows.every((r) => r.at(-1) === String(dry))).toBe(true);
    const reasons = rows.map((r) => r[16]!).filter((text) => text !== '');
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.every((text) => /[\u4e00-\u9fff]/.test(text))).toBe(true);
  });

  it("exports only an account manager's own customers", async () => {
    const response = await t.request('manager', 'GET', '/api/v1/exports/grades');
    expect(
      records(response.body)
        .map((r) => r.external_id)
        .sort(),
    ).toEqual(['X-LINK', 'X-MINUS']);
  });

  it('writes XLSX with numbers as numbers and text formulas defused', async () => {
    const file = path.join(dir, 'grades.xlsx');
    const { rows } = await exportGradesToFile(
      t.database,
      SYSTEM_ACTOR,
      { run: current, format: 'xlsx' },
      file,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(rows + 1);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.join(',')).toBe(COLUMNS);
    const col = (key: string) => COLUMNS.split(',').indexOf(key) + 1;
    let seen = 0;
    sheet.eachRow((row, index) => {
      if (index === 1) return;
      row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula));
      expect(typeof row.getCell(col('score')).value).toBe('number');
      const id = row.getCell(col('external_id')).value;
      if (id === 'X-LINK') {
        expect(row.getCell(col('name')).value).toBe(`'${HYPERLINK}`);
        seen++;
      }
      if (id === 'X-MINUS') {
        expect(row.getCell(col('name')).value).toBe("'-Minus Co");
        const clv = row.getCell(col('clv_historical')).value;
        expect(typeof clv === 'number' && clv < 0).toBe(true);
        seen++;
      }
    });
    expect(seen).toBe(2);
  });

  it('answers 404 for an unknown run and 400 for a bad run or format', async () => {
    const unknown = await t.request('admin', 'GET', '/api/v1/exports/grades?run=999999');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ error: { code: string } }>().error.code).toBe('RUN_NOT_FOUND');
    expect((await t.request('admin', 'GET', '/api/v1/exports/grades?run=last')).statusCode).toBe(400);
    expect((await t.request('admin', 'GET', '/api/v1/exports/grades?format=pdf')).statusCode).toBe(400);
    expect((await t.request('anonymous', 'GET', '/api/v1/exports/grades')).statusCode).toBe(401);
  });

  it('leaves the entity exports as they were (grades is not an entity)', async () => {
    const orders = await t.request('manager', 'GET', '/api/v1/exports/orders');
    expect(orders.statusCode).toBe(200);
    expect(orders.body).toContain('XO-4,X-MINUS,2025-04-01,-900.00,-180.00');
  });
});
