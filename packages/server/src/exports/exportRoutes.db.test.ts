import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { createTestApp, type TestApp } from '../app/testApp.js';
import { authFeature } from '../auth/authRoutes.js';
import { importFile } from '../imports/importService.js';
import { exportsFeature } from './exportRoutes.js';

let t: TestApp;
let dir: string;

beforeAll(async () => {
  t = await createTestApp({ features: [authFeature, exportsFeature] });
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'stratum-export-routes-'));
  const write = async (name: string, text: string) => {
    const file = path.join(dir, name);
    await fs.writeFile(file, text);
    return file;
  };
  const config = { orgTimezone: 'UTC' };
  await importFile(t.database, config, SYSTEM_ACTOR, {
    entity: 'customers',
    filePath: await write(
      'c.csv',
      `external_id,name,owner_email\nM1,Mine,${t.users.manager.email}\nO1,Other's,${t.users.otherManager.email}\n`,
    ),
  });
  await importFile(t.database, config, SYSTEM_ACTOR, {
    entity: 'orders',
    filePath: await write(
      'o.csv',
      'external_id,customer_external_id,ordered_at,amount\nA1,M1,2024-03-05,10\nB1,O1,2024-03-05,-20\n',
    ),
  });
});
afterAll(async () => {
  await t?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('GET /api/v1/exports/:entity', () => {
  it('streams a CSV download of the caller’s scope', async () => {
    const mine = await t.request('manager', 'GET', '/api/v1/exports/orders?format=csv');
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(mine.headers['content-disposition']).toMatch(/^attachment; filename="orders-\d{8}\.csv"$/);
    expect(mine.body).toBe(
      '\ufeffexternal_id,customer_external_id,ordered_at,amount,margin,currency,category,channel\nA1,M1,2024-03-05,10.00,,CNY,,\n',
    );
    const all = await t.request('director', 'GET', '/api/v1/exports/orders?headers=zh');
    expect(all.body.split('\n').filter(Boolean)).toHaveLength(3);
    expect(all.body.startsWith('\ufeff订单编号,客户编号,')).toBe(true);
  });

  it('streams an XLSX workbook', async () => {
    const response = await t.request('analyst', 'GET', '/api/v1/exports/customers?format=xlsx');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it.each([
    ['anonymous', 'orders?format=csv', 401],
    ['manager', 'planets', 400],
    ['manager', 'orders?format=pdf', 400],
  ] as const)('answers %s GET %s with %i', async (caller, url, status) => {
    expect((await t.request(caller, 'GET', `/api/v1/exports/${url}`)).statusCode).toBe(status);
  });
});
