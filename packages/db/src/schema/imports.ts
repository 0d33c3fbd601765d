import { bigint, integer, jsonb, pgTable, text, timestamp, index } from 'drizzle-orm/pg-core';
import { users } from './auth.js';

export const IMPORT_ENTITIES = [
  'customers',
  'orders',
  'contacts',
  'interactions',
  'surveys',
  'complaints',
  'referrals',
] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];
export const IMPORT_STATUSES = ['queued', 'running', 'succeeded', 'rejected', 'failed'] as const;

/**
 * One import of one file. The data it writes lands in a single transaction; this record is written
 * outside it, so a crash leaves a 'running' row that start-up marks 'failed' (and nothing else).
 */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    entity: text('entity', { enum: IMPORT_ENTITIES }).notNull(),
    fileName: text('file_name').notNull(),
    filePath: text('file_path'),
    format: text('format').notNull(),
    encoding: text('encoding'),
    skipInvalid: integer('skip_invalid').notNull().default(0),
    status: text('status', { enum: IMPORT_STATUSES }).notNull().default('queued'),
    phase: text('phase'),
    bytesTotal: bigint('bytes_total', { mode: 'number' }),
    bytesRead: bigint('bytes_read', { mode: 'number' }).notNull().default(0),
    rowsRead: bigint('rows_read', { mode: 'number' }).notNull().default(0),
    inserted: bigint('inserted', { mode: 'number' }).notNull().default(0),
    updated: bigint('updated', { mode: 'number' }).notNull().default(0),
    unchanged: bigint('unchanged', { mode: 'number' }).notNull().default(0),
    rejected: bigint('rejected', { mode: 'number' }).notNull().default(0),
    // The first rejected rows (line, column, value, reason); the full list is in import_errors.
    summary: jsonb('summary'),
    error: text('error'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('import_jobs_created_idx').on(t.createdAt)],
);

export const importErrors = pgTable(
  'import_errors',
  {
    importId: bigint('import_id', { mode: 'number' })
      .notNull()
      .references(() => importJobs.id, { onDelete: 'cascade' }),
    line: bigint('line', { mode: 'number' }).notNull(),
    column: text('column'),
    value: text('value'),
    code: text('code').notNull(),
    message: text('message').notNull(),
  },
  (t) => [index('import_errors_import_idx').on(t.importId, t.line)],
);
