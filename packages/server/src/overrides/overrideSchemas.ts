import { OVERRIDE_STATUSES } from '@stratum/db';
import { z } from 'zod';
import { idSchema, isoOut, listQuery } from '../app/schemas.js';
import type { CurrentTierView, TierRef } from './currentTier.js';
import { MAX_OVERRIDE_DAYS } from './overrideDays.js';
import type { OverrideRecord } from './overrideStore.js';

const labelSchema = z.object({ zh: z.string(), en: z.string() });
const tierRefSchema = z.object({ key: z.string(), label: labelSchema }).describe('TierRef');
const reasonText = (what: string) =>
  z
    .string()
    .trim()
    .min(5, `${what} must be at least 5 characters`)
    .max(2000, `${what} must be at most 2000 characters`);

export const overrideRequestBody = z
  .object({
    tier: z
      .string()
      .trim()
      .min(1)
      .max(50)
      .describe('A tier key of the customer’s current model family, e.g. "S"'),
    reason: reasonText('reason').describe(
      'Why the computed tier is wrong for this customer (at least 5 characters)',
    ),
    expiresOn: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
      .describe(
        `Last day the override applies (org timezone): after today, at most ${MAX_OVERRIDE_DAYS} days ahead`,
      ),
  })
  .strict();

export const approveBody = z
  .object({ note: z.string().trim().max(2000).optional().describe('Optional note to the requester') })
  .strict()
  .optional();

export const rejectBody = z
  .object({ note: reasonText('note').describe('Why it is rejected (at least 5 characters)') })
  .strict();

export const withdrawBody = z
  .object({ note: z.string().trim().max(2000).optional() })
  .strict()
  .optional();

export const overrideParams = z.object({ overrideId: idSchema });

export const overrideListQuery = listQuery.extend({
  status: z.enum(OVERRIDE_STATUSES).optional(),
  customerId: idSchema.optional(),
  modelKey: z.string().trim().min(1).max(100).optional().describe('Model family'),
  requestedBy: z.string().min(1).max(100).optional().describe('User id of the requester'),
});

export const customerOverrideQuery = listQuery;

export const overrideSchema = z
  .object({
    id: z.number().int(),
    customerId: z.number().int(),
    customer: z.object({ externalId: z.string(), name: z.string(), ownerId: z.string().nullable() }),
    modelKey: z.string().describe('Model family the tier belongs to'),
    tier: z.string(),
    tierLabel: labelSchema.nullable(),
    reason: z.string(),
    status: z.enum(OVERRIDE_STATUSES),
    expiresOn: z.string().describe('Last day it applies (org timezone)'),
    requestedBy: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
    requestedAt: z.string(),
    decidedBy: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
    expiredAt: z.string().nullable(),
  })
  .describe('Override');

export function presentOverride(o: OverrideRecord): z.infer<typeof overrideSchema> {
  return {
    id: o.id,
    customerId: o.customerId,
    customer: { externalId: o.customerExternalId, name: o.customerName, ownerId: o.ownerId },
    modelKey: o.modelKey,
    tier: o.tier,
    tierLabel: o.tierLabel,
    reason: o.reason,
    status: o.status,
    expiresOn: o.expiresOn,
    requestedBy: o.requestedBy ? { id: o.requestedBy, name: o.requestedByName } : null,
    requestedAt: o.requestedAt.toISOString(),
    decidedBy: o.decidedBy ? { id: o.decidedBy, name: o.decidedByName } : null,
    decidedAt: isoOut(o.decidedAt),
    decisionNote: o.decisionNote,
    expiredAt: isoOut(o.expiredAt),
  };
}

export const currentTierSchema = z
  .object({
    tier: tierRefSchema.nullable().describe('What users see: the active override, else the computed tier'),
    source: z.enum(['override', 'computed']).nullable(),
    computedTier: tierRefSchema.nullable().describe('What the model computed in the current run'),
    modelKey: z.string().nullable(),
    runId: z.number().int().nullable(),
    asOf: z.string().nullable(),
    score: z.number().nullable(),
    override: z
      .object({
        id: z.number().int(),
        tier: tierRefSchema,
        status: z.enum(['pending', 'approved']),
        expiresOn: z.string(),
        reason: z.string(),
        active: z.boolean().describe('Approved and not past its last day'),
      })
      .nullable(),
    allowedTiers: z.array(tierRefSchema).describe('Tiers an override of this customer may choose'),
  })
  .describe('CurrentTier');

export function presentCurrentTier(view: CurrentTierView): z.infer<typeof currentTierSchema> {
  const ref = (t: TierRef) => ({ key: t.key, label: t.label });
  return {
    tier: view.tier ? ref(view.tier) : null,
    source: view.source,
    computedTier: view.grade ? ref(view.grade.computedTier) : null,
    modelKey: view.grade?.modelKey ?? null,
    runId: view.grade?.runId ?? null,
    asOf: view.grade?.asOf ?? null,
    score: view.grade?.score ?? null,
    override: view.override
      ? {
          id: view.override.id,
          tier: ref(view.override.tier),
          status: view.override.status,
          expiresOn: view.override.expiresOn,
          reason: view.override.reason,
          active: view.override.active,
        }
      : null,
    allowedTiers: view.grade?.familyTiers.map(ref) ?? [],
  };
}
