import { z } from 'zod';
import { CUSTOMER_STATUSES, MARKET_POSITIONS, type customers } from '@stratum/db';
import {
  booleanQuery,
  externalIdSchema,
  idSchema,
  isoOut,
  limitSchema,
  nonNegativeMoneySchema,
  optionalText,
  shortText,
} from '../app/schemas.js';
import type { CurrentTierView } from '../overrides/currentTier.js';

export type CustomerRow = typeof customers.$inferSelect;

const tag = z.string().trim().min(1).max(50);
const attributes = z
  .record(z.string().max(100), z.unknown())
  .refine(
    (value) => JSON.stringify(value).length <= 20_000,
    'attributes must be at most 20,000 characters as JSON',
  );

export const customerSchema = z
  .object({
    id: z.number().int(),
    externalId: z.string(),
    name: z.string(),
    industry: z.string().nullable(),
    region: z.string().nullable(),
    employees: z.number().int().nullable(),
    companyRevenue: z.string().nullable().describe('Decimal string'),
    marketPosition: z.enum(MARKET_POSITIONS).nullable(),
    parentId: z.number().int().nullable(),
    ownerId: z.string().nullable(),
    status: z.enum(CUSTOMER_STATUSES),
    tags: z.array(z.string()),
    attributes: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    updatedAt: z.string(),
    updatedBy: z.string().nullable(),
  })
  .describe('Customer');

export type CustomerOut = z.infer<typeof customerSchema>;

export const customerListItemSchema = customerSchema
  .extend({
    currentTier: z
      .object({
        key: z.string(),
        label: z.object({ zh: z.string(), en: z.string() }),
        source: z.enum(['override', 'computed']).describe('An active override, or what the model computed'),
      })
      .nullable()
      .describe('The tier users see now; null until a published run has graded the customer'),
  })
  .describe('CustomerListItem');

export function presentCustomerListItem(
  row: CustomerRow,
  view: CurrentTierView | undefined,
): z.infer<typeof customerListItemSchema> {
  const currentTier =
    view?.tier && view.source ? { key: view.tier.key, label: view.tier.label, source: view.source } : null;
  return { ...presentCustomer(row), currentTier };
}

const customerFields = {
  externalId: externalIdSchema,
  name: shortText(200),
  industry: optionalText(100),
  region: optionalText(100),
  employees: z.number().int().min(0).max(100_000_000).nullable().optional(),
  companyRevenue: nonNegativeMoneySchema.nullable().optional(),
  marketPosition: z.enum(MARKET_POSITIONS).nullable().optional(),
  parentId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullable().optional(),
  ownerId: z.string().min(1).max(100).nullable().optional(),
  status: z.enum(CUSTOMER_STATUSES).optional(),
  tags: z.array(tag).max(50).optional(),
  attributes: attributes.optional(),
};

export const createCustomerBody = z
  .object({ ...customerFields, externalId: externalIdSchema.optional().describe('Generated when omitted') })
  .strict();
export type CreateCustomerInput = z.infer<typeof createCustomerBody>;

export const updateCustomerBody = z.object(customerFields).partial().strict();
export type UpdateCustomerInput = z.infer<typeof updateCustomerBody>;

export const CUSTOMER_SORTS = [
  'name',
  'created_at',
  'updated_at',
  'company_revenue',
  'employees',
  'external_id',
] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

/** One or more tier keys, comma-separated and/or repeated. */
const tierListQuery = z
  .union([z.string().max(500), z.array(z.string().max(500)).max(20)])
  .transform((value) =>
    (Array.isArray(value) ? value : [value])
      .flatMap((part) => part.split(','))
      .map((key) => key.trim())
      .filter((key) => key.length > 0),
  )
  .pipe(
    z
      .array(z.string().max(50, 'a tier key has at most 50 characters'))
      .min(1, 'name at least one tier key')
      .max(20, 'at most 20 tier keys'),
  );

export const customerListQuery = z.object({
  q: z.string().trim().min(1).max(200).optional().describe('Part of the name (Chinese or Latin)'),
  industry: z.string().max(100).optional(),
  region: z.string().max(100).optional(),
  ownerId: z.string().max(100).optional(),
  status: z.enum(CUSTOMER_STATUSES).optional(),
  marketPosition: z.enum(MARKET_POSITIONS).optional(),
  tag: z.string().max(50).optional(),
  parentId: idSchema.optional(),
  tier: tierListQuery
    .optional()
    .describe(
      'Current tier key(s) (override wins): tier=S, tier=S,A or tier=S&tier=A; customers never graded match none',
    ),
  sort: z.enum(CUSTOMER_SORTS).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: limitSchema,
  cursor: z.string().max(2000).optional().describe('nextCursor of the previous page (same sort and order)'),
  count: booleanQuery.optional().describe('Also return the total number of matches'),
});
export type CustomerListQuery = z.infer<typeof customerListQuery>;

export function presentCustomer(row: CustomerRow): CustomerOut {
  return {
    id: row.id,
    externalId: row.externalId,
    name: row.name,
    industry: row.industry,
    region: row.region,
    employees: row.employees,
    companyRevenue: row.companyRevenue,
    marketPosition: row.marketPosition,
    parentId: row.parentId,
    ownerId: row.ownerId,
    status: row.status,
    tags: row.tags,
    attributes: row.attributes,
    createdAt: isoOut(row.createdAt) ?? '',
    createdBy: row.createdBy,
    updatedAt: isoOut(row.updatedAt) ?? '',
    updatedBy: row.updatedBy,
  };
}
