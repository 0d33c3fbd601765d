import type pg from 'pg';

/**
 * Around a bulk load into empty tables, indexes that would be updated at random places (and foreign
 * keys, checked row by row by a trigger) are dropped and rebuilt afterwards: one sort, one validating
 * join. Until they are back, each table's comment records what was dropped (and the comment it had),
 * committed together with the drop, so a load killed half-way is repaired by the next
 * `restoreSuspendedIndexes` (every demo load starts with one): the schema is never silently left
 * without its indexes or constraints.
 */
const MARKER = 'stratum:suspended-indexes ';

interface Definition {
  readonly name: string;
  readonly definition: string;
}

interface Suspended {
  readonly comment: string | null;
  readonly indexes: readonly Definition[];
  readonly foreignKeys?: readonly Definition[];
}

export interface SuspendTargets {
  /** Tables whose secondary indexes (not primary keys or constraint-backed ones) are dropped. */
  readonly indexes: readonly string[];
  /** Tables whose foreign keys are dropped. */
  readonly foreignKeys: readonly string[];
}

/** Drops what `targets` names, recording it first; returns the names of the dropped indexes and constraints. */
export async function suspendIndexes(client: pg.ClientBase, targets: SuspendTargets): Promise<string[]> {
  const { rows } = await client.query<{
    table: string;
    kind: 'index' | 'fk';
    name: string;
    definition: string;
    comment: string | null;
  }>(
    `SELECT c.relname AS "table", 'index' AS kind, i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition,
            obj_description(c.oid, 'pg_class') AS comment
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class c ON c.oid = x.indrelid
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY($1)
        AND NOT x.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
     UNION ALL
     SELECT c.relname, 'fk', k.conname, pg_get_constraintdef(k.oid), obj_description(c.oid, 'pg_class')
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY($2) AND k.contype = 'f'
      ORDER BY 1, 2, 3`,
    [targets.indexes, targets.foreignKeys],
  );
  const byTable = new Map<
    string,
    { comment: string | null; indexes: Definition[]; foreignKeys: Definition[] }
  >();
  for (const row of rows) {
    if (row.comment?.startsWith(MARKER)) throw new Error(`indexes of ${row.table} are already suspended`);
    const entry = byTable.get(row.table) ?? { comment: row.comment, indexes: [], foreignKeys: [] };
    (row.kind === 'index' ? entry.indexes : entry.foreignKeys).push({
      name: row.name,
      definition: row.definition,
    });
    byTable.set(row.table, entry);
  }
  await client.query('BEGIN');
  try {
    for (const [table, suspended] of byTable) {
      const name = client.escapeIdentifier(table);
      await client.query(
        `COMMENT ON TABLE ${name} IS ${client.escapeLiteral(MARKER + JSON.stringify(suspended))}`,
      );
      for (const key of suspended.foreignKeys) {
        await client.query(`ALTER TABLE ${name} DROP CONSTRAINT ${client.escapeIdentifier(key.name)}`);
      }
      for (const index of suspended.indexes)
        await client.query(`DROP INDEX ${client.escapeIdentifier(index.name)}`);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  return rows.map((row) => row.name);
}

/**
 * Rebuilds everything a suspension recorded (in this schema), table by table over `connections`
 * connections, biggest tables first, then puts each table's comment back. Returns what it rebuilt.
 */
export async function restoreSuspendedIndexes(
  connect: () => Promise<pg.Client>,
  options: { connections?: number; onIndex?: (name: string) => void } = {},
): Promise<string[]> {
  const first = await connect();
  let pending: { table: string; suspended: Suspended }[];
  try {
    const { rows } = await first.query<{ table: string; comment: string }>(
      `SELECT c.relname AS "table", obj_description(c.oid, 'pg_class') AS comment
         FROM pg_class c
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
          AND obj_description(c.oid, 'pg_class') LIKE $1
        ORDER BY pg_relation_size(c.oid) DESC`,
      [`${MARKER}%`],
    );
    pending = rows.map((row) => ({
      table: row.table,
      suspended: JSON.parse(row.comment.slice(MARKER.length)) as Suspended,
    }));
  } finally {
    await first.end();
  }
  const built: string[] = [];
  const work = async () => {
    const client = await connect();
    try {
      // Index builds sort; give them memory (this session only).
      await client.query("SET maintenance_work_mem = '512MB'");
      for (let next = pending.shift(); next; next = pending.shift()) {
        const table = client.escapeIdentifier(next.table);
        for (const index of next.suspended.indexes) {
          await client.query(ifNotExists(index.definition));
          built.push(index.name);
          options.onIndex?.(index.name);
        }
        for (const key of next.suspended.foreignKeys ?? []) {
          const exists = await client.query(
            'SELECT 1 FROM pg_constraint WHERE conrelid = $1::regclass AND conname = $2',
            [next.table, key.name],
          );
          if (exists.rowCount === 0) {
            await client.query(
              `ALTER TABLE ${table} ADD CONSTRAINT ${client.escapeIdentifier(key.name)} ${key.definition}`,
            );
          }
          built.push(key.name);
          options.onIndex?.(key.name);
        }
        const comment =
          next.suspended.comment === null ? 'NULL' : client.escapeLiteral(next.suspended.comment);
        await client.query(`COMMENT ON TABLE ${table} IS ${comment}`);
      }
    } finally {
      await client.end();
    }
  };
  const lanes = Math.max(1, Math.min(options.connections ?? 2, pending.length));
  await Promise.all(Array.from({ length: lanes }, work));
  return built;
}

/** `CREATE [UNIQUE] INDEX name ON …` → `CREATE [UNIQUE] INDEX IF NOT EXISTS name ON …` (pg_get_indexdef's form). */
function ifNotExists(definition: string): string {
  return definition.replace(/^CREATE (UNIQUE )?INDEX /, (match) => `${match}IF NOT EXISTS `);
}
