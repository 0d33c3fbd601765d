import type { Label } from '@stratum/core';
import { overrides } from '@stratum/db';
import { and, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import type { Queryable } from '../app/transaction.js';
import { requireVisibleCustomer } from '../customers/customerService.js';

/**
 * "Which tier does this customer have now?" — the tier users see is the customer's active override (approved
 * and not past its last day) if there is one, else the tier the model computed in the current run of the
 * customer's model family. The run's stored final tier is not enough: an override approved after the run
 * applies at once, and one that lapsed after the run no longer does. The customer page (computed tier and
 * override side by side) and the explanation route read this.
 */
export interface TierRef {
  key: string;
  label: Label;
}

/** The customer's place in the current grades: the family grading it and what its current run says. */
export interface CustomerGrade {
  customerId: number;
  /** Model family (grading_models.key) whose current run graded the customer. */
  modelKey: string;
  runId: number;
  /** As-of day of that run (YYYY-MM-DD). */
  asOf: string;
  score: number;
  /** What the model computed (rules and hysteresis applied, before any override). */
  computedTier: TierRef;
  /** The run's final tier (an override active on the run's as-of day applied). */
  runTier: TierRef;
  /** Tiers of the family's published version, best first: what an override may choose. */
  familyTiers: TierRef[];
}

export interface LiveOverride {
  id: number;
  tier: TierRef;
  status: 'pending' | 'approved';
  /** Last day the override applies (org timezone). */
  expiresOn: string;
  reason: string;
  requestedBy: string | null;
  requestedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  /** Approved and not past its last day: it is the tier users see. */
  active: boolean;
}

export interface CurrentTierView {
  customerId: number;
  /** Null when no current run has graded the customer yet. */
  grade: CustomerGrade | null;
  /** The pending or approved override of the customer's model family, if any. */
  override: LiveOverride | null;
  /** The tier users see: the active override's, else the computed one; null when not graded. */
  tier: TierRef | null;
  source: 'override' | 'computed' | null;
}

interface GradeSqlRow extends Record<string, unknown> {
  customer_id: string;
  model_key: string;
  run_id: string;
  as_of: string;
  score: number;
  computed_tier: number;
  tier: number;
  run_tiers: { key: string; label: Label }[];
  family_tiers: { key: string; label: Label }[];
}

/**
 * The current grade of each customer: among the families with a published model, the most recently
 * published run that graded it (a customer whose segment moved keeps an old family's grade only until
 * its new family's run is published). Customers without one are absent from the map.
 */
export async function customerGrades(
  db: Queryable,
  customerIds: readonly number[],
): Promise<Map<number, CustomerGrade>> {
  const out = new Map<number, CustomerGrade>();
  if (customerIds.length === 0) return out;
  const result = await db.execute<GradeSqlRow>(sql`
    SELECT DISTINCT ON (g.customer_id)
           g.customer_id, gc.model_key, gc.run_id, r.as_of::text AS as_of, g.score, g.computed_tier, g.tier,
           rm.document->'tiers' AS run_tiers, pm.document->'tiers' AS family_tiers
    FROM grading_current gc
    JOIN grading_models pm ON pm.key = gc.model_key AND pm.status = 'published'
    JOIN grading_models rm ON rm.id = gc.model_id
    JOIN grading_runs r ON r.id = gc.run_id
    JOIN grades g ON g.run_id = gc.run_id
    WHERE g.customer_id = ANY(${sql.param([...customerIds])}::bigint[])
    ORDER BY g.customer_id, gc.published_at DESC, gc.run_id DESC`);
  for (const row of result.rows) {
    const runTiers = row.run_tiers.map(tierRef);
    const customerId = Number(row.customer_id);
    out.set(customerId, {
      customerId,
      modelKey: row.model_key,
      runId: Number(row.run_id),
      asOf: row.as_of,
      score: row.score,
      computedTier: runTiers[row.computed_tier] ?? unknownTier(String(row.computed_tier)),
      runTier: runTiers[row.tier] ?? unknownTier(String(row.tier)),
      familyTiers: row.family_tiers.map(tierRef),
    });
  }
  return out;
}

/** Current tier views of many customers (the caller has scoped the ids). `today` is YYYY-MM-DD, org timezone. */
export async function currentTierViews(
  db: Queryable,
  customerIds: readonly number[],
  today: string,
): Promise<Map<number, CurrentTierView>> {
  const grades = await customerGrades(db, customerIds);
  const live =
    customerIds.length === 0
      ? []
      : await db
          .select()
          .from(overrides)
          .where(
            and(
              inArray(overrides.customerId, [...customerIds]),
              inArray(overrides.status, ['pending', 'approved']),
            ),
          );
  const views = new Map<number, CurrentTierView>();
  for (const customerId of customerIds) {
    const grade = grades.get(customerId) ?? null;
    const row = grade
      ? live.find((o) => o.customerId === customerId && o.modelKey === grade.modelKey)
      : undefined;
    const override: LiveOverride | null =
      grade && row && (row.status === 'pending' || row.status === 'approved')
        ? {
            id: row.id,
            tier: tierOf(grade, row.tier),
            status: row.status,
            expiresOn: row.expiresOn,
            reason: row.reason,
            requestedBy: row.requestedBy,
            requestedAt: row.requestedAt,
            decidedBy: row.decidedBy,
            decidedAt: row.decidedAt,
            active: row.status === 'approved' && row.expiresOn >= today,
          }
        : null;
    const tier = override?.active ? override.tier : (grade?.computedTier ?? null);
    views.set(customerId, {
      customerId,
      grade,
      override,
      tier,
      source: override?.active ? 'override' : grade ? 'computed' : null,
    });
  }
  return views;
}

/** One customer's view, within the actor's data scope (CUSTOMER_NOT_FOUND outside it). */
export async function currentTierView(
  db: Queryable,
  actor: Actor,
  customerId: number,
  today: string,
): Promise<CurrentTierView> {
  await requireVisibleCustomer(db, actor, customerId);
  const view = (await currentTierViews(db, [customerId], today)).get(customerId);
  if (!view) throw new Error(`no tier view for customer ${customerId}`);
  return view;
}

/** A tier key as the customer's family names it (its published version first, then the run's model). */
export function tierOf(
  grade: Pick<CustomerGrade, 'familyTiers' | 'computedTier' | 'runTier'>,
  key: string,
): TierRef {
  return (
    grade.familyTiers.find((t) => t.key === key) ??
    [grade.computedTier, grade.runTier].find((t) => t.key === key) ??
    unknownTier(key)
  );
}

function tierRef(tier: { key: string; label: Label }): TierRef {
  return { key: tier.key, label: { zh: tier.label.zh, en: tier.label.en } };
}

function unknownTier(key: string): TierRef {
  return { key, label: { zh: key, en: key } };
}
