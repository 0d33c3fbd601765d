import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, ImportEntity } from '@stratum/db';
import { createTestDatabase } from '../../../../test/testDatabase.js';
import { SYSTEM_ACTOR, type Actor } from '../access/actor.js';
import { importFile } from './importService.js';

/**
 * For every entity that hangs off a customer: an account manager (or a team lead) importing a row for a
 * customer outside their scope gets that row rejected as NOT_IN_SCOPE — the same answer as for an
 * unknown customer — and nothing of the other manager's customer changes, even when the row names one of
 * its existing records. (importScope.db.test.ts covers customers themselves, owners and parents.)
 */
let database: Database;
let dir: string;
const config = { orgTimezone: 'UTC' };
const actor = (userId: string, extra: Partial<Actor> = {}): Actor => ({
  kind: 'user',
  userId,
  role: 'account_manager',
  teamId: null,
  isTeamLead: false,
  ...extra,
});
const MANAGER = actor('am1', { teamId: 1 });
const LEAD = actor('lead', { teamId: 1, isTeamLead: true });

/** Per entity: the header, and a row for a customer (a `tag` keeps rows of different runs apart). */
const FILES: Record<
  Exclude<ImportEntity, 'customers'>,
  { header: string; row: (c: string, tag: string) => string }
> = {
  orders: {
    header: 'external_id,customer_external_id,ordered_at,amount',
    row: (c, tag) => `O-${c},${c},2024-03-05,${tag === 'seed' ? 10 : 99}`,
  },
  contacts: {
    header: 'external_id,customer_external_id,name',
    row: (c, tag) => `P-${c},${c},${tag === 'seed' ? '张三' : '李四'}`,
  },
  interactions: {
    header: 'external_id,customer_external_id,kind,occurred_at,summary',
    row: (c, tag) => `I-${c},${c},visit,2024-03-05 10:00,${tag}`,
  },
  surveys: {
    header: 'external_id,customer_external_id,kind,score,answered_at',
    row: (c, tag) => `S-${c},${c},nps,${tag === 'seed' ? 9 : 1},2024-03-05`,
  },
  complaints: {
    header: 'external_id,customer_external_id,opened_at,category',
    row: (c, tag) => `C-${c},${c},2024-03-05,${tag}`,
  },
  referrals: {
    header: 'external_id,referrer_external_id,referred_name,referred_at',
    row: (c, tag) => `R-${c},${c},${tag},2024-03-05`,
  },
};
const ENTITIES = Object.keys(FILES) as Array<keyof typeof FILES>;

async function run(who: Actor, entity: ImportEntity, lines: string[], skipInvalid = false) {
  const file = path.join(dir, `${entity}-${Math.random().toString(36).slice(2)}.csv`);
  await fs.writeFile(file, `${lines.join('\n')}\n`);
  const result = await importFile(database, config, who, { entity, filePath: file, skipInvalid });
  return { ...result, report: result.sample.map((issue) => `${issue.line} ${issue.column} ${issue.code}`) };
}

/** Everything stored for a customer in an entity's table, to compare before and after. */
async function recordsOf(entity: keyof typeof FILES, customer: string): Promise<unknown[]> {
  const { rows } = await database.pool.query<Record<string, unknown>>(
    `SELECT x.* FROM ${entity} x JOIN customers c ON c.id = x.customer_id WHERE c.external_id = $1 ORDER BY x.id`,
    [customer],
  );
  return rows;
}

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'stratum-scope-entities-'));
  await database.pool.query(`INSERT INTO teams (id, name) VALUES (1, 'East')`);
  await database.pool.query(
    `INSERT INTO users (id, name, email, role, team_id) VALUES
      ('am1', 'AM One', 'am1@example.com', 'account_manager', 1),
      ('lead', 'Lead', 'lead@example.com', 'account_manager', 1),
      ('am2', 'AM Two', 'am2@example.com', 'account_manager', NULL)`,
  );
  await run(SYSTEM_ACTOR, 'customers', [
    'external_id,name,owner_email',
    'MINE,Mine,am1@example.com',
    'THEIRS,Theirs,am2@example.com',
  ]);
  for (const entity of ENTITIES) {
    const { header, row } = FILES[entity];
    const seeded = await run(SYSTEM_ACTOR, entity, [header, row('MINE', 'seed'), row('THEIRS', 'seed')]);
    expect(seeded.status, entity).toBe('succeeded');
  }
});
afterAll(async () => {
  await database?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe.each(ENTITIES)('importing %s for another manager’s customer', (entity) => {
  const { header, row } = FILES[entity];
  const customerColumn = entity === 'referrals' ? 'referrer_external_id' : 'customer_external_id';
  const lines = [header, row('MINE', 'changed'), row('THEIRS', 'changed'), row('NOWHERE', 'changed')];

  it('rejects the file on those rows, exactly as for an unknown customer, and changes nothing', async () => {
    const before = { mine: await recordsOf(entity, 'MINE'), theirs: await recordsOf(entity, 'THEIRS') };
    for (const who of [MANAGER, LEAD]) {
      const result = await run(who, entity, lines);
      expect(result).toMatchObject({ status: 'rejected', inserted: 0, updated: 0 });
      expect(result.report).toEqual([`3 ${customerColumn} NOT_IN_SCOPE`, `4 ${customerColumn} NOT_IN_SCOPE`]);
      expect(result.sample[0]?.message).toBe(result.sample[1]?.message);
    }
    expect(await recordsOf(entity, 'MINE')).toEqual(before.mine);
    expect(await recordsOf(entity, 'THEIRS')).toEqual(before.theirs);
  });

  it('with --skip-invalid writes the own row only', async () => {
    const before = await recordsOf(entity, 'THEIRS');
    const result = await run(MANAGER, entity, lines, true);
    expect(result).toMatchObject({ status: 'succeeded', updated: 1, rejected: 2 });
    expect(await recordsOf(entity, 'THEIRS')).toEqual(before);
  });
});
