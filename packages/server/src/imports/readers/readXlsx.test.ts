import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileFormatError } from './FileFormatError.js';
import { readXlsx } from './readXlsx.js';
import type { SourceRecord } from './SourceRecord.js';

const FIXTURE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../../test/fixtures/imports/orders_bad.xlsx',
);

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'stratum-xlsx-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function readAll(file: string): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  for await (const batch of readXlsx(file).records) records.push(...batch);
  return records;
}

describe('readXlsx', () => {
  it("reads the workbook's first sheet (in the workbook's order, not the file's) with its dates, strings and numbers", async () => {
    const workbook = new ExcelJS.Workbook();
    const other = workbook.addWorksheet('Other');
    other.addRow(['not', 'this']);
    const orders = workbook.addWorksheet('Orders');
    orders.addRow(['external_id', 'ordered_at', 'amount']);
    orders.addRow(['O-1', new Date(Date.UTC(2025, 5, 30)), 12.5]);
    orders.addRow([]);
    orders.addRow(['订单-2', new Date(Date.UTC(2024, 0, 1)), -3]);
    // Listed first in workbook.xml, though stored as sheet2.xml (orderNo: exceljs's sheet order, untyped).
    (orders as unknown as { orderNo: number }).orderNo = 0;
    (other as unknown as { orderNo: number }).orderNo = 1;
    const file = path.join(dir, 'orders.xlsx');
    await workbook.xlsx.writeFile(file);

    const xlsx = readXlsx(file);
    const records: SourceRecord[] = [];
    for await (const batch of xlsx.records) records.push(...batch);
    expect(records).toEqual([
      { line: 1, cells: ['external_id', 'ordered_at', 'amount'] },
      { line: 2, cells: ['O-1', new Date(Date.UTC(2025, 5, 30)), 12.5] },
      { line: 4, cells: ['订单-2', new Date(Date.UTC(2024, 0, 1)), -3] },
    ]);
    expect(xlsx.bytesRead()).toBe((await fs.stat(file)).size);
  });

  it('reads a file written by exceljs (workbook part stored last) the same way every time', async () => {
    // One read in ~300 of such a file used to fail (exceljs/exceljs#3064): see xlsxParts.ts.
    const first = await readAll(FIXTURE);
    expect(first.length).toBeGreaterThan(1);
    for (let i = 0; i < 300; i++) expect(await readAll(FIXTURE)).toEqual(first);
  });

  it('keeps every character of long Chinese text whole, whichever chunk boundary it straddles', async () => {
    // Each part is inflated in chunks; a 3- or 4-byte character cut by a chunk boundary used to come
    // out as U+FFFD (2 names in 5,000 in one of our own exports).
    const syllables = '华东南北京上海深圳广州杭州成都凯众连锁超市股份有限公司科技集团𠀀𠀁😀';
    const names = Array.from({ length: 20_000 }, (_, i) => {
      let name = '';
      for (let n = i + 7, k = 0; k < 12; k++, n = Math.floor(n / 3) + k * 7919)
        name += [...syllables][n % [...syllables].length];
      return `${name}${i}`;
    });
    // exceljs's streaming writer, as our exports use (its in-memory writer itself cuts 4-byte characters).
    const file = path.join(dir, 'names.xlsx');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
    const sheet = workbook.addWorksheet('客户');
    sheet.addRow(['名称', '备注']).commit();
    for (const name of names) sheet.addRow([name, `备注：${name}`]).commit();
    sheet.commit();
    await workbook.commit();

    const records = await readAll(file);
    expect(records).toHaveLength(names.length + 1);
    const differing = records
      .slice(1)
      .filter((record, i) => record.cells[0] !== names[i] || record.cells[1] !== `备注：${names[i]}`);
    expect(differing).toEqual([]);
  });

  it('reports a file that is not an XLSX as unreadable, at line 1', async () => {
    const file = path.join(dir, 'not.xlsx');
    await fs.writeFile(file, 'external_id,amount\nO-1,12.5\n');
    const error = await readAll(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileFormatError);
    expect(error).toMatchObject({ code: 'XLSX_UNREADABLE', line: 1 });
  });
});
