import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, ImportEntity } from '@stratum/db';
import { createTestDatabase } from '../../../../test/testDatabase.js';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { importFile } from './importService.js';

/** Every entity's own rules: references inside a file, natural ids, ranges, cycles, --skip-invalid, audit. */
let database: Database;
let dir: string;
const config = { orgTimezone: 'Asia/Shanghai' };

async function run(entity: ImportEntity, lines: string[], skipInvalid = false) {
  const file = path.join(dir, `${entity}-${Math.random().toString(36).slice(2)}.csv`);
  await fs.writeFile(file, `${lines.join('\n')}\n`);
  const result = await importFile(database, config, SYSTEM_ACTOR, { entity, filePath: file, skipInvalid });
  return {
    ...result,
    report: result.sample.map((issue) => `${issue.line} ${issue.column ?? '-'} ${issue.code}`),
  };
}

async function rows(query: string): Promise<unknown[]> {
  const result = await database.pool.query<Record<string, unknown>>(query);
  return result.rows;
}

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'stratum-entities-'));
  await database.pool.query(
    `INSERT INTO users (id, name, email, role) VALUES ('u1', 'Li Lei', 'li.lei@example.com', 'account_manager')`,
  );
});
afterAll(async () => {
  await database?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('customers', () => {
  it('links parents within the file and refuses parent cycles, reporting every looping row', async () => {
    const result = await run('customers', [
      'external_id,name,parent_external_id,owner_email',
      'P2,Child,P1,LI.LEI@example.com',
      'P1,Parent,,',
      'P3,Loop A,P4,',
      'P4,Loop B,P3,',
      'P5,Self,P5,',
      'P6,Unknown parent,P99,',
      'P7,Unknown owner,,nobody@example.com',
    ]);
    expect(result.status).toBe('rejected');
    expect(result.report).toEqual([
      '4 parent_external_id PARENT_CYCLE',
      '5 parent_external_id PARENT_CYCLE',
      '6 parent_external_id PARENT_CYCLE',
      '7 parent_external_id UNKNOWN_PARENT',
      '8 owner_email UNKNOWN_USER',
    ]);
    expect(await rows('SELECT count(*)::int AS n FROM customers')).toEqual([{ n: 0 }]);
  });

  it('with --skip-invalid writes exactly the good rows, and rejects children of rejected rows', async () => {
    const result = await run(
      'customers',
      [
        'external_id,name,parent_external_id,owner_email,employees',
        'P2,Child,P1,li.lei@example.com,10',
        'P1,Parent,,,5',
        'P8,Bad employees,,,-1',
        'P9,Child of bad,P8,,',
        'P3,Loop A,P4,,',
        'P4,Loop B,P3,,',
      ],
      true,
    );
    expect(result).toMatchObject({ status: 'succeeded', inserted: 2, rejected: 4 });
    expect(result.report).toEqual([
      '4 employees OUT_OF_RANGE',
      '5 parent_external_id UNKNOWN_PARENT',
      '6 parent_external_id PARENT_CYCLE',
      '7 parent_external_id PARENT_CYCLE',
    ]);
    expect(
      await rows(`SELECT c.external_id, p.external_id AS parent, c.owner_id FROM customers c
        LEFT JOIN customers p ON p.id = c.parent_id ORDER BY c.external_id`),
    ).toEqual([
      { external_id: 'P1', parent: null, owner_id: null },
      { external_id: 'P2', parent: 'P1', owner_id: 'u1' },
    ]);
  });

  it('refuses a parent change that would close a loop through stored customers', async () => {
    const result = await run('customers', ['external_id,name,parent_external_id', 'P1,Parent,P2']);
    expect(result.report).toEqual(['2 parent_external_id PARENT_CYCLE']);
  });

  it('updates a changed customer with an audit entry, keeps columns the file does not have, restores a deleted one', async () => {
    await database.pool.query(
      `UPDATE customers SET industry = '制造', deleted_at = now() WHERE external_id = 'P1'`,
    );
    const result = await run('customers', ['external_id,name', 'P1,Parent Group', 'P2,Child']);
    expect(result).toMatchObject({ status: 'succeeded', inserted: 0, updated: 1, unchanged: 1 });
    expect(await rows(`SELECT name, industry, deleted_at FROM customers WHERE external_id = 'P1'`)).toEqual([
      { name: 'Parent Group', industry: '制造', deleted_at: null },
    ]);
    const audit = await rows(
      `SELECT action, before, after FROM audit_log WHERE entity = 'customers' AND action = 'import.update'`,
    );
    expect(audit).toEqual([
      {
        action: 'import.update',
        before: { name: 'Parent', deleted_at: expect.any(String) as string },
        after: { name: 'Parent Group', deleted_at: null },
      },
    ]);
  });
});

describe('orders', () => {
  it('refuses an order id already used by another customer', async () => {
    expect(
      (await run('orders', ['external_id,customer_external_id,ordered_at,amount', 'O1,P1,2024-01-01,5']))
        .status,
    ).toBe('succeeded');
    const result = await run('orders', [
      'external_id,customer_external_id,ordered_at,amount',
      'O1,P2,2024-01-01,5',
    ]);
    expect(result.report).toEqual(['2 external_id ID_USED_BY_OTHER_CUSTOMER']);
  });
});

describe('contacts', () => {
  const header = 'external_id,customer_external_id,name,title,role,reports_to_external_id,active';
  it('links managers within the file; unknown managers and self-reports are refused', async () => {
    const bad = await run('contacts', [
      header,
      'K1,P1,王总,CEO,决策者,,是',
      'K2,P1,李工,Engineer,user,K9,',
      'K3,P1,赵,x,,K3,',
    ]);
    expect(bad.report).toEqual([
      '3 reports_to_external_id UNKNOWN_CONTACT',
      '4 reports_to_external_id SELF_REFERENCE',
    ]);
    const good = await run('contacts', [
      header,
      'K2,P1,李工,Engineer,user,K1,',
      'K1,P1,王总,CEO,决策者,,是',
      'K1,P2,Other K1,,,,否',
    ]);
    expect(good).toMatchObject({ status: 'succeeded', inserted: 3 });
    expect(
      await rows(`SELECT c.external_id, c.role, c.active, m.external_id AS manager FROM contacts c
        LEFT JOIN contacts m ON m.id = c.reports_to_id ORDER BY c.external_id, c.active`),
    ).toEqual([
      { external_id: 'K1', role: null, active: false, manager: null },
      { external_id: 'K1', role: 'decision_maker', active: true, manager: null },
      { external_id: 'K2', role: 'user', active: true, manager: 'K1' },
    ]);
    const again = await run('contacts', [header, 'K2,P1,李工,Senior Engineer,user,K1,']);
    expect(again).toMatchObject({ inserted: 0, updated: 1 });
  });
});

describe('interactions, surveys, complaints, referrals', () => {
  it('identifies interactions by their natural key: re-import is a no-op, a changed summary an update', async () => {
    const header = 'customer_external_id,kind,occurred_at,user_email,contact_external_id,summary';
    const first = await run('interactions', [
      header,
      'P1,拜访,2024-03-05 10:00,li.lei@example.com,K1,季度回访',
      'P1,call,2024/3/5 10:00,,,',
    ]);
    expect(first).toMatchObject({ status: 'succeeded', inserted: 2 });
    const same = await run('interactions', [
      header,
      'P1,visit,2024-03-05T10:00:00+08:00,Li.Lei@example.com,K1,季度回访',
    ]);
    expect(same).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    const changed = await run('interactions', [
      header,
      'P1,visit,2024-03-05 10:00,li.lei@example.com,K1,季度回访：签约',
    ]);
    expect(changed).toMatchObject({ inserted: 0, updated: 1 });
    const bad = await run('interactions', [
      header,
      'P1,visit,2024-03-06,nobody@example.com,,',
      'P1,visit,2024-03-06,,K404,',
      'P1,party,2024-03-06,,,',
      'P1,visit,2024-03-07,,,a',
      'P1,visit,2024-03-07,,,b',
    ]);
    expect(bad.report).toEqual([
      '2 user_email UNKNOWN_USER',
      '3 contact_external_id UNKNOWN_CONTACT',
      '4 kind INVALID_ENUM',
      '5 customer_external_id DUPLICATE_ROW',
      '6 customer_external_id DUPLICATE_ROW',
    ]);
    expect(
      await rows(
        `SELECT kind, u.email, summary FROM interactions i LEFT JOIN users u ON u.id = i.user_id ORDER BY kind`,
      ),
    ).toEqual([
      { kind: 'call', email: null, summary: null },
      { kind: 'visit', email: 'li.lei@example.com', summary: '季度回访：签约' },
    ]);
  });

  it('checks survey score ranges by kind', async () => {
    const result = await run('surveys', [
      'customer_external_id,kind,score,answered_at,comment',
      'P1,csat,5,2024-03-01,好',
      'P1,满意度,6,2024-03-02,',
      'P1,NPS,10,2024-03-01,',
      'P1,nps,0,2024-03-03,',
      'P1,csat,0,2024-03-04,',
    ]);
    expect(result.report).toEqual(['3 score OUT_OF_RANGE', '6 score OUT_OF_RANGE']);
  });

  it('checks complaint dates and ids across customers', async () => {
    const header = 'external_id,customer_external_id,opened_at,severity,status,resolved_at';
    expect((await run('complaints', [header, 'Q1,P1,2024-03-01,严重,已解决,2024-03-02'])).status).toBe(
      'succeeded',
    );
    const bad = await run('complaints', [
      header,
      'Q1,P2,2024-03-01,,,',
      'Q2,P1,2024-03-05,low,open,2024-03-01',
    ]);
    expect(bad.report).toEqual(['2 external_id ID_USED_BY_OTHER_CUSTOMER', '3 resolved_at DATE_ORDER']);
    expect(await rows('SELECT severity, status FROM complaints')).toEqual([
      { severity: 'high', status: 'resolved' },
    ]);
  });

  it('links referred customers when they exist and keeps the others as text', async () => {
    const header = 'referrer_external_id,referred_external_id,referred_name,referred_at';
    const result = await run('referrals', [
      header,
      'P1,P2,,2024-03-01',
      'P1,NEW-1,新客户,2024-03-02',
      'P1,,,2024-03-03',
    ]);
    expect(result.report).toEqual(['4 referred_external_id MISSING_REFERRED']);
    const good = await run('referrals', [header, 'P1,P2,,2024-03-01', 'P1,NEW-1,新客户,2024-03-02']);
    expect(good).toMatchObject({ status: 'succeeded', inserted: 2 });
    expect(
      await rows(`SELECT r.referred_external_id, c.external_id AS linked, r.referred_name FROM referrals r
        LEFT JOIN customers c ON c.id = r.referred_customer_id ORDER BY 1`),
    ).toEqual([
      { referred_external_id: 'NEW-1', linked: null, referred_name: '新客户' },
      { referred_external_id: 'P2', linked: 'P2', referred_name: null },
    ]);
  });
});
