import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, ImportEntity } from '@stratum/db';
import { createTestDatabase } from '../../../../test/testDatabase.js';
import { SYSTEM_ACTOR, type Actor } from '../access/actor.js';
import { exportToFile } from '../exports/exportService.js';
import { importFile } from './importService.js';

/** An account manager imports only for the customers they own, and cannot tell others' ids from unknown ones. */
let database: Database;
let dir: string;
const config = { orgTimezone: 'UTC' };
const manager = (userId: string, extra: Partial<Actor> = {}): Actor => ({
  kind: 'user',
  userId,
  role: 'account_manager',
  teamId: null,
  isTeamLead: false,
  ...extra,
});
const am1 = manager('am1');

async function run(actor: Actor, entity: ImportEntity, lines: string[], skipInvalid = false) {
  const file = path.join(dir, `${entity}-${Math.random().toString(36).slice(2)}.csv`);
  await fs.writeFile(file, `${lines.join('\n')}\n`);
  const result = await importFile(database, config, actor, { entity, filePath: file, skipInvalid });
  return {
    ...result,
    report: result.sample.map((issue) => `${issue.line} ${issue.column ?? '-'} ${issue.code}`),
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'stratum-scope-'));
  await database.pool.query(`INSERT INTO teams (id, name) VALUES (1, 'East')`);
  await database.pool.query(
    `INSERT INTO users (id, name, email, role, team_id) VALUES
      ('am1', 'AM One', 'am1@example.com', 'account_manager', 1),
      ('am2', 'AM Two', 'am2@example.com', 'account_manager', 1),
      ('am3', 'AM Three', 'am3@example.com', 'account_manager', NULL)`,
  );
  await run(SYSTEM_ACTOR, 'customers', [
    'external_id,name,owner_email',
    'K1,Mine,am1@example.com',
    'K2,Theirs,am2@example.com',
    'K3,Nobody,',
  ]);
});
afterAll(async () => {
  await database?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('import data scope', () => {
  const orders = [
    'external_id,customer_external_id,ordered_at,amount',
    'O1,K1,2024-01-01,1',
    'O2,K2,2024-01-01,2',
    'O3,K404,2024-01-01,3',
  ];

  it('rejects rows of customers the manager does not own exactly like unknown customers', async () => {
    const result = await run(am1, 'orders', orders);
    expect(result).toMatchObject({ status: 'rejected', inserted: 0 });
    expect(result.report).toEqual([
      '3 customer_external_id NOT_IN_SCOPE',
      '4 customer_external_id NOT_IN_SCOPE',
    ]);
    expect(new Set(result.sample.map((issue) => issue.message)).size).toBe(1);
  });

  it('writes only the own rows with --skip-invalid', async () => {
    const result = await run(am1, 'orders', orders, true);
    expect(result).toMatchObject({ status: 'succeeded', inserted: 1, rejected: 2 });
    const stored = await database.pool.query('SELECT external_id FROM orders');
    expect(stored.rows).toEqual([{ external_id: 'O1' }]);
  });

  it('lets a manager create customers, owned by them, but not change or give away others', async () => {
    const result = await run(
      am1,
      'customers',
      [
        'external_id,name,owner_email',
        'K1,Mine renamed,',
        'K2,Theirs renamed,',
        'K4,New mine,',
        'K5,Given away,am3@example.com',
      ],
      true,
    );
    expect(result.report).toEqual(['3 external_id NOT_IN_SCOPE', '5 owner_email OWNER_NOT_ALLOWED']);
    expect(result).toMatchObject({ inserted: 1, updated: 1 });
    const stored = await database.pool.query(
      'SELECT external_id, name, owner_id FROM customers ORDER BY external_id',
    );
    expect(stored.rows).toEqual([
      { external_id: 'K1', name: 'Mine renamed', owner_id: 'am1' },
      { external_id: 'K2', name: 'Theirs', owner_id: 'am2' },
      { external_id: 'K3', name: 'Nobody', owner_id: null },
      { external_id: 'K4', name: 'New mine', owner_id: 'am1' },
    ]);
  });

  it("re-imports a manager's own export unchanged, even with a parent owned by someone else", async () => {
    await run(SYSTEM_ACTOR, 'customers', ['external_id,name,parent_external_id', 'K1,Mine renamed,K2']);
    const file = path.join(dir, 'mine.csv');
    const exported = await exportToFile(database, config, am1, { entity: 'customers', format: 'csv' }, file);
    expect(exported.rows).toBe(2);
    const again = await importFile(database, config, am1, { entity: 'customers', filePath: file });
    expect(again).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: 2 });
    const moved = await run(am1, 'customers', ['external_id,name,parent_external_id', 'K4,New mine,K2']);
    expect(moved.report).toEqual(['2 parent_external_id UNKNOWN_PARENT']);
  });

  it("lets a team lead import for the team's customers and assign them within the team", async () => {
    const lead = manager('am1', { teamId: 1, isTeamLead: true });
    const result = await run(lead, 'customers', [
      'external_id,name,owner_email',
      'K2,Theirs (team),',
      'K6,Team new,am2@example.com',
      'K7,Outside,am3@example.com',
    ]);
    expect(result.report).toEqual(['4 owner_email OWNER_NOT_ALLOWED']);
    const written = await run(lead, 'customers', [
      'external_id,name,owner_email',
      'K2,Theirs (team),',
      'K6,Team new,am2@example.com',
    ]);
    expect(written).toMatchObject({ status: 'succeeded', inserted: 1, updated: 1 });
    const stored = await database.pool.query(
      `SELECT external_id, owner_id FROM customers WHERE external_id IN ('K2', 'K6') ORDER BY 1`,
    );
    expect(stored.rows).toEqual([
      { external_id: 'K2', owner_id: 'am2' },
      { external_id: 'K6', owner_id: 'am2' },
    ]);
  });
});
