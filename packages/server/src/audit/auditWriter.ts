import { auditLog } from '@stratum/db';
import type { Actor } from '../access/actor.js';
import type { Queryable } from '../app/transaction.js';

export type AuditAction = 'create' | 'update' | 'delete' | 'revoke' | 'deactivate';

export interface AuditEntry {
  readonly action: AuditAction;
  /** Singular entity name, e.g. 'customer', 'order', 'user'. */
  readonly entity: string;
  readonly entityId: string | number;
  readonly customerId?: number | null;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** Records one change. Call it with the transaction that makes the change, so both commit or neither. */
export async function writeAudit(tx: Queryable, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: actor.userId,
    actorKind: actor.kind,
    action: entry.action,
    entity: entry.entity,
    entityId: String(entry.entityId),
    customerId: entry.customerId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
