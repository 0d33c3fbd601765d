import { and, count, eq, gte, max, sql } from 'drizzle-orm';
import { orders } from '@stratum/db';
import type { Queryable } from '../app/transaction.js';
import { childResource } from '../customers/childResource.js';
import { orderError } from './orderErrors.js';

export const orderResource = childResource({
  entity: 'order',
  table: orders,
  timeColumn: orders.orderedAt,
  externalIdPrefix: 'ORD',
  notFound: (customerId, id) => orderError('ORDER_NOT_FOUND', `No order ${id} for customer ${customerId}`),
});

export interface OrderSummary {
  orderCount: number;
  /** Sum of amounts (returns included) over the last 12 months, as a decimal string. */
  revenueLast12Months: string;
  lastOrderAt: Date | null;
}

/** Order figures for one customer whose visibility the caller has already established. */
export async function orderSummary(db: Queryable, customerId: number, now: Date): Promise<OrderSummary> {
  const since = new Date(now);
  since.setUTCFullYear(since.getUTCFullYear() - 1);
  const [all] = await db
    .select({ orderCount: count(), lastOrderAt: max(orders.orderedAt) })
    .from(orders)
    .where(eq(orders.customerId, customerId));
  const [recent] = await db
    .select({ revenue: sql<string>`COALESCE(SUM(${orders.amount}), 0)::numeric(18,2)::text` })
    .from(orders)
    .where(and(eq(orders.customerId, customerId), gte(orders.orderedAt, since)));
  return {
    orderCount: all?.orderCount ?? 0,
    revenueLast12Months: recent?.revenue ?? '0.00',
    lastOrderAt: all?.lastOrderAt ?? null,
  };
}
