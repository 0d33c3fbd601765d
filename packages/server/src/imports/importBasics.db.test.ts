import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@stratum/db';
import { createTestDatabase } from '../../../../test/testDatabase.js';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { importFile } from './importService.js';

let database: Database;
let dir: string;
const config = { orgTimezone: 'Asia/Shanghai' };

async function write(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, text);
  return file;
}

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'stratum-import-'));
});
afterAll(async () => {
  await database?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('import basics', () => {
  it('imports customers then orders, and a second run changes nothing', async () => {
    const customers = await write(
      'customers.csv',
      'external_id,name,industry,parent_external_id,tags\nC1,Acme,制造,,a;b\nC2,Beta,零售,C1,x、y\n',
    );
    const first = await importFile(database, config, SYSTEM_ACTOR, {
      entity: 'customers',
      filePath: customers,
    });
    expect(first).toMatchObject({ status: 'succeeded', inserted: 2, updated: 0, unchanged: 0, rejected: 0 });
    const again = await importFile(database, config, SYSTEM_ACTOR, {
      entity: 'customers',
      filePath: customers,
    });
    expect(again).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: 2 });

    const orders = await write(
      'orders.csv',
      'external_id,customer_external_id,ordered_at,amount,currency\nO1,C1,2024-03-05,"1,234.50",\nO2,C2,2024/3/6 10:00,¥-12,\n',
    );
    const ordersResult = await importFile(database, config, SYSTEM_ACTOR, {
      entity: 'orders',
      filePath: orders,
    });
    expect(ordersResult.sample).toEqual([]);
    expect(ordersResult).toMatchObject({ status: 'succeeded', inserted: 2 });
    const rows = await database.pool.query<{
      external_id: string;
      amount: string;
      ordered_at: Date;
      currency: string;
    }>('SELECT external_id, amount, ordered_at, currency FROM orders ORDER BY external_id');
    expect(rows.rows.map((r) => [r.external_id, r.amount, r.ordered_at.toISOString(), r.currency])).toEqual([
      ['O1', '1234.50', '2024-03-04T16:00:00.000Z', 'CNY'],
      ['O2', '-12.00', '2024-03-06T02:00:00.000Z', 'CNY'],
    ]);
    const changed = await write(
      'orders2.csv',
      'external_id,customer_external_id,ordered_at,amount,currency\nO1,C1,2024-03-05,1234.5,\nO2,C2,2024/3/6 10:00,-13,\n',
    );
    const update = await importFile(database, config, SYSTEM_ACTOR, { entity: 'orders', filePath: changed });
    expect(update).toMatchObject({ status: 'succeeded', inserted: 0, updated: 1, unchanged: 1 });
    const audit = await database.pool.query<{ action: string }>(
      `SELECT action, entity, before, after FROM audit_log WHERE entity = 'orders' ORDER BY id`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['import', 'import.update', 'import']);
    expect(audit.rows[1]).toMatchObject({ before: { amount: -12 }, after: { amount: -13 } });
  });
});
