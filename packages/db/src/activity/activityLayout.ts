/**
 * Binary layout of the per-customer activity rollup (`customer_activity`): each column is a bytea of
 * fixed-width big-endian records sorted by day, built by SQL (`int4send` …) and read in Node with
 * DataView-style reads. Days are day numbers (days since 1970-01-01) in the organisation's timezone.
 * Money is in cents (int8). Changing a layout needs a migration that rebuilds the rollup.
 */
export const ORDER_DAY = {
  /** day i4 | net cents i8 | margin cents i8 | cents of amount on orders with a margin i8 | orders >0 i2 | returns i2 */
  size: 32,
  day: 0,
  net: 4,
  margin: 12,
  marginBase: 20,
  orders: 28,
  returns: 30,
} as const;

/** day i4 | hash of the category name i4 (distinct per day) */
export const CATEGORY_DAY = { size: 8, day: 0, category: 4 } as const;

/** day i4 | kind i2 (index in INTERACTION_KINDS) */
export const INTERACTION = { size: 6, day: 0, kind: 4 } as const;

/** day i4 | kind i2 (0 csat, 1 nps) | score i2 */
export const SURVEY = { size: 8, day: 0, kind: 4, score: 6 } as const;

/** opened day i4 | severity i2 (index in COMPLAINT_SEVERITIES) | closed day i4 (NEVER when still open) */
export const COMPLAINT = { size: 10, opened: 0, severity: 4, closed: 6 } as const;

/** day i4 */
export const REFERRAL = { size: 4, day: 0 } as const;

/** day the contact left i4 | role i2 (index in CONTACT_ROLES) */
export const CONTACT_LEFT = { size: 6, day: 0, role: 4 } as const;

export const NEVER = 2147483647;
