import type { Database } from '@stratum/db';
import { isAppError } from '../errors/appError.js';
import { isDemoLoading } from './demoLoadMarker.js';
import { loadDemo, type DemoLoadResult, type LoadDemoOptions } from './loadDemo.js';

export type LoadDemoIfEmptyResult =
  | ({ readonly loaded: true } & DemoLoadResult)
  | {
      readonly loaded: false;
      /** has_customers: the book is not empty; busy: another process is loading the demo right now. */
      readonly reason: 'has_customers' | 'not_empty' | 'busy';
      readonly message: string;
    };

/**
 * For `stratum serve` on a fresh data directory: loads the default demo only when there are no
 * customers, and says what it did. Never deletes anything; safe to call on every start and from
 * several instances at once (one loads, the others find it busy or no longer empty).
 */
export async function loadDemoIfEmpty(
  database: Database,
  options: Omit<LoadDemoOptions, 'reset'> = {},
): Promise<LoadDemoIfEmptyResult> {
  const { rows } = await database.pool.query<{ any: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM customers) AS any',
  );
  // A partial book left by a killed demo load is not a customer book: loadDemo clears and reloads it.
  if (rows[0]?.any && !(await isDemoLoading(database.pool))) {
    return { loaded: false, reason: 'has_customers', message: 'The database already has customers' };
  }
  try {
    return { loaded: true, ...(await loadDemo(database, { ...options, reset: false })) };
  } catch (error) {
    if (isAppError(error) && error.code === 'DEMO_BUSY')
      return { loaded: false, reason: 'busy', message: error.message };
    if (isAppError(error) && error.code === 'DEMO_DATABASE_NOT_EMPTY') {
      const reason = (error.details as { customers?: number } | undefined)?.customers
        ? 'has_customers'
        : 'not_empty';
      return { loaded: false, reason, message: error.message };
    }
    throw error;
  }
}
