import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_ENTITIES, type ImportEntity } from '@stratum/db';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { createTestApp, type Caller, type TestApp } from '../app/testApp.js';
import { authFeature } from '../auth/authRoutes.js';
import { importFile } from '../imports/importService.js';
import { readXlsx } from '../imports/readers/readXlsx.js';
import { exportsFeature } from './exportRoutes.js';

/**
 * Every entity's export holds exactly the caller's scope: an account manager gets their own customers and
 * what belongs to them, a team lead the team's, never another manager's; directors and analysts get all.
 * One record of each entity is seeded on each of four customers (the manager's, the lead's, the other
 * manager's and an unowned one).
 */
let t: TestApp;
let dir: string;
const CUSTOMERS = ['MINE', 'LEADS', 'THEIRS', 'NOBODY'] as const;

/** The column of an export that names the customer a row belongs to. */
const CUSTOMER_COLUMN: Record<ImportEntity, string> = {
  customers: 'external_id',
  orders: 'customer_external_id',
  contacts: 'customer_external_id',
  interactions: 'customer_external_id',
  surveys: 'customer_external_id',
  complaints: 'customer_external_id',
  referrals: 'referrer_external_id',
};

const CHILD_FILES: Record<Exclude<ImportEntity, 'customers'>, (customer: string) => string[]> = {
  orders: (c) => ['external_id,customer_external_id,ordered_at,amount', `O-${c},${c},2024-03-05,10`],
  contacts: (c) => ['external_id,customer_external_id,name', `P-${c},${c},张三`],
  interactions: (c) => ['customer_external_id,kind,occurred_at', `${c},visit,2024-03-05 10:00`],
  surveys: (c) => ['customer_external_id,kind,score,answered_at', `${c},nps,9,2024-03-05`],
  complaints: (c) => ['external_id,customer_external_id,opened_at', `C-${c},${c},2024-03-05`],
  referrals: (c) => ['referrer_external_id,referred_name,referred_at', `${c},某公司,2024-03-05`],
};

async function seed(entity: ImportEntity, lines: string[]): Promise<void> {
  const file = path.join(dir, `${entity}.csv`);
  await fs.writeFile(file, `${lines.join('\n')}\n`);
  const result = await importFile(t.database, { orgTimezone: 'UTC' }, SYSTEM_ACTOR, {
    entity,
    filePath: file,
  });
  expect(result.status, entity).toBe('succeeded');
}

/** The values of one column of a CSV download (no cell of this fixture holds a comma or a quote). */
function column(csv: string, name: string): string[] {
  const [header = '', ...rows] = csv
    .replace(/^\ufeff/, '')
    .split('\n')
    .filter(Boolean);
  const index = header.split(',').indexOf(name);
  return rows.map((row) => row.split(',')[index] ?? '').sort();
}

beforeAll(async () => {
  t = await createTestApp({ features: [authFeature, exportsFeature] });
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'stratum-export-scope-'));
  const { users } = t;
  await seed('customers', [
    'external_id,name,owner_email',
    `MINE,Mine,${users.manager.email}`,
    `LEADS,Lead's,${users.lead.email}`,
    `THEIRS,Theirs,${users.otherManager.email}`,
    'NOBODY,Unowned,',
  ]);
  for (const [entity, lines] of Object.entries(CHILD_FILES)) {
    const [header = '', ...rows] = CUSTOMERS.flatMap((customer) => lines(customer));
    await seed(entity as ImportEntity, [header, ...rows.filter((row) => row !== header)]);
  }
});
afterAll(async () => {
  await t?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

const SCOPE: Array<[Caller, string[]]> = [
  ['manager', ['MINE']],
  ['managerToken', ['MINE']],
  ['lead', ['LEADS', 'MINE']],
  ['otherManager', ['THEIRS']],
  ['director', ['LEADS', 'MINE', 'NOBODY', 'THEIRS']],
  ['analyst', ['LEADS', 'MINE', 'NOBODY', 'THEIRS']],
];

describe('export data scope', () => {
  it.each(IMPORT_ENTITIES.flatMap((entity) => SCOPE.map(([caller, ids]) => [entity, caller, ids] as const)))(
    'exports %s to %s for exactly the customers in scope',
    async (entity, caller, ids) => {
      const response = await t.request(caller, 'GET', `/api/v1/exports/${entity}`);
      expect(response.statusCode).toBe(200);
      expect(column(response.body, CUSTOMER_COLUMN[entity])).toEqual(ids);
    },
  );

  it('keeps the other manager’s customers out of the XLSX and Chinese-header downloads too', async () => {
    const zh = await t.request('manager', 'GET', '/api/v1/exports/orders?headers=zh');
    expect(zh.body).toContain('MINE');
    expect(zh.body).not.toContain('THEIRS');
    const xlsx = await t.request('manager', 'GET', '/api/v1/exports/customers?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    // Shared strings sit in a deflated part, so read the workbook back the way the importer does.
    const file = path.join(dir, 'mine.xlsx');
    await fs.writeFile(file, xlsx.rawPayload);
    const ids: string[] = [];
    for await (const batch of readXlsx(file).records)
      for (const record of batch) if (record.line > 1) ids.push(String(record.cells[0]));
    expect(ids).toEqual(['MINE']);
  });
});
