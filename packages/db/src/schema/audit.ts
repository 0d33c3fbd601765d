import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const ACTOR_KINDS = ['user', 'token', 'system'] as const;

/**
 * Append-only log of changes: before/after of the changed record. Bulk imports write one entry per
 * import plus one per *updated* row (inserted rows are summarised by the import's own record).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: text('actor_id'),
    actorKind: text('actor_kind', { enum: ACTOR_KINDS }).notNull().default('user'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    // The customer the change belongs to, so scoped users can read their customers' history.
    customerId: bigint('customer_id', { mode: 'number' }),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [
    index('audit_entity_idx').on(t.entity, t.entityId),
    index('audit_customer_idx').on(t.customerId, t.at),
    index('audit_at_idx').on(t.at),
  ],
);
