import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, ImportEntity } from '@stratum/db';
import { createTestDatabase } from '../../../../test/testDatabase.js';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { importFile, type ImportRequest } from './importService.js';
import type { ImportIssue } from './issues.js';

/**
 * The bad-file corpus (test/fixtures/imports, plus big files generated here): each file gives its
 * documented outcome, and a rejected file leaves every table exactly as it was.
 */
const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../test/fixtures/imports',
);
const config = { orgTimezone: 'Asia/Shanghai' };

let database: Database;
let tmp: string;

interface Case {
  readonly name: string;
  readonly entity: ImportEntity;
  /** A fixture's name, or a function writing a file into the temp dir and returning its path. */
  readonly file: string | ((dir: string) => Promise<string>);
  readonly request?: Partial<ImportRequest>;
  readonly status: 'succeeded' | 'rejected';
  readonly counts?: {
    inserted?: number;
    updated?: number;
    unchanged?: number;
    rejected?: number;
    rowsRead?: number;
  };
  /** The report, exactly (line, column, value, code), in order. */
  readonly issues?: ReadonlyArray<Pick<ImportIssue, 'line' | 'column' | 'value' | 'code'>>;
  readonly message?: string;
  readonly encoding?: string;
  readonly warnings?: readonly string[];
  /** A query whose rows must equal `rows` afterwards. */
  readonly check?: { readonly query: string; readonly rows: unknown[] };
}

const CASES: Case[] = [
  {
    name: 'GBK with Chinese headers, thousands separators, a currency sign, Chinese enums and dates: accepted',
    entity: 'customers',
    file: 'customers_zh_gbk.csv',
    status: 'succeeded',
    encoding: 'gb18030',
    counts: { inserted: 3, rejected: 0 },
    check: {
      query: `SELECT external_id, name, employees, company_revenue, market_position, status, tags,
          to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS created,
          (SELECT p.external_id FROM customers p WHERE p.id = c.parent_id) AS parent
        FROM customers c ORDER BY external_id`,
      rows: [
        {
          external_id: 'G001',
          name: '华东机械集团',
          employees: 12000,
          company_revenue: '1200000000.00',
          market_position: 'leader',
          status: 'active',
          tags: ['重点', '集团'],
          created: '2019-03-05 00:00',
          parent: null,
        },
        {
          external_id: 'G002',
          name: '杭州精密零件有限公司',
          employees: 350,
          company_revenue: '8800000.00',
          market_position: 'sme',
          status: 'active',
          tags: ['供应商', '长期'],
          created: '2021-07-01 00:00',
          parent: 'G001',
        },
        {
          external_id: 'G003',
          name: '苏州云图软件',
          employees: 1200,
          company_revenue: null,
          market_position: 'major',
          status: 'prospect',
          tags: [],
          created: '2023-01-15 00:00',
          parent: 'G001',
        },
      ],
    },
  },
  {
    name: 'the same GBK file again: nothing changes',
    entity: 'customers',
    file: 'customers_zh_gbk.csv',
    status: 'succeeded',
    counts: { inserted: 0, updated: 0, unchanged: 3 },
  },
  {
    name: 'GBK cut inside a character',
    entity: 'customers',
    file: 'customers_gbk_truncated.csv',
    status: 'rejected',
    issues: [{ line: 5, column: null, value: null, code: 'INVALID_ENCODING' }],
  },
  {
    name: 'GBK read as UTF-8 when told so',
    entity: 'customers',
    file: 'customers_zh_gbk.csv',
    request: { encoding: 'utf8' },
    status: 'rejected',
    issues: [{ line: 1, column: null, value: null, code: 'INVALID_ENCODING' }],
  },
  {
    name: 'missing required column, named in the language of the headers',
    entity: 'orders',
    file: 'orders_missing_amount_zh.csv',
    status: 'rejected',
    issues: [{ line: 1, column: '金额', value: null, code: 'MISSING_COLUMN' }],
    message: '缺少必填列：金额 (amount)',
  },
  {
    name: 'bad dates',
    entity: 'orders',
    file: 'orders_bad_dates.csv',
    status: 'rejected',
    counts: { rejected: 3, rowsRead: 4 },
    issues: [
      { line: 2, column: 'ordered_at', value: '2023-02-30', code: 'IMPOSSIBLE_DATE' },
      { line: 3, column: 'ordered_at', value: 'yesterday', code: 'INVALID_DATE' },
      { line: 5, column: 'ordered_at', value: '2024年2月30日', code: 'IMPOSSIBLE_DATE' },
    ],
  },
  {
    name: 'amounts with thousands separators and currency signs: accepted and normalised',
    entity: 'orders',
    file: 'orders_amounts.csv',
    status: 'succeeded',
    counts: { inserted: 8 },
    check: {
      query: `SELECT external_id, amount, currency FROM orders WHERE external_id LIKE 'A%' ORDER BY external_id`,
      rows: [
        { external_id: 'A1', amount: '1234.50', currency: 'CNY' },
        { external_id: 'A2', amount: '99.00', currency: 'CNY' },
        { external_id: 'A3', amount: '1000.50', currency: 'CNY' },
        { external_id: 'A4', amount: '12.00', currency: 'CNY' },
        { external_id: 'A5', amount: '12.00', currency: 'USD' },
        { external_id: 'A6', amount: '-15.00', currency: 'CNY' },
        { external_id: 'A7', amount: '-0.50', currency: 'CNY' },
        { external_id: 'A8', amount: '1234.00', currency: 'CNY' },
      ],
    },
  },
  {
    name: 'amounts that cannot be read unambiguously',
    entity: 'orders',
    file: 'orders_amounts_bad.csv',
    status: 'rejected',
    issues: [
      { line: 2, column: 'amount', value: '1,23.4', code: 'INVALID_AMOUNT' },
      { line: 3, column: 'amount', value: '12.345', code: 'TOO_MANY_DECIMALS' },
      { line: 4, column: 'amount', value: '$5', code: 'CURRENCY_MISMATCH' },
      { line: 5, column: 'amount', value: '1.2E+5', code: 'INVALID_AMOUNT' },
      { line: 6, column: 'amount', value: '1.234,50', code: 'INVALID_AMOUNT' },
    ],
  },
  {
    name: 'negative employees',
    entity: 'customers',
    file: 'customers_negative_employees.csv',
    status: 'rejected',
    issues: [{ line: 2, column: 'employees', value: '-5', code: 'OUT_OF_RANGE' }],
  },
  {
    name: 'duplicate ids: both lines reported',
    entity: 'orders',
    file: 'orders_duplicate_ids.csv',
    status: 'rejected',
    issues: [
      { line: 2, column: 'external_id', value: 'D1', code: 'DUPLICATE_ID' },
      { line: 4, column: 'external_id', value: 'D1', code: 'DUPLICATE_ID' },
    ],
    message: 'line 4',
  },
  {
    name: 'unknown customer',
    entity: 'orders',
    file: 'orders_unknown_customer.csv',
    status: 'rejected',
    issues: [{ line: 3, column: 'customer_external_id', value: 'NOPE', code: 'UNKNOWN_CUSTOMER' }],
  },
  {
    name: 'empty file',
    entity: 'orders',
    file: 'empty.csv',
    status: 'rejected',
    issues: [{ line: 1, column: null, value: null, code: 'EMPTY_FILE' }],
  },
  {
    name: 'header only: accepted, nothing to do',
    entity: 'orders',
    file: 'orders_header_only.csv',
    status: 'succeeded',
    counts: { rowsRead: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 },
  },
  {
    name: 'a 50 MB line stops at its line without buffering the file',
    entity: 'orders',
    file: async (dir) => {
      const file = path.join(dir, 'orders_50mb_line.csv');
      const handle = await fs.open(file, 'w');
      await handle.write(
        'external_id,customer_external_id,ordered_at,amount,category\nL1,G001,2024-03-05,10,ok\nL2,G001,2024-03-05,10,',
      );
      const block = Buffer.alloc(1024 * 1024, 'x');
      for (let i = 0; i < 50; i++) await handle.write(block);
      await handle.write('\nL3,G001,2024-03-05,10,ok\n');
      await handle.close();
      return file;
    },
    status: 'rejected',
    issues: [{ line: 3, column: null, value: null, code: 'RECORD_TOO_LONG' }],
  },
  {
    name: 'a bad UTF-8 byte late in a file',
    entity: 'orders',
    file: async (dir) => {
      const file = path.join(dir, 'orders_bad_byte.csv');
      const lines = ['external_id,customer_external_id,ordered_at,amount,category'];
      for (let i = 1; i <= 20_000; i++) lines.push(`U8-${i},G001,2024-03-05,10,办公用品`);
      const text = Buffer.from(`${lines.join('\n')}\n`);
      const at = text.indexOf('U8-15000,');
      await fs.writeFile(
        file,
        Buffer.concat([text.subarray(0, at + 5), Buffer.from([0xff]), text.subarray(at + 5)]),
      );
      return file;
    },
    status: 'rejected',
    issues: [{ line: 15_001, column: null, value: null, code: 'INVALID_ENCODING' }],
  },
  {
    name: 'an XLSX file with Chinese headers, date cells, serials, numbers, rich text and a formula: accepted',
    entity: 'orders',
    file: 'orders_zh.xlsx',
    status: 'succeeded',
    counts: { inserted: 4 },
    check: {
      query: `SELECT external_id, amount, margin, category,
          to_char(ordered_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS at
        FROM orders WHERE external_id IN ('X-1', 'X-2', '3', 'X-4') ORDER BY external_id`,
      rows: [
        { external_id: '3', amount: '2000.00', margin: '200.00', category: '配件', at: '2024-03-07 00:00' },
        { external_id: 'X-1', amount: '1234.50', margin: '200.00', category: '机床', at: '2024-03-05 09:30' },
        { external_id: 'X-2', amount: '-80.00', margin: null, category: '退货', at: '2024-03-06 00:00' },
        { external_id: 'X-4', amount: '99.99', margin: null, category: null, at: '2024-03-10 00:00' },
      ],
    },
  },
  {
    name: 'an XLSX file with bad cells',
    entity: 'orders',
    file: 'orders_bad.xlsx',
    status: 'rejected',
    issues: [
      { line: 3, column: 'ordered_at', value: 'not a date', code: 'INVALID_DATE' },
      { line: 3, column: 'amount', value: '10.005', code: 'TOO_MANY_DECIMALS' },
    ],
  },
  {
    name: 'a CSV file read as XLSX',
    entity: 'orders',
    file: 'orders_amounts.csv',
    request: { format: 'xlsx' },
    status: 'rejected',
    issues: [{ line: 1, column: null, value: null, code: 'XLSX_UNREADABLE' }],
  },
];

async function tableCounts(): Promise<Record<string, string>> {
  const result = await database.pool.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM orders) AS orders,
       (SELECT count(*) FROM audit_log) AS audit, (SELECT sum(amount) FROM orders)::text AS revenue`,
  );
  return result.rows[0] ?? {};
}

beforeAll(async () => {
  database = await createTestDatabase();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'stratum-corpus-'));
});
afterAll(async () => {
  await database?.close();
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('import corpus', () => {
  it.each(CASES)('$name', async (testCase) => {
    const filePath =
      typeof testCase.file === 'string' ? path.join(FIXTURES, testCase.file) : await testCase.file(tmp);
    const before = await tableCounts();
    const result = await importFile(database, config, SYSTEM_ACTOR, {
      entity: testCase.entity,
      filePath,
      ...testCase.request,
    });
    // The report is part of the expectation, so a wrong status shows why.
    expect({ status: result.status, report: result.sample }).toMatchObject({ status: testCase.status });
    if (testCase.counts) expect(result).toMatchObject(testCase.counts);
    if (testCase.encoding) expect(result.encoding).toBe(testCase.encoding);
    if (testCase.issues) {
      // The whole sample in the message: an unexpected issue's detail says why it was raised.
      expect(
        result.sample.map(({ line, column, value, code }) => ({ line, column, value, code })),
        JSON.stringify(result.sample),
      ).toEqual(testCase.issues);
      const stored = await database.pool.query(
        `SELECT line::int, "column", value, code FROM import_errors WHERE import_id = $1 ORDER BY line, "column"`,
        [result.id],
      );
      expect(stored.rows).toHaveLength(testCase.issues.length);
    }
    if (testCase.message)
      expect(result.sample.map((issue) => issue.message).join('\n')).toContain(testCase.message);
    if (testCase.status === 'rejected') {
      expect(await tableCounts()).toEqual(before);
      expect(result).toMatchObject({ inserted: 0, updated: 0, unchanged: 0 });
    }
    if (testCase.check)
      expect((await database.pool.query(testCase.check.query)).rows).toEqual(testCase.check.rows);
    const job = await database.pool.query('SELECT status, phase FROM import_jobs WHERE id = $1', [result.id]);
    expect(job.rows[0]).toEqual({ status: testCase.status, phase: 'done' });
  });
});
