import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@stratum/db';
import { convertCdnow, type CdnowFiles } from '../../../../test/cdnow.js';
import { createTestDatabase } from '../../../../test/testDatabase.js';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { importFile } from './importService.js';

let database: Database;
let dir: string;
let cdnow: CdnowFiles;
const config = { orgTimezone: 'UTC' };

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'stratum-cdnow-'));
  cdnow = await convertCdnow(dir);
});
afterAll(async () => {
  await database?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('CDNOW master file', () => {
  it('converts to the documented counts', () => {
    expect(cdnow).toMatchObject({ customers: 23_570, orders: 69_659, zeroValueOrders: 80 });
  });

  it('imports every customer and order with the exact revenue, and a second import changes nothing', async () => {
    const customers = await importFile(database, config, SYSTEM_ACTOR, {
      entity: 'customers',
      filePath: cdnow.customersCsv,
    });
    expect(customers).toMatchObject({ status: 'succeeded', inserted: 23_570, updated: 0, rejected: 0 });
    const orders = await importFile(database, config, SYSTEM_ACTOR, {
      entity: 'orders',
      filePath: cdnow.ordersCsv,
    });
    expect(orders).toMatchObject({ status: 'succeeded', inserted: 69_659, updated: 0, rejected: 0 });

    const totals = await database.pool.query<{
      customers: string;
      orders: string;
      revenue: string;
      zero: string;
    }>(
      `SELECT (SELECT count(*) FROM customers) AS customers, count(*) AS orders, sum(amount)::text AS revenue,
         count(*) FILTER (WHERE amount = 0) AS zero FROM orders`,
    );
    expect(totals.rows[0]).toEqual({
      customers: '23570',
      orders: '69659',
      revenue: cdnow.revenue,
      zero: '80',
    });

    const customersAgain = await importFile(database, config, SYSTEM_ACTOR, {
      entity: 'customers',
      filePath: cdnow.customersCsv,
    });
    expect(customersAgain).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: 23_570 });
    const ordersAgain = await importFile(database, config, SYSTEM_ACTOR, {
      entity: 'orders',
      filePath: cdnow.ordersCsv,
    });
    expect(ordersAgain).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: 69_659 });
  });
});
