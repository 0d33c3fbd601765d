import { bigint, customType, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * The per-customer activity rollup the grading run reads instead of scanning every order: one row per
 * customer, each column a packed array of fixed-width records sorted by day (layout:
 * packages/db/src/activity/activityLayout.ts). Derived data: rebuilt from the activity tables for every
 * customer listed in activity_dirty, which statement triggers on those tables fill (migration 0003).
 */
export const customerActivity = pgTable('customer_activity', {
  customerId: bigint('customer_id', { mode: 'number' }).primaryKey(),
  orders: bytea('orders'),
  categories: bytea('categories'),
  interactions: bytea('interactions'),
  surveys: bytea('surveys'),
  complaints: bytea('complaints'),
  referrals: bytea('referrals'),
  contactsLeft: bytea('contacts_left'),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Customers whose rollup row is stale. */
export const activityDirty = pgTable('activity_dirty', {
  customerId: bigint('customer_id', { mode: 'number' }).primaryKey(),
});

/** The timezone the rollup's day numbers were made in; a different org timezone forces a rebuild. */
export const activityMeta = pgTable('activity_meta', {
  id: integer('id').primaryKey(),
  timezone: text('timezone').notNull(),
});
