import { sql, type SQL } from 'drizzle-orm';
import { runSql } from '../runSql.js';
import type { TargetColumn, WriteContext, WriteCounts } from './EntitySpec.js';

export interface StagedUpsert {
  readonly table: string;
  /** Columns written on insert only (the conflict key and ids), with their values. */
  readonly keys: ReadonlyArray<{ readonly column: string; readonly value: SQL }>;
  /** FROM clause over the stage `s` and whatever the values join. */
  readonly from: SQL;
  /**
   * The order rows are written in: that of the conflict key (and of the primary key, which starts the
   * same way), so the new index entries land next to each other instead of on random pages. Measured on
   * 1M orders with 4 indexes, this cut the upsert from 86 s to 49 s, the same as the unsorted plain
   * INSERT, i.e. ON CONFLICT then costs nothing extra.
   */
  readonly order: SQL;
  /** The conflict target, e.g. `(customer_id, external_id)`. */
  readonly conflict: SQL;
  /** Columns written on insert and on update (only where one differs). */
  readonly targets: readonly TargetColumn[];
  /** Extra condition for updating an existing row (a last guard of the data scope). */
  readonly updateGuard?: SQL;
  /** The customer a written row belongs to (for its audit entry), given the alias of the table. */
  readonly customerIdOf: (alias: string) => SQL;
  /** Condition matching the stored row `o` to a returned row, given its alias. */
  readonly rowOf: (alias: string) => SQL;
}

/**
 * The one set-based upsert of an import: INSERT … SELECT … ON CONFLICT DO UPDATE only where a written
 * column differs, so an unchanged row is neither rewritten nor counted (importing a file twice changes
 * nothing). Only the targets whose file column is present are written: a column missing from the file
 * keeps the stored values. In the same statement each updated row gets an audit_log entry holding the
 * changed columns before and after: the lateral read of the table sees rows as they were before the
 * statement, the RETURNING clause as they are after it (and returns little for inserted rows: a 20M-row import
 * keeps all of them in the statement's tuple store).
 */
export async function upsertStaged(
  context: WriteContext,
  entity: string,
  options: StagedUpsert,
): Promise<WriteCounts> {
  const targets = options.targets.filter(
    (target) => target.source === null || context.present.has(target.source),
  );
  const table = sql.identifier(options.table);
  const names = targets.map((target) => sql.identifier(target.column));
  const list = (items: Array<SQL | SQL.Aliased | ReturnType<typeof sql.identifier>>) =>
    sql.join(items, sql`, `);
  const qualified = (alias: string) => list(names.map((name) => sql`${sql.identifier(alias)}.${name}`));
  const jsonOf = (alias: string) =>
    sql`jsonb_build_object(${list(
      targets.map(
        (target) => sql`${target.column}::text, ${sql.identifier(alias)}.${sql.identifier(target.column)}`,
      ),
    )})`;
  const actorId = context.actor.userId;
  const result = await runSql<{ inserted: string; updated: string }>(
    context.client,
    sql`WITH up AS (
        INSERT INTO ${table} AS t (${list(options.keys.map((key) => sql.identifier(key.column)))}, ${list(names)},
          created_by, updated_by)
        SELECT ${list(options.keys.map((key) => key.value))}, ${list(targets.map((target) => target.value))},
          ${actorId}, ${actorId}
        FROM ${options.from}
        ORDER BY ${options.order}
        ON CONFLICT ${options.conflict} DO UPDATE
          SET ${list(names.map((name) => sql`${name} = excluded.${name}`))}, updated_at = now(), updated_by = excluded.updated_by
          WHERE (${qualified('t')}) IS DISTINCT FROM (${qualified('excluded')}) ${options.updateGuard ? sql`AND ${options.updateGuard}` : sql``}
        RETURNING t.id, ${options.customerIdOf('t')} AS customer_id, t.xmax = 0 AS inserted,
          CASE WHEN t.xmax <> 0 THEN ${jsonOf('t')} END AS after
      ), audited AS (
        INSERT INTO audit_log (actor_id, actor_kind, action, entity, entity_id, customer_id, before, after)
        SELECT ${actorId}, ${context.actor.kind}, 'import.update', ${entity}, up.id::text, up.customer_id, d.before, d.after
        FROM up
        CROSS JOIN LATERAL (SELECT ${jsonOf('o')} AS j FROM ${table} o WHERE ${options.rowOf('up')} LIMIT 1) old
        CROSS JOIN LATERAL (SELECT jsonb_object_agg(b.key, b.value) AS before, jsonb_object_agg(b.key, up.after -> b.key) AS after
          FROM jsonb_each(old.j) b WHERE b.value IS DISTINCT FROM up.after -> b.key) d
        WHERE NOT up.inserted
      )
      SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM up`,
  );
  const row = result.rows[0];
  return { inserted: Number(row?.inserted ?? 0), updated: Number(row?.updated ?? 0) };
}
