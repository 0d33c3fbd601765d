import { and, eq, isNull, sql } from 'drizzle-orm';
import { customers, type Db } from '@stratum/db';
import { dataScope, type Actor } from '../access/actor.js';
import { customerScopeCondition } from '../access/customerScope.js';
import { generateExternalId } from '../app/externalId.js';
import { withoutUndefined } from '../app/patch.js';
import type { Queryable } from '../app/transaction.js';
import { writeAudit } from '../audit/auditWriter.js';
import { findUser, isUserActive } from '../users/userService.js';
import { customerError, customerNotFound } from './customerErrors.js';
import {
  presentCustomer,
  type CreateCustomerInput,
  type CustomerRow,
  type UpdateCustomerInput,
} from './customerSchemas.js';

/** "Visible to this actor and not deleted": the condition every customer read and write starts from. */
export function visibleCustomer(actor: Actor) {
  return and(isNull(customers.deletedAt), customerScopeCondition(actor, customers.ownerId));
}

export async function findVisibleCustomer(
  db: Queryable,
  actor: Actor,
  id: number,
): Promise<CustomerRow | null> {
  const [row] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.id, id), visibleCustomer(actor)));
  return row ?? null;
}

/** The customer, or CUSTOMER_NOT_FOUND when it does not exist, is deleted, or is outside the actor's scope. */
export async function requireVisibleCustomer(db: Queryable, actor: Actor, id: number): Promise<CustomerRow> {
  const row = await findVisibleCustomer(db, actor, id);
  if (!row) throw customerNotFound(id);
  return row;
}

/** requireVisibleCustomer for a change: the row stays locked until the transaction ends. */
async function lockVisibleCustomer(tx: Queryable, actor: Actor, id: number): Promise<CustomerRow> {
  const [row] = await tx
    .select()
    .from(customers)
    .where(and(eq(customers.id, id), visibleCustomer(actor)))
    .for('update');
  if (!row) throw customerNotFound(id);
  return row;
}

export async function createCustomer(db: Db, actor: Actor, input: CreateCustomerInput): Promise<CustomerRow> {
  return db.transaction(async (tx) => {
    const ownerId = await resolveOwner(tx, actor, input.ownerId, undefined);
    if (input.parentId != null) await checkParent(tx, actor, null, input.parentId);
    const [created] = await tx
      .insert(customers)
      .values({
        externalId: input.externalId ?? generateExternalId('C'),
        name: input.name,
        industry: input.industry ?? null,
        region: input.region ?? null,
        employees: input.employees ?? null,
        companyRevenue: input.companyRevenue ?? null,
        marketPosition: input.marketPosition ?? null,
        parentId: input.parentId ?? null,
        ownerId,
        status: input.status ?? 'active',
        tags: dedupe(input.tags ?? []),
        attributes: input.attributes ?? {},
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning();
    if (!created) throw new Error('insert returned no row');
    await writeAudit(tx, actor, {
      action: 'create',
      entity: 'customer',
      entityId: created.id,
      customerId: created.id,
      after: presentCustomer(created),
    });
    return created;
  });
}

export async function updateCustomer(
  db: Db,
  actor: Actor,
  id: number,
  patch: UpdateCustomerInput,
): Promise<CustomerRow> {
  return db.transaction(async (tx) => {
    const before = await lockVisibleCustomer(tx, actor, id);
    const ownerId =
      patch.ownerId === undefined
        ? before.ownerId
        : await resolveOwner(tx, actor, patch.ownerId, before.ownerId);
    if (patch.parentId != null && patch.parentId !== before.parentId)
      await checkParent(tx, actor, id, patch.parentId);
    const [after] = await tx
      .update(customers)
      .set({
        ...withoutUndefined({
          externalId: patch.externalId,
          name: patch.name,
          industry: patch.industry,
          region: patch.region,
          employees: patch.employees,
          companyRevenue: patch.companyRevenue,
          marketPosition: patch.marketPosition,
          parentId: patch.parentId,
          status: patch.status,
          attributes: patch.attributes,
        }),
        ...(patch.tags !== undefined ? { tags: dedupe(patch.tags) } : {}),
        ownerId,
        updatedAt: new Date(),
        updatedBy: actor.userId,
      })
      .where(eq(customers.id, id))
      .returning();
    if (!after) throw customerNotFound(id);
    await writeAudit(tx, actor, {
      action: 'update',
      entity: 'customer',
      entityId: id,
      customerId: id,
      before: presentCustomer(before),
      after: presentCustomer(after),
    });
    return after;
  });
}

/** Soft delete: the customer disappears from every read; its history stays for audit and reports. */
export async function deleteCustomer(db: Db, actor: Actor, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockVisibleCustomer(tx, actor, id);
    const now = new Date();
    await tx
      .update(customers)
      .set({ deletedAt: now, deletedBy: actor.userId, updatedAt: now, updatedBy: actor.userId })
      .where(eq(customers.id, id));
    await writeAudit(tx, actor, {
      action: 'delete',
      entity: 'customer',
      entityId: id,
      customerId: id,
      before: presentCustomer(before),
    });
  });
}

/**
 * Who owns a created or updated customer. Admins and directors assign anyone active; a team lead assigns
 * themself or a member of their team; an account manager owns what they create and cannot hand it over.
 */
async function resolveOwner(
  tx: Queryable,
  actor: Actor,
  requested: string | null | undefined,
  current: string | null | undefined,
): Promise<string | null> {
  const scope = dataScope(actor);
  if (scope.kind !== 'all') {
    const wanted = requested === undefined ? (current ?? scope.userId) : requested;
    if (wanted === scope.userId) return wanted;
    if (scope.kind === 'team' && wanted !== null) {
      const member = await findUser(tx, wanted);
      if (member?.active && member.teamId === scope.teamId) return wanted;
    }
    throw customerError(
      'CUSTOMER_OWNER_FORBIDDEN',
      scope.kind === 'team'
        ? 'You can assign customers only to yourself or an active member of your team'
        : 'An account manager owns the customers they create and cannot assign them to someone else',
      { field: 'ownerId' },
    );
  }
  if (requested === undefined) return current ?? actor.userId;
  if (requested === null) return null;
  if (!(await isUserActive(tx, requested)))
    throw customerError('CUSTOMER_OWNER_INVALID', `Owner ${requested} is not an active user`, {
      field: 'ownerId',
    });
  return requested;
}

/** The parent must be a customer the actor can see, and must not be the customer or one of its descendants. */
async function checkParent(tx: Queryable, actor: Actor, id: number | null, parentId: number): Promise<void> {
  if (!(await findVisibleCustomer(tx, actor, parentId))) {
    throw customerError('CUSTOMER_PARENT_NOT_FOUND', `Parent customer ${parentId} does not exist`, {
      field: 'parentId',
    });
  }
  if (id === null) return;
  // Walk up from the proposed parent; reaching the customer itself means the link would close a loop.
  const result = await tx.execute<{ found: boolean }>(sql`
    WITH RECURSIVE chain(id, parent_id, depth) AS (
      SELECT id, parent_id, 1 FROM customers WHERE id = ${parentId}
      UNION ALL
      SELECT c.id, c.parent_id, chain.depth + 1 FROM customers c JOIN chain ON c.id = chain.parent_id
      WHERE chain.depth < 1000
    )
    SELECT EXISTS (SELECT 1 FROM chain WHERE id = ${id}) AS found`);
  if (result.rows[0]?.found) {
    throw customerError(
      'CUSTOMER_PARENT_CYCLE',
      `Customer ${parentId} is ${id} itself or one of its subsidiaries`,
      {
        field: 'parentId',
      },
    );
  }
}

function dedupe(tags: readonly string[]): string[] {
  return [...new Set(tags)];
}
