import { and, count, eq, inArray } from 'drizzle-orm';
import { complaints } from '@stratum/db';
import type { Queryable } from '../app/transaction.js';
import { childResource } from '../customers/childResource.js';
import { complaintError } from './complaintErrors.js';

export const complaintResource = childResource({
  entity: 'complaint',
  table: complaints,
  timeColumn: complaints.openedAt,
  externalIdPrefix: 'CMP',
  notFound: (customerId, id) =>
    complaintError('COMPLAINT_NOT_FOUND', `No complaint ${id} for customer ${customerId}`),
  check(_tx, _actor, _customerId, record) {
    if (record.resolvedAt && record.openedAt && record.resolvedAt < record.openedAt) {
      throw complaintError('COMPLAINT_RESOLVED_BEFORE_OPENED', 'resolvedAt is before openedAt', {
        field: 'resolvedAt',
      });
    }
    return Promise.resolve();
  },
});

/** Complaints not yet resolved (open or in progress) of a customer the caller may see. */
export async function countOpenComplaints(db: Queryable, customerId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(complaints)
    .where(and(eq(complaints.customerId, customerId), inArray(complaints.status, ['open', 'in_progress'])));
  return row?.n ?? 0;
}
