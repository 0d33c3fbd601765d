import { sql, type SQL } from 'drizzle-orm';
import type { ImportEntity } from '@stratum/db';
import type { Actor } from '../access/actor.js';
import { customerScopeCondition } from '../access/customerScope.js';
import { IMPORT_COLUMNS } from '../imports/columns.js';

/**
 * What an export reads: for each entity, one SELECT whose columns are the import columns (same order,
 * same keys), each written the way the importer reads it back, so an export re-imports unchanged.
 * The data scope is part of the query (and so are soft-deleted customers, which are left out with
 * everything they own).
 *
 * Values: timestamps in the organisation's timezone without a zone, `YYYY-MM-DD` when at midnight,
 * else `YYYY-MM-DD HH:mm:ss[.ffffff]`; money as plain decimals; tags joined by `;`; booleans true/false;
 * enums as their English codes (the importer also reads the Chinese names).
 */
export type ExportEntity = ImportEntity;
export type ExportKind = 'text' | 'number' | 'time';

export interface ExportColumn {
  readonly key: string;
  readonly zh: string;
  readonly kind: ExportKind;
}

interface Source {
  readonly from: SQL;
  readonly values: Readonly<Record<string, SQL>>;
}

const CUSTOMER = sql`JOIN customers c ON c.id = x.customer_id AND c.deleted_at IS NULL`;

function sources(zone: string): Record<ExportEntity, Source> {
  const time = (column: SQL) => localTime(column, zone);
  return {
    customers: {
      from: sql`customers c LEFT JOIN customers p ON p.id = c.parent_id LEFT JOIN users u ON u.id = c.owner_id`,
      values: {
        external_id: sql`c.external_id`,
        name: sql`c.name`,
        industry: sql`c.industry`,
        region: sql`c.region`,
        employees: sql`c.employees::text`,
        company_revenue: sql`c.company_revenue::text`,
        market_position: sql`c.market_position`,
        parent_external_id: sql`p.external_id`,
        owner_email: sql`u.email`,
        status: sql`c.status`,
        created_at: time(sql`c.created_at`),
        tags: sql`array_to_string(c.tags, ';')`,
      },
    },
    orders: {
      from: sql`orders x ${CUSTOMER}`,
      values: {
        external_id: sql`x.external_id`,
        customer_external_id: sql`c.external_id`,
        ordered_at: time(sql`x.ordered_at`),
        amount: sql`x.amount::text`,
        margin: sql`x.margin::text`,
        currency: sql`x.currency`,
        category: sql`x.category`,
        channel: sql`x.channel`,
      },
    },
    contacts: {
      from: sql`contacts x ${CUSTOMER} LEFT JOIN contacts m ON m.customer_id = x.customer_id AND m.id = x.reports_to_id`,
      values: {
        external_id: sql`x.external_id`,
        customer_external_id: sql`c.external_id`,
        name: sql`x.name`,
        title: sql`x.title`,
        role: sql`x.role`,
        email: sql`x.email`,
        phone: sql`x.phone`,
        reports_to_external_id: sql`m.external_id`,
        active: sql`x.active::text`,
      },
    },
    interactions: {
      from: sql`interactions x ${CUSTOMER} LEFT JOIN users u ON u.id = x.user_id
        LEFT JOIN contacts ct ON ct.customer_id = x.customer_id AND ct.id = x.contact_id`,
      values: {
        external_id: sql`x.external_id`,
        customer_external_id: sql`c.external_id`,
        kind: sql`x.kind`,
        occurred_at: time(sql`x.occurred_at`),
        user_email: sql`u.email`,
        contact_external_id: sql`ct.external_id`,
        summary: sql`x.summary`,
        outcome: sql`x.outcome`,
      },
    },
    surveys: {
      from: sql`surveys x ${CUSTOMER} LEFT JOIN contacts ct ON ct.customer_id = x.customer_id AND ct.id = x.contact_id`,
      values: {
        external_id: sql`x.external_id`,
        customer_external_id: sql`c.external_id`,
        kind: sql`x.kind`,
        score: sql`x.score::text`,
        answered_at: time(sql`x.answered_at`),
        contact_external_id: sql`ct.external_id`,
        comment: sql`x.comment`,
      },
    },
    complaints: {
      from: sql`complaints x ${CUSTOMER}`,
      values: {
        external_id: sql`x.external_id`,
        customer_external_id: sql`c.external_id`,
        opened_at: time(sql`x.opened_at`),
        severity: sql`x.severity`,
        category: sql`x.category`,
        status: sql`x.status`,
        resolved_at: time(sql`x.resolved_at`),
      },
    },
    referrals: {
      from: sql`referrals x ${CUSTOMER}`,
      values: {
        external_id: sql`x.external_id`,
        referrer_external_id: sql`c.external_id`,
        referred_external_id: sql`x.referred_external_id`,
        referred_name: sql`x.referred_name`,
        referred_at: time(sql`x.referred_at`),
      },
    },
  };
}

export function exportColumns(entity: ExportEntity): ExportColumn[] {
  return IMPORT_COLUMNS[entity].map((column) => ({
    key: column.key,
    zh: column.zh,
    kind:
      column.kind.type === 'timestamp'
        ? 'time'
        : column.kind.type === 'money' || column.kind.type === 'integer'
          ? 'number'
          : 'text',
  }));
}

/**
 * The export SELECT for an actor. Text cells that a spreadsheet would run as a formula (starting with
 * = + - @, tab or CR) get a leading apostrophe, which the importer removes again. Numbers are never
 * prefixed: a negative amount stays `-12.50` (a spreadsheet reads it as a number, and it re-imports as
 * one); numeric columns hold nothing but numbers, so they cannot carry a formula.
 */
export function exportSelect(entity: ExportEntity, actor: Actor, zone: string): SQL {
  const source = sources(zone)[entity];
  const values = exportColumns(entity).map((column) => {
    const value = source.values[column.key];
    if (!value) throw new Error(`export of ${entity} has no value for ${column.key}`);
    return column.kind === 'text' ? defused(value) : value;
  });
  return sql`SELECT ${sql.join(values, sql`, `)} FROM ${source.from}
    WHERE c.deleted_at IS NULL AND ${customerScopeCondition(actor, sql`c.owner_id`)}`;
}

/** A text value with a leading apostrophe when a spreadsheet would read it as a formula. */
export function defused(value: SQL): SQL {
  return sql`CASE WHEN ${value} ~ '^[-=+@\t\r]' THEN '''' || ${value} ELSE ${value} END`;
}

function localTime(column: SQL, zone: string): SQL {
  const local = sql`(${column} AT TIME ZONE ${sql.raw(quoteLiteral(zone))})`;
  return sql`CASE WHEN ${local} = date_trunc('day', ${local}) THEN to_char(${local}, 'YYYY-MM-DD')
    WHEN ${local} = date_trunc('second', ${local}) THEN to_char(${local}, 'YYYY-MM-DD HH24:MI:SS')
    ELSE to_char(${local}, 'YYYY-MM-DD HH24:MI:SS.US') END`;
}

/** The zone is a validated IANA name (config); quoted as a literal because COPY takes no parameters. */
function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
