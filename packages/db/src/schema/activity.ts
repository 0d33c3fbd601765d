import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './auth.js';
import { changeStamps, customerScopedKey, money } from './columns.js';

/*
 * Customer-scoped tables. Each carries customer_id and a primary key (customer_id, id), so on Citus they
 * are distributed by customer and co-located with customers: every per-customer query pushes down to one
 * shard. They deliberately have no foreign key to customers: imports resolve customer ids by a join
 * (so a dangling id cannot be written) and a per-row RI trigger would cost more than the COPY itself on
 * 20M orders; customers are only ever soft-deleted. `external_id` is the identity an import matches on: unique per customer;
 * for rows whose files carry no id (interactions, surveys, referrals) the importer derives it from the
 * row's natural key, which is what makes re-importing a file a no-op.
 */

export const CONTACT_ROLES = ['decision_maker', 'influencer', 'user', 'champion', 'blocker'] as const;
export const CONTACT_ATTITUDES = ['supportive', 'neutral', 'opposed'] as const;

export const contacts = pgTable(
  'contacts',
  {
    ...customerScopedKey,
    externalId: text('external_id').notNull(),
    name: text('name').notNull(),
    title: text('title'),
    role: text('role', { enum: CONTACT_ROLES }),
    attitude: text('attitude', { enum: CONTACT_ATTITUDES }),
    email: text('email'),
    phone: text('phone'),
    reportsToId: bigint('reports_to_id', { mode: 'number' }),
    active: boolean('active').notNull().default(true),
    // When the contact left (became inactive): drives the "decision maker left" churn signal.
    leftAt: timestamp('left_at', { withTimezone: true }),
    ...changeStamps,
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.id] }),
    uniqueIndex('contacts_external_uq').on(t.customerId, t.externalId),
    index('contacts_external_idx').on(t.externalId),
  ],
);

export const orders = pgTable(
  'orders',
  {
    ...customerScopedKey,
    externalId: text('external_id').notNull(),
    orderedAt: timestamp('ordered_at', { withTimezone: true }).notNull(),
    amount: money('amount').notNull(),
    margin: money('margin'),
    currency: text('currency').notNull().default('CNY'),
    category: text('category'),
    channel: text('channel'),
    ...changeStamps,
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.id] }),
    uniqueIndex('orders_external_uq').on(t.customerId, t.externalId),
    // Finds an external id already used by another customer (order ids are unique across customers).
    index('orders_external_idx').on(t.externalId),
    index('orders_customer_time_idx').on(t.customerId, t.orderedAt),
  ],
);

export const INTERACTION_KINDS = ['visit', 'call', 'email', 'meeting', 'event', 'other'] as const;

export const interactions = pgTable(
  'interactions',
  {
    ...customerScopedKey,
    externalId: text('external_id').notNull(),
    kind: text('kind', { enum: INTERACTION_KINDS }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    contactId: bigint('contact_id', { mode: 'number' }),
    summary: text('summary'),
    outcome: text('outcome'),
    ...changeStamps,
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.id] }),
    uniqueIndex('interactions_external_uq').on(t.customerId, t.externalId),
    index('interactions_customer_time_idx').on(t.customerId, t.occurredAt),
  ],
);

export const SURVEY_KINDS = ['csat', 'nps'] as const;

export const surveys = pgTable(
  'surveys',
  {
    ...customerScopedKey,
    externalId: text('external_id').notNull(),
    kind: text('kind', { enum: SURVEY_KINDS }).notNull(),
    score: smallint('score').notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull(),
    contactId: bigint('contact_id', { mode: 'number' }),
    comment: text('comment'),
    ...changeStamps,
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.id] }),
    uniqueIndex('surveys_external_uq').on(t.customerId, t.externalId),
    index('surveys_customer_time_idx').on(t.customerId, t.answeredAt),
    check(
      'surveys_score_range',
      sql`(${t.kind} = 'csat' AND ${t.score} BETWEEN 1 AND 5) OR (${t.kind} = 'nps' AND ${t.score} BETWEEN 0 AND 10)`,
    ),
  ],
);

export const COMPLAINT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const COMPLAINT_STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;

export const complaints = pgTable(
  'complaints',
  {
    ...customerScopedKey,
    externalId: text('external_id').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    severity: text('severity', { enum: COMPLAINT_SEVERITIES }).notNull().default('medium'),
    category: text('category'),
    status: text('status', { enum: COMPLAINT_STATUSES }).notNull().default('open'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    ...changeStamps,
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.id] }),
    uniqueIndex('complaints_external_uq').on(t.customerId, t.externalId),
    index('complaints_external_idx').on(t.externalId),
    index('complaints_customer_time_idx').on(t.customerId, t.openedAt),
  ],
);

/** A referral made by customer_id (the referrer); the referred party may or may not be a customer yet. */
export const referrals = pgTable(
  'referrals',
  {
    ...customerScopedKey,
    externalId: text('external_id').notNull(),
    referredCustomerId: bigint('referred_customer_id', { mode: 'number' }),
    referredExternalId: text('referred_external_id'),
    referredName: text('referred_name'),
    referredAt: timestamp('referred_at', { withTimezone: true }).notNull(),
    ...changeStamps,
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.id] }),
    uniqueIndex('referrals_external_uq').on(t.customerId, t.externalId),
    index('referrals_customer_time_idx').on(t.customerId, t.referredAt),
  ],
);
