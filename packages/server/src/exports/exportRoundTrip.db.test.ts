import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { IMPORT_ENTITIES, type Database, type ImportEntity } from '@stratum/db';
import { createTestDatabase } from '../../../../test/testDatabase.js';
import { SYSTEM_ACTOR, type Actor } from '../access/actor.js';
import { importFile } from '../imports/importService.js';
import { exportToFile, type ExportFormat, type ExportHeaders } from './exportService.js';

/** Every entity, both formats, both header languages: an export re-imports with nothing changed. */
let database: Database;
let dir: string;
const config = { orgTimezone: 'Asia/Shanghai' };
const manager: Actor = {
  kind: 'user',
  userId: 'am1',
  role: 'account_manager',
  teamId: null,
  isTeamLead: false,
};

const SEED: Record<ImportEntity, string[]> = {
  customers: [
    'external_id,name,industry,region,employees,company_revenue,market_position,parent_external_id,owner_email,status,created_at,tags',
    'C1,"华东机械, 集团",制造,上海,12000,1200000000.00,leader,,am1@example.com,active,2019-03-05,重点;集团',
    'C2,=HYPERLINK("http://x"),零售,,0,,sme,C1,am2@example.com,churned,2021-07-01 09:30:15,',
    "C3,-Minus Co,,,,-5.50,,,,prospect,2022-01-01 00:00:00.123456,'quoted",
  ],
  orders: [
    'external_id,customer_external_id,ordered_at,amount,margin,currency,category,channel',
    'O1,C1,2024-03-05,1234.50,200,CNY,+plus,online',
    'O2,C1,2024-03-05 23:59:59,-80.00,-10,CNY,@at,',
    'O3,C2,2024-03-06 10:00,0,,USD,"tab\there",direct',
  ],
  contacts: [
    'external_id,customer_external_id,name,title,role,email,phone,reports_to_external_id,active',
    'K1,C1,王总,CEO,decision_maker,wang@example.com,+86 138 0000 0000,,true',
    'K2,C1,李工,Engineer,user,,,K1,false',
  ],
  interactions: [
    'customer_external_id,kind,occurred_at,user_email,contact_external_id,summary,outcome',
    'C1,visit,2024-03-05 10:00,am1@example.com,K1,"季度回访\n第二行",签约',
    'C2,call,2024-03-06,,,=1+1,',
  ],
  surveys: [
    'customer_external_id,kind,score,answered_at,contact_external_id,comment',
    'C1,nps,9,2024-03-01,K1,很好',
    'C2,csat,1,2024-03-02,,-bad',
  ],
  complaints: [
    'external_id,customer_external_id,opened_at,severity,category,status,resolved_at',
    'Q1,C1,2024-03-01,high,交付,resolved,2024-03-02 12:00',
    'Q2,C2,2024-03-03,,,,',
  ],
  referrals: [
    'referrer_external_id,referred_external_id,referred_name,referred_at',
    'C1,C2,,2024-03-01',
    'C1,NEW-1,新客户,2024-03-02',
  ],
};

async function seed(entity: ImportEntity): Promise<void> {
  const file = path.join(dir, `seed-${entity}.csv`);
  await fs.writeFile(file, `${SEED[entity].join('\n')}\n`);
  const result = await importFile(database, config, SYSTEM_ACTOR, { entity, filePath: file });
  if (result.status !== 'succeeded') throw new Error(`seed ${entity}: ${JSON.stringify(result.sample)}`);
}

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'stratum-export-'));
  await database.pool.query(
    `INSERT INTO users (id, name, email, role) VALUES ('am1', 'AM 1', 'am1@example.com', 'account_manager'),
       ('am2', 'AM 2', 'am2@example.com', 'account_manager')`,
  );
  for (const entity of IMPORT_ENTITIES) await seed(entity);
  // A record created in the app (random external id) must round-trip too.
  await database.pool.query(
    `INSERT INTO interactions (customer_id, external_id, kind, occurred_at, summary)
     SELECT id, 'INT-APP0000001', 'meeting', '2024-03-07T08:30:00Z', 'from the app' FROM customers WHERE external_id = 'C1'`,
  );
});
afterAll(async () => {
  await database?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

const VARIANTS: Array<[ExportFormat, ExportHeaders]> = [
  ['csv', 'en'],
  ['csv', 'zh'],
  ['xlsx', 'en'],
  ['xlsx', 'zh'],
];
const CASES = IMPORT_ENTITIES.flatMap((entity) =>
  VARIANTS.map(([format, headers]) => ({ entity, format, headers })),
);

describe('export', () => {
  it.each(CASES)(
    '$entity as $format with $headers headers re-imports unchanged',
    async ({ entity, format, headers }) => {
      const file = path.join(dir, `${entity}-${headers}.${format}`);
      const { rows } = await exportToFile(database, config, SYSTEM_ACTOR, { entity, format, headers }, file);
      const stored = await database.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${entity}`);
      expect(rows).toBe(Number(stored.rows[0]?.n));
      const again = await importFile(database, config, SYSTEM_ACTOR, { entity, filePath: file });
      expect({ ...again, id: 0 }).toMatchObject({
        status: 'succeeded',
        inserted: 0,
        updated: 0,
        unchanged: rows,
        rejected: 0,
        sample: [],
      });
    },
  );

  it('writes CSV in UTF-8 with a BOM, the import headers, and formulas defused but numbers untouched', async () => {
    const file = path.join(dir, 'check.csv');
    await exportToFile(
      database,
      config,
      SYSTEM_ACTOR,
      { entity: 'customers', format: 'csv', headers: 'zh' },
      file,
    );
    const text = await fs.readFile(file, 'utf8');
    expect(
      text.startsWith(
        '\ufeff客户编号,客户名称,行业,地区,员工数,企业营收,行业地位,上级客户编号,客户经理邮箱,状态,创建日期,标签\n',
      ),
    ).toBe(true);
    expect(text).toContain(
      `C2,"'=HYPERLINK(""http://x"")",零售,,0,,sme,C1,am2@example.com,churned,2021-07-01 09:30:15,`,
    );
    expect(text).toContain("C3,'-Minus Co,,,,-5.50,,,,prospect,2022-01-01 00:00:00.123456,'quoted");
    const orders = path.join(dir, 'orders-check.csv');
    await exportToFile(database, config, SYSTEM_ACTOR, { entity: 'orders', format: 'csv' }, orders);
    const lines = (await fs.readFile(orders, 'utf8')).split('\n');
    expect(lines).toContain("O2,C1,2024-03-05 23:59:59,-80.00,-10.00,CNY,'@at,");
  });

  it('defuses formulas in XLSX text cells too, and keeps negative numbers numeric', async () => {
    const file = path.join(dir, 'check.xlsx');
    await exportToFile(database, config, SYSTEM_ACTOR, { entity: 'customers', format: 'xlsx' }, file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const rows = new Map<unknown, ExcelJS.Row>();
    book.worksheets[0]!.eachRow((row) => rows.set(row.getCell(1).value, row));
    expect(rows.get('C2')?.getCell(2).value).toBe('\'=HYPERLINK("http://x")');
    expect(rows.get('C3')?.getCell(2).value).toBe("'-Minus Co");
    expect(rows.get('C3')?.getCell(6).value).toBe(-5.5);
  });

  it("exports only the account manager's own customers and what belongs to them", async () => {
    const customers = path.join(dir, 'mine.csv');
    expect(
      (await exportToFile(database, config, manager, { entity: 'customers', format: 'csv' }, customers)).rows,
    ).toBe(1);
    expect(await fs.readFile(customers, 'utf8')).toContain('\nC1,');
    const orders = path.join(dir, 'mine-orders.xlsx');
    expect(
      (await exportToFile(database, config, manager, { entity: 'orders', format: 'xlsx' }, orders)).rows,
    ).toBe(2);
  });
});
