import { bigint, numeric, text, timestamp } from 'drizzle-orm/pg-core';

/** Who changed a row and when: every table users change carries these. */
export const changeStamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: text('created_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by'),
};

/** Money is numeric(18,2), read as a string by `pg` so no float ever touches it. */
export const money = (name: string) => numeric(name, { precision: 18, scale: 2 });

/** Customer-scoped tables are keyed by (customer_id, id) so they can be distributed by customer (Citus). */
export const customerScopedKey = {
  customerId: bigint('customer_id', { mode: 'number' }).notNull(),
  id: bigint('id', { mode: 'number' }).notNull().generatedByDefaultAsIdentity(),
};
