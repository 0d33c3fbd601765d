import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  check,
} from 'drizzle-orm/pg-core';
import { users } from './auth.js';
import { changeStamps, money } from './columns.js';

export const MARKET_POSITIONS = ['leader', 'major', 'sme'] as const;
export type MarketPosition = (typeof MARKET_POSITIONS)[number];
export const CUSTOMER_STATUSES = ['prospect', 'active', 'churned'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

export const customers = pgTable(
  'customers',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    externalId: text('external_id').notNull(),
    name: text('name').notNull(),
    industry: text('industry'),
    region: text('region'),
    employees: integer('employees'),
    companyRevenue: money('company_revenue'),
    marketPosition: text('market_position', { enum: MARKET_POSITIONS }),
    // Parent in a group (集团). No foreign key: customers are distributed by id on Citus; the service checks it.
    parentId: bigint('parent_id', { mode: 'number' }),
    ownerId: text('owner_id').references(() => users.id, { onDelete: 'set null' }),
    status: text('status', { enum: CUSTOMER_STATUSES }).notNull().default('active'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    ...changeStamps,
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: text('deleted_by'),
  },
  (t) => [
    uniqueIndex('customers_external_id_uq').on(t.externalId),
    index('customers_owner_idx').on(t.ownerId),
    index('customers_parent_idx').on(t.parentId),
    index('customers_industry_idx').on(t.industry),
    index('customers_region_idx').on(t.region),
    // Keyset pagination of the customer list: one index per sortable NOT NULL column, with id breaking ties.
    index('customers_name_id_idx').on(t.name, t.id),
    index('customers_created_id_idx').on(t.createdAt, t.id),
    index('customers_updated_id_idx').on(t.updatedAt, t.id),
    index('customers_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
    check('customers_employees_nonneg', sql`${t.employees} IS NULL OR ${t.employees} >= 0`),
  ],
);
