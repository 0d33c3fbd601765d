import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Db } from '@stratum/db';
import type { Actor } from '../access/actor.js';
import { customerIdScopeCondition } from '../access/customerScope.js';
import { decodeCursor, encodeCursor, invalidCursor } from '../app/cursor.js';
import { generateExternalId } from '../app/externalId.js';
import type { Queryable, Tx } from '../app/transaction.js';
import type { AppError } from '../errors/appError.js';
import { writeAudit } from '../audit/auditWriter.js';
import { requireVisibleCustomer } from './customerService.js';

/** The columns every customer-scoped table has (see packages/db/src/schema/columns.ts). */
export type ChildTable = PgTable & {
  customerId: PgColumn;
  id: PgColumn;
  externalId: PgColumn;
  createdAt: PgColumn;
  createdBy: PgColumn;
  updatedAt: PgColumn;
  updatedBy: PgColumn;
};

export interface ChildResourceSpec<T extends ChildTable> {
  /** Singular name used in the audit log, e.g. 'order'. */
  readonly entity: string;
  readonly table: T;
  /** The time lists are ordered by, newest first (ordered_at, occurred_at …). */
  readonly timeColumn: PgColumn;
  /** Prefix of generated external ids, e.g. 'ORD'. */
  readonly externalIdPrefix: string;
  notFound(customerId: number, id: number): AppError;
  /** Rules that need the database or the whole record, on the record as it will be stored. */
  check?(tx: Tx, actor: Actor, customerId: number, record: Partial<T['$inferSelect']>): Promise<void>;
}

export interface ChildListQuery {
  limit: number;
  cursor?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

export interface ChildResource<T extends ChildTable> {
  readonly spec: ChildResourceSpec<T>;
  list(
    db: Queryable,
    actor: Actor,
    customerId: number,
    query: ChildListQuery,
  ): Promise<{ items: T['$inferSelect'][]; nextCursor: string | null }>;
  get(db: Queryable, actor: Actor, customerId: number, id: number): Promise<T['$inferSelect']>;
  create(
    db: Db,
    actor: Actor,
    customerId: number,
    values: Partial<T['$inferInsert']>,
  ): Promise<T['$inferSelect']>;
  update(
    db: Db,
    actor: Actor,
    customerId: number,
    id: number,
    values: Partial<T['$inferInsert']>,
  ): Promise<T['$inferSelect']>;
  remove(db: Db, actor: Actor, customerId: number, id: number): Promise<void>;
}

/**
 * CRUD for a table that belongs to a customer (contacts, orders, interactions …). Every query carries the
 * caller's data scope (customerIdScopeCondition) and first proves the customer is visible, so another
 * manager's customer answers CUSTOMER_NOT_FOUND, as if it did not exist. Every change is audited in its
 * own transaction.
 */
export function childResource<T extends ChildTable>(spec: ChildResourceSpec<T>): ChildResource<T> {
  type Row = T['$inferSelect'];
  type Values = Partial<T['$inferInsert']>;
  const table: ChildTable = spec.table;

  const scoped = (actor: Actor, customerId: number): SQL[] => [
    eq(table.customerId, customerId),
    customerIdScopeCondition(actor, table.customerId),
  ];

  async function findForUpdate(tx: Tx, actor: Actor, customerId: number, id: number): Promise<Row> {
    await requireVisibleCustomer(tx, actor, customerId);
    const rows = (await tx
      .select()
      .from(table)
      .where(and(...scoped(actor, customerId), eq(table.id, id)))
      .for('update')) as Row[];
    const row = rows[0];
    if (!row) throw spec.notFound(customerId, id);
    return row;
  }

  return {
    spec,
    async list(db, actor, customerId, query) {
      await requireVisibleCustomer(db, actor, customerId);
      const conditions = scoped(actor, customerId);
      if (query.from) conditions.push(gte(spec.timeColumn, query.from));
      if (query.to) conditions.push(lt(spec.timeColumn, query.to));
      if (query.cursor) {
        const [time, id] = decodeCursor(query.cursor);
        if (typeof time !== 'string' || typeof id !== 'number') throw invalidCursor();
        conditions.push(sql`(${spec.timeColumn}, ${table.id}) < (${time}::timestamptz, ${id})`);
      }
      const rows = await db
        .select({ row: table, sortKey: sql<string>`${spec.timeColumn}::text` })
        .from(table)
        .where(and(...conditions))
        .orderBy(desc(spec.timeColumn), desc(table.id))
        .limit(query.limit + 1);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => r.row as Row),
        nextCursor:
          rows.length > query.limit && last
            ? encodeCursor([last.sortKey, (last.row as Row).id as number])
            : null,
      };
    },

    async get(db, actor, customerId, id) {
      await requireVisibleCustomer(db, actor, customerId);
      const rows = (await db
        .select()
        .from(table)
        .where(and(...scoped(actor, customerId), eq(table.id, id)))) as Row[];
      const row = rows[0];
      if (!row) throw spec.notFound(customerId, id);
      return row;
    },

    async create(db, actor, customerId, values) {
      return db.transaction(async (tx) => {
        await requireVisibleCustomer(tx, actor, customerId);
        const record = {
          ...values,
          customerId,
          externalId:
            (values as { externalId?: string }).externalId ?? generateExternalId(spec.externalIdPrefix),
          createdBy: actor.userId,
          updatedBy: actor.userId,
        } as T['$inferInsert'];
        await spec.check?.(tx, actor, customerId, record);
        const [created] = (await tx.insert(spec.table).values(record).returning()) as Row[];
        if (!created) throw new Error('insert returned no row');
        await writeAudit(tx, actor, {
          action: 'create',
          entity: spec.entity,
          entityId: idOf(created),
          customerId,
          after: created,
        });
        return created;
      });
    },

    async update(db, actor, customerId, id, values: Values) {
      return db.transaction(async (tx) => {
        const before = await findForUpdate(tx, actor, customerId, id);
        await spec.check?.(tx, actor, customerId, { ...before, ...values, id });
        const changes = { ...values, updatedAt: new Date(), updatedBy: actor.userId } as PgUpdateSetSource<T>;
        const [after] = (await tx
          .update(spec.table)
          .set(changes)
          .where(and(eq(table.customerId, customerId), eq(table.id, id)))
          .returning()) as Row[];
        if (!after) throw spec.notFound(customerId, id);
        await writeAudit(tx, actor, {
          action: 'update',
          entity: spec.entity,
          entityId: id,
          customerId,
          before,
          after,
        });
        return after;
      });
    },

    async remove(db, actor, customerId, id) {
      await db.transaction(async (tx) => {
        const before = await findForUpdate(tx, actor, customerId, id);
        await tx.delete(table).where(and(eq(table.customerId, customerId), eq(table.id, id)));
        await writeAudit(tx, actor, {
          action: 'delete',
          entity: spec.entity,
          entityId: id,
          customerId,
          before,
        });
      });
    },
  };
}

function idOf(row: object): number {
  return (row as { id: number }).id;
}
