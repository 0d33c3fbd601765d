import { z } from 'zod';

/**
 * zod pieces shared by every feature's schemas, so one idea has one definition: ids, money, timestamps,
 * bounded text, pagination. Bounds are deliberate: no unbounded string reaches the database.
 */

/** A bigint id in a path or query: digits only, within JavaScript's safe integer range. */
export const idSchema = z
  .string()
  .regex(/^[0-9]{1,16}$/, 'must be a positive integer id')
  .transform(Number)
  .refine((n) => n > 0 && Number.isSafeInteger(n), 'must be a positive integer id');

export const customerParams = z.object({ customerId: idSchema });
export const customerChildParams = z.object({ customerId: idSchema, id: idSchema });

export const shortText = (max = 200) => z.string().trim().min(1).max(max);
export const optionalText = (max = 2000) => z.string().trim().max(max).nullable().optional();

/** A client-chosen identity (客户编号, 订单编号 …): what imports match on. */
export const externalIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\s]+(?: [^\s]+)*$/, 'must not contain tabs or line breaks');

const MONEY = /^-?[0-9]{1,16}(\.[0-9]{1,2})?$/;

/**
 * Money as a decimal string with at most 2 decimals ("1234.50"); a JSON number is accepted only when its
 * shortest decimal form satisfies the same rule, so no float rounding ever reaches numeric(18,2).
 */
export const moneySchema = z
  .union([z.string().trim(), z.number()])
  .transform((value) => (typeof value === 'number' ? String(value) : value))
  .refine((value) => MONEY.test(value), 'must be a decimal amount with at most 2 decimals, e.g. "1234.50"')
  .describe('Decimal string, at most 2 decimals');

export const nonNegativeMoneySchema = moneySchema.refine((v) => !v.startsWith('-'), 'must not be negative');

/** An instant: ISO 8601 with a zone ("2024-03-01T08:00:00+08:00"), or a date ("2024-03-01", read as UTC midnight). */
export const instantSchema = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((value) => new Date(value.length === 10 ? `${value}T00:00:00Z` : value))
  .refine((d) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1900 && d.getUTCFullYear() <= 2200, {
    message: 'must be a date between 1900 and 2200',
  })
  .describe('ISO 8601 timestamp with offset, or YYYY-MM-DD');

export const limitSchema = z.coerce.number().int().min(1).max(200).default(50);

export const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const listQuery = z.object({
  limit: limitSchema,
  cursor: z.string().max(2000).optional().describe('Opaque cursor from the previous page'),
});

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
    total: z.number().int().optional().describe('Only when `count=true`'),
  });
}

export const isoOut = (date: Date | null): string | null => (date ? date.toISOString() : null);
