import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../openDatabase.js';
import { createTestDatabase } from '../../../../test/testDatabase.js';
import { writeBinaryCopy, type BinaryRowEncoder } from './binaryCopyWriter.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('writeBinaryCopy', () => {
  it('round-trips every supported type, NULLs and non-finite values, across many chunks', async () => {
    const client = await database.pool.connect();
    try {
      await client.query(
        `CREATE TEMP TABLE t (a int8, b int4, c int2, d real, e float8, f date, g text, h bytea)`,
      );
      const n = 100_000;
      let progressCalls = 0;
      await writeBinaryCopy(
        client,
        'COPY t FROM STDIN (FORMAT binary)',
        n,
        (enc, i) => {
          enc
            .row(8)
            .int8(i === 5 ? Number.NaN : (i % 2 ? -1 : 1) * i * 1e9)
            .int4(-i)
            .int2(i % 30000)
            .float4(i === 7 ? Number.POSITIVE_INFINITY : i / 4)
            .float8(i / 3)
            .date(i === 9 ? Number.NaN : 10957 + (i % 1000))
            .text(i % 2 ? `客户${i}` : null)
            .bytes(4, (view, offset) => view.setInt32(offset, i));
        },
        () => progressCalls++,
      );
      const check = await client.query<Record<string, string | null>>(
        `SELECT count(*) AS n, sum(b)::text AS b, count(a) AS a, count(d) AS d, count(f) AS f, count(g) AS g,
                max(e)::text AS e, min(f)::text AS fmin, sum(get_byte(h, 3))::text AS h
         FROM t`,
      );
      const row = check.rows[0]!;
      expect(Number(row.n)).toBe(n);
      expect(Number(row.b)).toBe(-((n - 1) * n) / 2);
      expect(Number(row.a)).toBe(n - 1);
      expect(Number(row.d)).toBe(n - 1);
      expect(Number(row.f)).toBe(n - 1);
      expect(Number(row.g)).toBe(n / 2);
      expect(Number(row.e)).toBeCloseTo((n - 1) / 3, 6);
      expect(row.fmin).toBe('2000-01-01');
      const bytes = await client.query<{ a: string; g: string }>(`SELECT a::text, g FROM t WHERE b = -12345`);
      expect(bytes.rows[0]).toEqual({ a: String(-12345 * 1e9), g: '客户12345' });
      expect(progressCalls).toBeGreaterThan(1);
    } finally {
      client.release();
    }
  });

  it('reports failures and leaves the connection usable with nothing written: bad SQL, a row the server refuses, a throwing encoder', async () => {
    const client = await database.pool.connect();
    try {
      await client.query('CREATE TEMP TABLE c (n int4 CHECK (n <> 250000))');
      const fill = (from: number) => (enc: BinaryRowEncoder, i: number) => void enc.row(1).int4(from + i);
      await expect(
        writeBinaryCopy(client, 'COPY nowhere FROM STDIN (FORMAT binary)', 10, fill(0)),
      ).rejects.toThrow(/nowhere/);
      expect((await client.query('SELECT 1 AS one')).rows[0]).toEqual({ one: 1 });

      // Refused well after the first messages went out (≈ 9 bytes a row, 1 MB a message).
      await expect(
        writeBinaryCopy(client, 'COPY c FROM STDIN (FORMAT binary)', 400_000, fill(0)),
      ).rejects.toThrow(/check constraint/);
      expect((await client.query('SELECT count(*)::int AS n FROM c')).rows[0]).toEqual({ n: 0 });

      let encoded = 0;
      await expect(
        writeBinaryCopy(client, 'COPY c FROM STDIN (FORMAT binary)', 400_000, (enc, i) => {
          if (++encoded === 300_000) throw new Error('encoder gave up');
          enc.row(1).int4(i);
        }),
      ).rejects.toThrow('encoder gave up');
      expect((await client.query('SELECT count(*)::int AS n FROM c')).rows[0]).toEqual({ n: 0 });

      await writeBinaryCopy(client, 'COPY c FROM STDIN (FORMAT binary)', 1000, fill(1));
      expect((await client.query('SELECT count(*)::int AS n, sum(n)::int AS s FROM c')).rows[0]).toEqual({
        n: 1000,
        s: 500500,
      });
    } finally {
      client.release();
    }
  });
});
