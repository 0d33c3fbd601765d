import { ROLES, customers, overrides, users, type Db } from '@stratum/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import { can } from '../access/permissions.js';
import type { Queryable } from '../app/transaction.js';
import { writeAudit } from '../audit/auditWriter.js';
import { requireVisibleCustomer, visibleCustomer } from '../customers/customerService.js';
import { customerGrades } from './currentTier.js';
import { overrideError, overrideNotFound } from './overrideErrors.js';
import { recordOverrideEvent } from './overrideEvents.js';
import { decidedMessage, requestedMessage, type Decision } from './overrideMessages.js';
import { findOverride, type OverrideRecord, type OverrideRow } from './overrideStore.js';
import { checkExpiry, todayIn } from './overrideDays.js';

/**
 * The governed override workflow (人工调整): an account manager (or lead, director, admin) requests a tier
 * for a customer in their scope with a reason and a last day; someone holding 'overrides:approve'
 * (directors, admins) other than the requester approves or rejects it; the requester or an approver may
 * withdraw it while it is pending or approved. Every step is one transaction with its audit entry, its
 * event, its notifications and its webhook deliveries.
 *
 * Who hears about what:
 * - requested → every active approver (directors and admins) and the customer's owner, except the requester;
 * - decided (approved / rejected / withdrawn) → the requester and the customer's owner, except whoever decided;
 * - expired (expireOverrides) → the owner; a request that lapsed undecided also tells its requester.
 */
export interface OverrideRequest {
  /** A tier key of the published model of the customer's current model family. */
  tier: string;
  reason: string;
  /** Last day the override applies (YYYY-MM-DD, org timezone): after today, at most MAX_OVERRIDE_DAYS ahead. */
  expiresOn: string;
}

const APPROVER_ROLES = ROLES.filter((role) => can(role, 'overrides:approve'));

export async function requestOverride(
  db: Db,
  actor: Actor,
  timezone: string,
  customerId: number,
  input: OverrideRequest,
  now = Date.now(),
): Promise<OverrideRecord> {
  checkExpiry(input.expiresOn, todayIn(timezone, now));
  return db.transaction(async (tx) => {
    const customer = await requireVisibleCustomer(tx, actor, customerId);
    const grade = (await customerGrades(tx, [customerId])).get(customerId);
    if (!grade) {
      throw overrideError(
        'OVERRIDE_CUSTOMER_NOT_GRADED',
        `Customer ${customerId} has no current grade yet: an override sets a tier of the model family that grades it, so run a grading first`,
      );
    }
    const allowed = grade.familyTiers.map((t) => t.key);
    if (!allowed.includes(input.tier)) {
      throw overrideError(
        'OVERRIDE_TIER_UNKNOWN',
        `tier "${input.tier}" is not a tier of model ${grade.modelKey}; choose one of ${allowed.join(', ')}`,
        [{ in: 'body', path: 'tier', message: `one of ${allowed.join(', ')}` }],
      );
    }
    const [live] = await tx
      .select({ id: overrides.id, status: overrides.status })
      .from(overrides)
      .where(
        and(
          eq(overrides.customerId, customerId),
          eq(overrides.modelKey, grade.modelKey),
          inArray(overrides.status, ['pending', 'approved']),
        ),
      );
    if (live) throw alreadyLive(customerId, live);
    let id: number;
    try {
      const [created] = await tx
        .insert(overrides)
        .values({
          customerId,
          modelKey: grade.modelKey,
          tier: input.tier,
          reason: input.reason,
          expiresOn: input.expiresOn,
          requestedBy: actor.userId,
        })
        .returning({ id: overrides.id });
      id = created!.id;
    } catch (error) {
      // A concurrent request for the same customer won the partial unique index overrides_one_live_uq.
      if (isUniqueViolation(error)) throw alreadyLive(customerId, null);
      throw error;
    }
    const record = await requireRecord(tx, actor, id);
    await writeAudit(tx, actor, {
      action: 'create',
      entity: 'override',
      entityId: id,
      customerId,
      after: record,
    });
    const approvers = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.role, APPROVER_ROLES), eq(users.active, true)));
    await recordOverrideEvent(
      tx,
      'override.requested',
      record,
      { computedTier: grade.computedTier.key },
      except(actor, [...approvers.map((u) => u.id), customer.ownerId]),
      requestedMessage(record),
    );
    return record;
  });
}

/** Approve or reject a pending override: 'overrides:approve', never one's own request, only while pending. */
export async function decideOverride(
  db: Db,
  actor: Actor,
  timezone: string,
  id: number,
  decision: 'approved' | 'rejected',
  note: string | null,
  now = Date.now(),
): Promise<OverrideRecord> {
  const today = todayIn(timezone, now);
  return db.transaction(async (tx) => {
    const before = await lockOverride(tx, actor, id);
    if (before.requestedBy !== null && before.requestedBy === actor.userId) {
      throw overrideError(
        'OVERRIDE_OWN_DECISION',
        'You requested this override: someone else with approval rights must decide it',
      );
    }
    if (before.status !== 'pending') {
      throw overrideError(
        'OVERRIDE_NOT_PENDING',
        `Override ${id} is ${before.status}: only a pending one can be decided`,
        {
          status: before.status,
        },
      );
    }
    if (decision === 'approved' && before.expiresOn < today) {
      throw overrideError(
        'OVERRIDE_LAPSED',
        `Override ${id} ended on ${before.expiresOn} before it was decided: reject it, or request it again with a new last day`,
      );
    }
    await tx
      .update(overrides)
      .set({ status: decision, decidedBy: actor.userId, decidedAt: sql`now()`, decisionNote: note })
      .where(eq(overrides.id, id));
    return finishDecision(tx, actor, before, decision, note);
  });
}

/**
 * Withdraw a pending or approved override: its requester, or anyone who may approve overrides. Withdrawing
 * an approved one keeps its approver in decided_by; who withdrew and when is in the audit log and the event.
 */
export async function withdrawOverride(
  db: Db,
  actor: Actor,
  id: number,
  note: string | null,
): Promise<OverrideRecord> {
  return db.transaction(async (tx) => {
    const before = await lockOverride(tx, actor, id);
    const isRequester = before.requestedBy !== null && before.requestedBy === actor.userId;
    if (!isRequester && !can(actor.role, 'overrides:approve')) {
      throw overrideError(
        'OVERRIDE_WITHDRAW_FORBIDDEN',
        'Only the requester or someone with approval rights may withdraw this override',
      );
    }
    if (before.status !== 'pending' && before.status !== 'approved') {
      throw overrideError(
        'OVERRIDE_NOT_LIVE',
        `Override ${id} is ${before.status}: only a pending or approved one can be withdrawn`,
        {
          status: before.status,
        },
      );
    }
    await tx
      .update(overrides)
      .set(
        before.status === 'pending'
          ? { status: 'withdrawn', decidedBy: actor.userId, decidedAt: sql`now()`, decisionNote: note }
          : { status: 'withdrawn' },
      )
      .where(eq(overrides.id, id));
    return finishDecision(tx, actor, before, 'withdrawn', note);
  });
}

async function finishDecision(
  tx: Queryable,
  actor: Actor,
  before: OverrideRow,
  decision: Decision,
  note: string | null,
): Promise<OverrideRecord> {
  const record = await requireRecord(tx, actor, before.id);
  await writeAudit(tx, actor, {
    action: 'update',
    entity: 'override',
    entityId: before.id,
    customerId: before.customerId,
    before,
    after: record,
  });
  const [decider] = actor.userId
    ? await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.userId))
    : [];
  await recordOverrideEvent(
    tx,
    'override.decided',
    record,
    { decision, note, previousStatus: before.status, by: actor.userId },
    except(actor, [record.requestedBy, record.ownerId]),
    decidedMessage(record, decision, decider?.name ?? null, note),
  );
  return record;
}

/** The override, locked for this transaction, if its customer is in the actor's scope. */
async function lockOverride(tx: Queryable, actor: Actor, id: number): Promise<OverrideRow> {
  const [row] = await tx
    .select({ override: overrides })
    .from(overrides)
    .innerJoin(customers, eq(customers.id, overrides.customerId))
    .where(and(eq(overrides.id, id), visibleCustomer(actor)))
    .for('update', { of: overrides });
  if (!row) throw overrideNotFound(id);
  return row.override;
}

async function requireRecord(tx: Queryable, actor: Actor, id: number): Promise<OverrideRecord> {
  const record = await findOverride(tx, actor, id);
  if (!record) throw overrideNotFound(id);
  return record;
}

function except(actor: Actor, recipients: readonly (string | null)[]): (string | null)[] {
  return recipients.filter((id) => id !== actor.userId);
}

function alreadyLive(customerId: number, live: { id: number; status: string } | null) {
  return overrideError(
    'OVERRIDE_ALREADY_LIVE',
    live
      ? `Customer ${customerId} already has a ${live.status} override (${live.id}): withdraw it first`
      : `Customer ${customerId} already has a pending or approved override: withdraw it first`,
    live ? { overrideId: live.id, status: live.status } : undefined,
  );
}

function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    if ((current as { code?: unknown }).code === '23505') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
