import type pg from 'pg';

/**
 * Runs `work` between BEGIN and COMMIT on `client`. If anything fails, the transaction is rolled back
 * (best effort: a broken connection cannot answer) and the error passed on.
 */
export async function inTransaction<T>(client: pg.ClientBase, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
