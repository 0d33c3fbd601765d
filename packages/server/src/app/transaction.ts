import type { Db } from '@stratum/db';

/** A transaction handle as drizzle passes it to `db.transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Anything a query can run on: the pool-backed db or an open transaction. */
export type Queryable = Db | Tx;
