import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { to as copyTo } from 'pg-copy-streams';
import type { Database } from '@stratum/db';
import { createTestDatabase } from '../../../../test/testDatabase.js';
import { isAppError } from '../errors/appError.js';
import { suspendIndexes } from './bulkIndexes.js';
import { demoChecksum } from './demoChecksum.js';
import { markDemoLoading } from './demoLoadMarker.js';
import { DEMO_COLUMNS, DEMO_TABLES } from './demoOutput.js';
import { loadDemo, type LoadDemoOptions } from './loadDemo.js';
import { loadDemoIfEmpty } from './loadDemoIfEmpty.js';
import { planStaff } from './staff.js';

const DEMO = { customers: 600, seed: 4, endDate: '2025-06-30', years: 3, timeZone: 'Asia/Shanghai' } as const;

async function count(database: Database, sql: string): Promise<number> {
  const { rows } = await database.pool.query<{ n: string }>(sql);
  return Number(rows[0]?.n ?? 0);
}

async function counts(database: Database): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of DEMO_TABLES)
    result[table] = await count(database, `SELECT count(*) AS n FROM ${table}`);
  return result;
}

async function indexNames(database: Database): Promise<string[]> {
  const { rows } = await database.pool.query<{ name: string }>(
    `SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1`,
  );
  return rows.map((row) => row.name);
}

/** SHA-256 of a query's COPY text output, read in `timeZone`. */
async function copyDigest(database: Database, query: string, timeZone: string): Promise<string> {
  const client = await database.pool.connect();
  try {
    await client.query(`SET TIME ZONE '${timeZone}'`);
    const hash = crypto.createHash('sha256');
    for await (const chunk of client.query(copyTo(`COPY (${query}) TO STDOUT`))) hash.update(chunk as Buffer);
    return hash.digest('hex');
  } finally {
    await client.query('RESET TIME ZONE');
    client.release();
  }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('loadDemo', () => {
  let database: Database;
  let indexesBefore: string[];

  beforeAll(async () => {
    database = await createTestDatabase();
    indexesBefore = await indexNames(database);
    await database.pool.query(
      `INSERT INTO users (id, name, email, role) VALUES ('real-1', 'Real Person', 'real@example.com', 'account_manager')`,
    );
  });
  afterAll(async () => {
    await database.close();
  });

  it('loads exactly the generated rows into an empty database', async () => {
    const result = await loadDemo(database, DEMO);
    const generated = await demoChecksum(result.options);
    expect(result.rows).toEqual(generated.rows);
    expect(await counts(database)).toEqual(generated.rows);
    // The rows in the database are byte for byte what the generator wrote (times read in the org timezone).
    for (const table of DEMO_TABLES.filter((t) => t !== 'customers')) {
      const columns = DEMO_COLUMNS[table].map((c) =>
        c.endsWith('_at') ? `to_char(${c}, 'YYYY-MM-DD HH24:MI:SS')` : c,
      );
      const digest = await copyDigest(
        database,
        `SELECT ${columns.join(', ')} FROM ${table} ORDER BY id`,
        DEMO.timeZone,
      );
      expect(digest, table).toBe(generated.tables[table]);
    }
    expect(result.indexesRebuilt.length).toBeGreaterThan(0);
    expect(await indexNames(database)).toEqual(indexesBefore);
  });

  it('keeps every reference consistent', async () => {
    const problems = {
      customersWithoutOwner: `SELECT count(*) AS n FROM customers c LEFT JOIN users u ON u.id = c.owner_id
                                WHERE u.id IS NULL OR u.role <> 'account_manager'`,
      ordersWithoutCustomer: `SELECT count(*) AS n FROM orders o WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = o.customer_id)`,
      foreignBoss: `SELECT count(*) AS n FROM contacts c JOIN contacts b ON b.id = c.reports_to_id WHERE b.customer_id <> c.customer_id`,
      missingBoss: `SELECT count(*) AS n FROM contacts c WHERE c.reports_to_id IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM contacts b WHERE b.id = c.reports_to_id)`,
      interactionWithoutUser: `SELECT count(*) AS n FROM interactions i LEFT JOIN users u ON u.id = i.user_id WHERE u.id IS NULL`,
      foreignInteractionContact: `SELECT count(*) AS n FROM interactions i JOIN contacts c ON c.id = i.contact_id
                                    WHERE c.customer_id <> i.customer_id`,
      foreignSurveyContact: `SELECT count(*) AS n FROM surveys s JOIN contacts c ON c.id = s.contact_id WHERE c.customer_id <> s.customer_id`,
      danglingReferral: `SELECT count(*) AS n FROM referrals r WHERE r.referred_customer_id IS NOT NULL
                           AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = r.referred_customer_id AND c.external_id = r.referred_external_id)`,
      orphanSubsidiary: `SELECT count(*) AS n FROM customers s WHERE s.parent_id IS NOT NULL
                           AND NOT EXISTS (SELECT 1 FROM customers p WHERE p.id = s.parent_id AND p.parent_id IS NULL)`,
      moneyWithMoreDecimals: `SELECT count(*) AS n FROM orders WHERE amount::text !~ '^-?\\d+\\.\\d{2}$' OR margin::text !~ '^-?\\d+\\.\\d{2}$'`,
      leftWithoutDate: `SELECT count(*) AS n FROM contacts WHERE active = (left_at IS NOT NULL)`,
      churnedStillBuying: `SELECT count(*) AS n FROM orders o JOIN customers c ON c.id = o.customer_id
                             WHERE c.status = 'churned' AND o.ordered_at > timestamptz '2025-06-30 23:59:59+08' - interval '100 days'`,
      prospectsBuying: `SELECT count(*) AS n FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.status = 'prospect'`,
      afterTheEnd: `SELECT count(*) AS n FROM orders WHERE ordered_at >= timestamptz '2025-07-01 00:00:00+08'`,
    };
    const found: Record<string, number> = {};
    for (const [name, sql] of Object.entries(problems)) found[name] = await count(database, sql);
    expect(found).toEqual(Object.fromEntries(Object.keys(problems).map((name) => [name, 0])));
    expect(await count(database, `SELECT count(DISTINCT parent_id) AS n FROM customers`)).toBeGreaterThan(0);
    expect(await count(database, `SELECT count(*) AS n FROM contacts WHERE NOT active`)).toBeGreaterThan(0);
    expect(
      await count(
        database,
        `SELECT count(*) AS n FROM complaints WHERE severity = 'critical' AND status = 'open'`,
      ),
    ).toBeGreaterThan(0);
    expect(await count(database, `SELECT count(DISTINCT status) AS n FROM customers`)).toBe(3);
  });

  it('leaves the activity rollup built and nothing marked dirty', async () => {
    const count = async (sql: string) => Number((await database.pool.query<{ n: string }>(sql)).rows[0]!.n);
    expect(await count('SELECT count(*) AS n FROM activity_dirty')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM customer_activity WHERE orders IS NOT NULL')).toBe(
      await count('SELECT count(DISTINCT customer_id) AS n FROM orders'),
    );
    // The triggers are back for everything after the load.
    const [customer] = (await database.pool.query<{ id: string }>('SELECT id FROM customers LIMIT 1')).rows;
    await database.pool.query(
      `INSERT INTO interactions (customer_id, external_id, kind, occurred_at) VALUES ($1, 'after-demo', 'call', now())`,
      [customer!.id],
    );
    expect(await count('SELECT count(*) AS n FROM activity_dirty')).toBe(1);
    await database.pool.query(`DELETE FROM interactions WHERE external_id = 'after-demo'`);
  });

  it('moves the id sequences past the loaded rows', async () => {
    const { rows } = await database.pool.query<{ id: string }>(
      `INSERT INTO orders (customer_id, external_id, ordered_at, amount) VALUES (1, 'MANUAL-1', now(), 10) RETURNING id`,
    );
    expect(Number(rows[0]?.id)).toBe(await count(database, 'SELECT count(*) AS n FROM orders'));
    await database.pool.query(`DELETE FROM orders WHERE external_id = 'MANUAL-1'`);
  });

  it('refuses a database that has customers, and changes nothing', async () => {
    const before = await counts(database);
    const error = await rejection(loadDemo(database, { ...DEMO, seed: 5 }));
    expect(isAppError(error) && error.code).toBe('DEMO_DATABASE_NOT_EMPTY');
    expect((error as Error).message).toMatch(/600 customers.*--reset/s);
    expect(await counts(database)).toEqual(before);
    expect(await indexNames(database)).toEqual(indexesBefore);
  });

  it('replaces the data with --reset, keeping user accounts that are not demo ones', async () => {
    await database.pool.query(
      `INSERT INTO import_jobs (entity, file_name, format) VALUES ('orders', 'x.csv', 'csv')`,
    );
    const other: LoadDemoOptions = { ...DEMO, customers: 300, seed: 9 };
    const result = await loadDemo(database, { ...other, reset: true });
    expect(result.reset).toBe(true);
    expect(await counts(database)).toEqual((await demoChecksum(result.options)).rows);
    expect(await count(database, `SELECT count(*) AS n FROM users WHERE id = 'real-1'`)).toBe(1);
    expect(await count(database, 'SELECT count(*) AS n FROM import_jobs')).toBe(0);
    expect(await count(database, `SELECT count(*) AS n FROM audit_log WHERE entity = 'demo_data'`)).toBe(1);
    expect(await indexNames(database)).toEqual(indexesBefore);
  });

  it('stops on a real user holding a demo address', async () => {
    const fresh = await createTestDatabase();
    try {
      const taken = planStaff(50).users[0]?.email ?? '';
      await fresh.pool.query(
        `INSERT INTO users (id, name, email, role) VALUES ('someone-else', 'X', $1, 'admin')`,
        [taken.toUpperCase()],
      );
      const error = await rejection(loadDemo(fresh, { ...DEMO, customers: 50 }));
      expect(isAppError(error) && error.code).toBe('DEMO_EMAIL_TAKEN');
      expect(await count(fresh, 'SELECT count(*) AS n FROM customers')).toBe(0);
      expect(await count(fresh, `SELECT count(*) AS n FROM users WHERE id LIKE 'demo-%'`)).toBe(0);
    } finally {
      await fresh.close();
    }
  });
});

describe('a failed load', () => {
  it('leaves no rows behind and the indexes in place', async () => {
    const database = await createTestDatabase();
    try {
      const indexes = await indexNames(database);
      const error = await rejection(
        loadDemo(database, {
          ...DEMO,
          customers: 4500,
          onProgress: (progress) => {
            if (progress.phase === 'load' && progress.customersDone > 0) throw new Error('stop here');
          },
        }),
      );
      expect((error as Error).message).toBe('stop here');
      expect(await counts(database)).toEqual(Object.fromEntries(DEMO_TABLES.map((table) => [table, 0])));
      expect(await indexNames(database)).toEqual(indexes);
      expect(
        await count(database, `SELECT count(*) AS n FROM pg_description WHERE description LIKE 'stratum:%'`),
      ).toBe(0);
    } finally {
      await database.close();
    }
  });
});

describe('a load killed while its indexes were down', () => {
  it('is repaired by the next load, which puts indexes, foreign keys and comments back first', async () => {
    const database = await createTestDatabase();
    const client = await database.pool.connect();
    try {
      const indexes = await indexNames(database);
      const keys = `SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f'`;
      const foreignKeys = await count(database, keys);
      await client.query(`COMMENT ON TABLE orders IS 'kept'`);
      // What a killed load leaves: indexes and foreign keys dropped, the note saying so committed.
      await suspendIndexes(client, { indexes: DEMO_TABLES, foreignKeys: DEMO_TABLES });
      expect((await indexNames(database)).length).toBeLessThan(indexes.length);
      await loadDemo(database, { ...DEMO, customers: 100 });
      expect(await indexNames(database)).toEqual(indexes);
      expect(await count(database, keys)).toBe(foreignKeys);
      const { rows } = await client.query<{ comment: string | null }>(
        `SELECT obj_description('orders'::regclass) AS comment`,
      );
      expect(rows[0]?.comment).toBe('kept');
    } finally {
      client.release();
      await database.close();
    }
  });
});

describe('loadDemoIfEmpty', () => {
  it('loads once and then leaves the book alone', async () => {
    const database = await createTestDatabase();
    try {
      // A first start writes an audit entry (the first admin) before the demo: that must not block it.
      await database.pool.query(`INSERT INTO audit_log (action, entity) VALUES ('create', 'user')`);
      const first = await loadDemoIfEmpty(database, { ...DEMO, customers: 300 });
      expect(first.loaded).toBe(true);
      const after = await counts(database);
      const second = await loadDemoIfEmpty(database, { ...DEMO, customers: 300, seed: 77 });
      expect(second).toMatchObject({ loaded: false, reason: 'has_customers' });
      expect(await counts(database)).toEqual(after);

      // A load killed between its first and last commit leaves its marker: the partial book is replaced.
      const client = await database.pool.connect();
      await client.query(`DELETE FROM customers WHERE id > 100`);
      await markDemoLoading(client);
      client.release();
      const third = await loadDemoIfEmpty(database, { ...DEMO, customers: 300 });
      expect(third).toMatchObject({ loaded: true, repaired: true });
      expect(await counts(database)).toEqual(after);
    } finally {
      await database.close();
    }
  });
});
