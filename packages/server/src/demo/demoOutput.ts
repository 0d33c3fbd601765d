import { ByteWriter } from './byteWriter.js';

/**
 * The tables the demo fills, their COPY column lists, and the writers the generator appends rows to
 * (PostgreSQL COPY text format: tab-separated, `\N` for NULL). Generated text never contains tabs,
 * newlines or backslashes, so no escaping is needed.
 */
export const DEMO_TABLES = [
  'customers',
  'contacts',
  'orders',
  'interactions',
  'surveys',
  'complaints',
  'referrals',
] as const;
export type DemoTable = (typeof DEMO_TABLES)[number];
export type DemoCounts = Record<DemoTable, number>;

export const DEMO_COLUMNS: Readonly<Record<DemoTable, readonly string[]>> = {
  customers: ['id', 'external_id', 'name', 'industry', 'region', 'employees', 'company_revenue', 'market_position', 'parent_id', 'owner_id', 'status', 'tags', 'attributes', 'created_at'],
  contacts: ['customer_id', 'id', 'external_id', 'name', 'title', 'role', 'attitude', 'email', 'phone', 'reports_to_id', 'active', 'left_at'],
  orders: ['customer_id', 'id', 'external_id', 'ordered_at', 'amount', 'margin', 'category', 'channel'],
  interactions: ['customer_id', 'id', 'external_id', 'kind', 'occurred_at', 'user_id', 'contact_id', 'summary', 'outcome'],
  surveys: ['customer_id', 'id', 'external_id', 'kind', 'score', 'answered_at', 'contact_id', 'comment'],
  complaints: ['customer_id', 'id', 'external_id', 'opened_at', 'severity', 'category', 'status', 'resolved_at'],
  referrals: ['customer_id', 'id', 'external_id', 'referred_customer_id', 'referred_external_id', 'referred_name', 'referred_at'],
}; // prettier-ignore

export function emptyCounts(): DemoCounts {
  return { customers: 0, contacts: 0, orders: 0, interactions: 0, surveys: 0, complaints: 0, referrals: 0 };
}

/** Pending COPY bytes per table and rows generated so far (which also gives the next explicit id). */
export class DemoOutput {
  readonly customers = new ByteWriter();
  readonly contacts = new ByteWriter();
  readonly orders = new ByteWriter();
  readonly interactions = new ByteWriter();
  readonly surveys = new ByteWriter();
  readonly complaints = new ByteWriter();
  readonly referrals = new ByteWriter();
  readonly rows: DemoCounts = emptyCounts();

  writer(table: DemoTable): ByteWriter {
    return this[table];
  }
}
