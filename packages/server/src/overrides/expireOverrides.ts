import { overrides, type Db } from '@stratum/db';
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { writeAudit } from '../audit/auditWriter.js';
import { parseIsoDay } from '../time/index.js';
import { recordOverrideEvent } from './overrideEvents.js';
import { expiredMessage } from './overrideMessages.js';
import { findOverride } from './overrideStore.js';

export interface ExpiredOverride {
  id: number;
  customerId: number;
  /** 'approved': it applied until its last day; 'pending': nobody decided it in time. */
  previousStatus: 'approved' | 'pending';
  tier: string;
  expiresOn: string;
}

/**
 * Ends every override whose last day is before `today` (YYYY-MM-DD, org timezone): approved ones stop
 * applying (the computed tier is shown again, and runs stopped applying them after their last day anyway),
 * and pending ones nobody decided in time lapse, so they no longer block a new request for the customer.
 * Each becomes 'expired' with its audit entry (by the system), an override.expired event and a
 * notification to the customer's owner ("the computed tier applies again"; a lapsed request also tells its
 * requester). Idempotent and catching up: a missed day is handled by the next call. Rows another
 * transaction is deciding right now are skipped and caught by the next call.
 */
export async function expireOverrides(db: Db, today: string): Promise<ExpiredOverride[]> {
  if (parseIsoDay(today) === undefined)
    throw new RangeError(`expireOverrides: today must be YYYY-MM-DD, not "${today}"`);
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(overrides)
      .where(and(inArray(overrides.status, ['approved', 'pending']), lt(overrides.expiresOn, today)))
      .orderBy(asc(overrides.id))
      .for('update', { skipLocked: true });
    const expired: ExpiredOverride[] = [];
    for (const before of due) {
      const previousStatus = before.status as 'approved' | 'pending';
      await tx
        .update(overrides)
        .set({ status: 'expired', expiredAt: sql`now()` })
        .where(eq(overrides.id, before.id));
      // Null when the customer was deleted: the override still ends, nobody is told about it.
      const record = await findOverride(tx, SYSTEM_ACTOR, before.id);
      await writeAudit(tx, SYSTEM_ACTOR, {
        action: 'update',
        entity: 'override',
        entityId: before.id,
        customerId: before.customerId,
        before,
        after: record ?? { ...before, status: 'expired' },
      });
      if (record) {
        const wasPending = previousStatus === 'pending';
        await recordOverrideEvent(
          tx,
          'override.expired',
          record,
          { previousStatus, today },
          wasPending ? [record.ownerId, record.requestedBy] : [record.ownerId],
          expiredMessage(record, wasPending),
        );
      }
      expired.push({
        id: before.id,
        customerId: before.customerId,
        previousStatus,
        tier: before.tier,
        expiresOn: before.expiresOn,
      });
    }
    return expired;
  });
}
