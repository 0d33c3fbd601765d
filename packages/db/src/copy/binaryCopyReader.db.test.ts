import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../openDatabase.js';
import { createTestDatabase } from '../../../../test/testDatabase.js';
import { binary, numericAt, readBinaryCopy } from './binaryCopyReader.js';
import { releaseReads, takeReads } from './readBufferSocket.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

/**
 * The pool's connections hand COPY the socket's reused read buffer (readBufferSocket); any other
 * connection (here a plain pg.Client, as for TLS) is read through its 'data' events. Both must behave alike.
 */
const connections: Array<
  [string, () => Promise<{ client: pg.PoolClient | pg.Client; release: () => Promise<void> }>]
> = [
  [
    'a pool connection (reused read buffer)',
    async () => {
      const client = await database.pool.connect();
      return { client, release: () => Promise.resolve(client.release()) };
    },
  ],
  [
    'a plain client (data events)',
    async () => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      return { client, release: () => client.end() };
    },
  ],
];

describe.each(connections)('readBinaryCopy on %s', (kind, connect) => {
  it('takes the reads in place on pool connections only', async () => {
    const { client, release } = await connect();
    try {
      const socket = (client as unknown as { connection: { stream: object } }).connection.stream;
      const taken = takeReads(socket, () => undefined);
      releaseReads(socket);
      expect(taken).toBe(kind.startsWith('a pool'));
      expect((await client.query('SELECT 1 AS one')).rows[0]).toEqual({ one: 1 });
    } finally {
      await release();
    }
  });

  it('decodes ints, doubles, dates, NULLs and values that span stream chunks', async () => {
    const { client, release } = await connect();
    try {
      const ids: number[] = [];
      const doubles: number[] = [];
      const days: number[] = [];
      const blobLengths: number[] = [];
      let nulls = 0;
      const rows = await readBinaryCopy(
        client,
        `SELECT g::int8 AS id, g / 4.0::float8 AS half, date '1970-01-01' + g AS day,
                CASE WHEN g % 7 = 0 THEN NULL ELSE g::int4 END AS maybe,
                CASE WHEN g % 1000 = 0 THEN decode(repeat('ab', 100000), 'hex') END AS blob,
                (g::int8 * 1000000000) AS big
         FROM generate_series(1, 20000) g`,
        (buffer, offsets, lengths) => {
          ids.push(binary.int8(buffer, offsets[0]!));
          doubles.push(binary.float8(buffer, offsets[1]!));
          days.push(binary.date(buffer, offsets[2]!));
          if (offsets[3] === -1) nulls++;
          if (offsets[4] !== -1) blobLengths.push(lengths[4]!);
          expect(binary.int8(buffer, offsets[5]!)).toBe(ids[ids.length - 1]! * 1e9);
        },
      );
      expect(rows).toBe(20000);
      expect(ids[0]).toBe(1);
      expect(ids[19999]).toBe(20000);
      expect(doubles[2]).toBe(0.75);
      expect(days[9]).toBe(10);
      expect(nulls).toBe(Math.floor(20000 / 7));
      expect(blobLengths).toEqual(new Array(20).fill(100000));
    } finally {
      await release();
    }
  });

  it('reads negative int8 values and an empty result', async () => {
    const { client, release } = await connect();
    try {
      const values: number[] = [];
      await readBinaryCopy(
        client,
        `SELECT unnest(ARRAY[-1, -4294967297, 9007199254740991]::int8[])`,
        (b, o) => values.push(binary.int8(b, o[0]!)),
      );
      expect(values).toEqual([-1, -4294967297, 9007199254740991]);
      expect(await readBinaryCopy(client, 'SELECT 1 WHERE false', () => undefined)).toBe(0);
    } finally {
      await release();
    }
  });

  it('reports errors and leaves the connection usable: bad SQL, a failure mid-stream, a throwing handler', async () => {
    const { client, release } = await connect();
    try {
      await expect(readBinaryCopy(client, 'SELECT nonsense FROM nowhere', () => undefined)).rejects.toThrow(
        /nowhere/,
      );
      expect((await client.query('SELECT 1 AS one')).rows[0]).toEqual({ one: 1 });

      let seen = 0;
      await expect(
        readBinaryCopy(client, 'SELECT 1 / (50000 - g) FROM generate_series(1, 60000) g', () => seen++),
      ).rejects.toThrow(/division by zero/);
      expect(seen).toBeGreaterThan(0);
      expect((await client.query('SELECT 2 AS two')).rows[0]).toEqual({ two: 2 });

      let calls = 0;
      await expect(
        readBinaryCopy(client, 'SELECT g FROM generate_series(1, 50000) g', () => {
          if (++calls === 10) throw new Error('handler gave up');
        }),
      ).rejects.toThrow('handler gave up');
      expect(calls).toBe(10);
      expect((await client.query('SELECT 3 AS three')).rows[0]).toEqual({ three: 3 });
      expect(await readBinaryCopy(client, 'SELECT g FROM generate_series(1, 5) g', () => undefined)).toBe(5);
    } finally {
      await release();
    }
  });
});

describe('numericAt', () => {
  it('gives exactly what PostgreSQL casts to float8, for money-like, huge, tiny and special values', async () => {
    const client = await database.pool.connect();
    try {
      const decoded: number[] = [];
      const cast: number[] = [];
      await readBinaryCopy(
        client,
        `WITH v(n) AS (
           SELECT round((random() * 10 ^ (random() * 16))::numeric, 2) * sign(random() - 0.5)::numeric FROM generate_series(1, 20000)
           UNION ALL SELECT round(random()::numeric, (random() * 20)::int) FROM generate_series(1, 5000)
           UNION ALL SELECT (random() * 10 ^ (random() * 40 - 20))::numeric FROM generate_series(1, 5000)
           UNION ALL SELECT unnest(ARRAY[0, -0.01, 1e30, 123456789012345678901234567890.123, 1e-30, 'NaN',
                                         'Infinity', '-Infinity', 9007199254740993, 99999999999999.99]::numeric[]))
         SELECT n::numeric, n::numeric::float8 FROM v`,
        (_, offsets, __, view) => {
          decoded.push(numericAt(view, offsets[0]!));
          cast.push(view.getFloat64(offsets[1]!));
        },
      );
      expect(decoded).toHaveLength(30010);
      const differing = decoded.flatMap((value, i) => (Object.is(value, cast[i]) ? [] : [[value, cast[i]]]));
      expect(differing).toEqual([]);
    } finally {
      client.release();
    }
  });
});
