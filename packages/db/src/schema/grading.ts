import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './auth.js';

/*
 * Grading: versioned models, runs, their grades (table `grades`, partitioned by run — created by the
 * custom migration 0004, see packages/db/src/grading/gradesTable.ts), the pointer to the current run of
 * each model family, tier changes, governed overrides, events and their deliveries.
 */

export const MODEL_STATUSES = ['draft', 'published', 'archived'] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];

/** One version of a grading model (a validated core GradingModel document). */
export const gradingModels = pgTable(
  'grading_models',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    /** The model family: versions of one model share it. */
    key: text('key').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: MODEL_STATUSES }).notNull().default('draft'),
    document: jsonb('document').$type<Record<string, unknown>>().notNull(),
    /** Segment precedence among published models: the lowest number whose segment matches grades a customer. */
    priority: integer('priority').notNull().default(100),
    /** Cron expression (5 fields) of scheduled runs in the org timezone; null = no schedule. */
    schedule: text('schedule').default('0 2 1 * *'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: text('created_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: text('published_by'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    archivedBy: text('archived_by'),
  },
  (t) => [
    uniqueIndex('grading_models_key_version_uq').on(t.key, t.version),
    // At most one published version per family.
    uniqueIndex('grading_models_published_uq')
      .on(t.key)
      .where(sql`${t.status} = 'published'`),
  ],
);

export const RUN_KINDS = ['manual', 'scheduled', 'whatif', 'backtest'] as const;
export type RunKind = (typeof RUN_KINDS)[number];
export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const gradingRuns = pgTable(
  'grading_runs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    modelId: bigint('model_id', { mode: 'number' })
      .notNull()
      .references(() => gradingModels.id),
    kind: text('kind', { enum: RUN_KINDS }).notNull().default('manual'),
    dryRun: boolean('dry_run').notNull().default(false),
    status: text('status', { enum: RUN_STATUSES }).notNull().default('queued'),
    phase: text('phase'),
    /** 0…1 within the whole run. */
    progress: real('progress').notNull().default(0),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    customers: integer('customers'),
    stats: jsonb('stats'),
    error: text('error'),
    requestedBy: text('requested_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** Refreshed while the run works; a stale heartbeat on a running run means its process died. */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    index('grading_runs_model_idx').on(t.modelId, t.createdAt),
    // One grading run per model at a time (what-if previews and backtests write nothing current).
    uniqueIndex('grading_runs_one_active_uq')
      .on(t.modelId)
      .where(sql`${t.status} IN ('queued', 'running') AND ${t.kind} IN ('manual', 'scheduled')`),
  ],
);

/** The published run of each model family: what "current grade" means. Publishing flips this row. */
export const gradingCurrent = pgTable('grading_current', {
  modelKey: text('model_key').primaryKey(),
  modelId: bigint('model_id', { mode: 'number' })
    .notNull()
    .references(() => gradingModels.id),
  runId: bigint('run_id', { mode: 'number' })
    .notNull()
    .references(() => gradingRuns.id),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A customer's final tier changed between the previous current run and this run. */
export const tierChanges = pgTable(
  'tier_changes',
  {
    runId: bigint('run_id', { mode: 'number' }).notNull(),
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    /** Tier keys of the respective runs' models (null = the customer was not graded before). */
    fromTier: text('from_tier'),
    toTier: text('to_tier').notNull(),
    fromScore: real('from_score'),
    toScore: real('to_score').notNull(),
    /** TIER_REASON bit flags of the new grade. */
    reasons: integer('reasons').notNull().default(0),
    direction: smallint('direction').notNull(),
  },
  (t) => [index('tier_changes_run_idx').on(t.runId), index('tier_changes_customer_idx').on(t.customerId)],
);

export const OVERRIDE_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn', 'expired'] as const;
export type OverrideStatus = (typeof OVERRIDE_STATUSES)[number];

/** A governed manual tier (人工调整): requested with a reason and an expiry, decided by someone else. */
export const overrides = pgTable(
  'overrides',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    modelKey: text('model_key').notNull(),
    tier: text('tier').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: OVERRIDE_STATUSES }).notNull().default('pending'),
    /** Last day (org timezone) the override applies. */
    expiresOn: date('expires_on', { mode: 'string' }).notNull(),
    requestedBy: text('requested_by').references(() => users.id, { onDelete: 'set null' }),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: text('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    expiredAt: timestamp('expired_at', { withTimezone: true }),
  },
  (t) => [
    index('overrides_customer_idx').on(t.customerId, t.status),
    index('overrides_status_idx').on(t.status, t.expiresOn),
    // One pending or approved override per customer and model family.
    uniqueIndex('overrides_one_live_uq')
      .on(t.customerId, t.modelKey)
      .where(sql`${t.status} IN ('pending', 'approved')`),
  ],
);

export const EVENT_KINDS = [
  'tier.changed',
  'churn.warning',
  'override.requested',
  'override.decided',
  'override.expired',
  'run.succeeded',
  'run.failed',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Domain events: the source of in-app notifications and webhook deliveries. */
export const events = pgTable(
  'events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    kind: text('kind', { enum: EVENT_KINDS }).notNull(),
    customerId: bigint('customer_id', { mode: 'number' }),
    runId: bigint('run_id', { mode: 'number' }),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('events_created_idx').on(t.createdAt), index('events_customer_idx').on(t.customerId)],
);

export const notifications = pgTable(
  'notifications',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    eventId: bigint('event_id', { mode: 'number' }).references(() => events.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    customerId: bigint('customer_id', { mode: 'number' }),
    /** zh and en texts, so the UI shows the reader's language. */
    title: jsonb('title').$type<{ zh: string; en: string }>().notNull(),
    body: jsonb('body').$type<{ zh: string; en: string }>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);

export const webhooks = pgTable('webhooks', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  url: text('url').notNull(),
  /** HMAC-SHA256 key for the X-Stratum-Signature header. */
  secret: text('secret').notNull(),
  events: text('events').array().notNull(),
  active: boolean('active').notNull().default(true),
  description: text('description'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: text('created_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by'),
});

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    webhookId: bigint('webhook_id', { mode: 'number' })
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    responseStatus: integer('response_status'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_hook_idx').on(t.webhookId, t.createdAt),
  ],
);

export const backtestReports = pgTable('backtest_reports', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  modelId: bigint('model_id', { mode: 'number' })
    .notNull()
    .references(() => gradingModels.id),
  asOf: date('as_of', { mode: 'string' }).notNull(),
  horizonDays: integer('horizon_days').notNull(),
  status: text('status', { enum: RUN_STATUSES }).notNull().default('queued'),
  report: jsonb('report'),
  error: text('error'),
  requestedBy: text('requested_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});
