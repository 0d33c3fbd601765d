import type pg from 'pg';
import type { Db } from '@stratum/db';
import { restoreSuspendedIndexes, suspendIndexes } from './bulkIndexes.js';
import { businessTables, describeBusinessData, emptyBusinessTables } from './businessData.js';
import { clearDemoLoading, isDemoLoading, markDemoLoading } from './demoLoadMarker.js';
import { demoError } from './demoErrors.js';
import { DEMO_TABLES } from './demoOutput.js';
import { writeDemoStaff } from './demoStaffRows.js';
import type { DemoStaff } from './staff.js';

/**
 * What a load into empty tables drops and rebuilds (measured: bench/demo):
 * - rebuild (default): every secondary index and foreign key of the demo tables; after the load each index
 *   is built by one sort and each foreign key checked by one join. Fastest on both databases.
 * - partial: only foreign keys and the customers table's indexes (those the load would update at random
 *   places); the activity tables keep theirs, their rows arriving in key order.
 * - keep: nothing.
 */
export const INDEX_STRATEGIES = ['rebuild', 'partial', 'keep'] as const;
export type IndexStrategy = (typeof INDEX_STRATEGIES)[number];

/** Filled by the load but not required to be empty before it, and never emptied behind the user's back. */
const HISTORY_TABLES = new Set(['audit_log', 'import_errors', 'import_jobs']);

export interface PreparedLoad {
  /** Whether existing business data was deleted (--reset). */
  readonly reset: boolean;
  /** Whether a partial demo left by a killed load was cleared. */
  readonly repaired: boolean;
  /** Indexes and foreign keys dropped for the load. */
  readonly suspended: readonly string[];
  /** Empties what the load fills (not the history tables): the clean-up after a failed load. */
  readonly undo: () => Promise<void>;
}

/**
 * Makes the database ready for a demo load: repairs what a killed load left (indexes, a partial book),
 * refuses business data unless `reset`, writes the demo staff, drops what the index strategy says, and
 * marks the load as running.
 */
export async function prepareDemoLoad(
  control: pg.Client,
  connect: () => Promise<pg.Client>,
  db: Db,
  options: { staff: DemoStaff; reset: boolean; indexes: IndexStrategy },
): Promise<PreparedLoad> {
  await restoreSuspendedIndexes(connect);
  const tables = await businessTables(control);
  const filled = tables.filter((table) => !HISTORY_TABLES.has(table));
  const undo = async () => {
    await emptyBusinessTables(control, filled);
    await clearDemoLoading(control);
  };
  const repaired = await isDemoLoading(control);
  if (repaired) await undo();

  const existing = await describeBusinessData(control, tables);
  const blocking = existing.nonEmpty.filter((table) => !HISTORY_TABLES.has(table));
  if (blocking.length > 0 && !options.reset) {
    throw demoError(
      'DEMO_DATABASE_NOT_EMPTY',
      `The database already holds data (${existing.customers.toLocaleString('en-US')} customers; ` +
        `non-empty: ${blocking.join(', ')}). Use --reset to delete all customers and their contacts, orders, ` +
        `interactions, surveys, complaints, referrals, the audit log and import history, and load the demo ` +
        `instead (user accounts other than demo ones are kept).`,
      { customers: existing.customers, tables: blocking },
    );
  }
  const reset = options.reset && existing.nonEmpty.length > 0;
  if (reset) await emptyBusinessTables(control, tables);
  await writeDemoStaff(db, options.staff);
  const suspended =
    options.indexes === 'keep'
      ? []
      : await suspendIndexes(control, {
          indexes: options.indexes === 'rebuild' ? DEMO_TABLES : ['customers'],
          foreignKeys: DEMO_TABLES,
        });
  await markDemoLoading(control);
  return { reset, repaired, suspended, undo };
}
