import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { auditLog } from '@stratum/db';
import type { Actor } from '../access/actor.js';
import { customerIdScopeCondition } from '../access/customerScope.js';
import { decodeCursor, encodeCursor, invalidCursor } from '../app/cursor.js';
import type { Queryable } from '../app/transaction.js';

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditQuery {
  entity?: string | undefined;
  entityId?: string | undefined;
  customerId?: number | undefined;
  actorId?: string | undefined;
  /** Limits the history to the customers this actor may see (inside the query). */
  scope?: Actor | undefined;
  limit: number;
  cursor?: string | undefined;
}

/**
 * The change history, newest first. Callers decide who may read what: the audit route needs audit:read,
 * and the customer route first proves the customer is in the caller's scope, then filters by it here.
 */
export async function listAudit(
  db: Queryable,
  query: AuditQuery,
): Promise<{ items: AuditRow[]; nextCursor: string | null }> {
  const conditions: SQL[] = [];
  if (query.entity) conditions.push(eq(auditLog.entity, query.entity));
  if (query.entityId) conditions.push(eq(auditLog.entityId, query.entityId));
  if (query.customerId !== undefined) conditions.push(eq(auditLog.customerId, query.customerId));
  if (query.actorId) conditions.push(eq(auditLog.actorId, query.actorId));
  if (query.scope) conditions.push(customerIdScopeCondition(query.scope, auditLog.customerId));
  if (query.cursor) {
    const [id] = decodeCursor(query.cursor);
    if (typeof id !== 'number') throw invalidCursor();
    conditions.push(lt(auditLog.id, id));
  }
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null };
}
