import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { IMPORT_ENTITIES } from '@stratum/db';
import type { Actor } from '../access/actor.js';
import type { DuplicateFilter } from './duplicateFilter.js';
import type { EntitySpec, WriteContext } from './entities/EntitySpec.js';
import type { ImportPhase } from './importJobStore.js';
import { issueMessage, reportValue, type IssueCode, type IssueParams, type Lang } from './issues.js';
import type { IssueSink } from './IssueSink.js';
import { runSql } from './runSql.js';
import type { StagedFile } from './stageFile.js';

// Imports of one entity run one after another: concurrent ones would race on the same keys and ids.
const ENTITY_LOCK = 727_003;

export interface WriteStagedOptions {
  readonly client: pg.ClientBase;
  readonly spec: EntitySpec;
  readonly staged: StagedFile;
  readonly sink: IssueSink;
  readonly actor: Actor;
  readonly importId: number;
  readonly fileName: string;
  readonly lang: Lang;
  readonly skipInvalid: boolean;
  /** Rows already rejected while reading (their lines never reached the stage). */
  readonly rejectedWhileReading: number;
  readonly onPhase: (phase: ImportPhase) => void;
}

export interface WriteStagedResult {
  /** False when the file is rejected (all-or-nothing): the caller rolls back. */
  readonly written: boolean;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Staged rows the database checks rejected. */
  readonly rejectedRows: number;
}

/**
 * The database phase, inside the import's transaction: duplicate and database checks into
 * import_rejects, the report, then (unless the file is rejected) the one upsert and the audit summary.
 * With --skip-invalid the rejected lines leave the stage first, and rows that pointed at them are
 * rejected in turn until nothing changes.
 */
export async function writeStaged(options: WriteStagedOptions): Promise<WriteStagedResult> {
  const { client, spec, staged, actor } = options;
  await client.query('SELECT pg_advisory_xact_lock($1, $2)', [
    ENTITY_LOCK,
    IMPORT_ENTITIES.indexOf(spec.entity),
  ]);
  const present = new Set(staged.mapping?.written.keys() ?? []);
  const context: WriteContext = { client, actor, importId: options.importId, present };

  await rejectDuplicates(client, spec, staged.duplicates);
  await spec.check(context);
  if (options.skipInvalid) {
    for (;;) {
      await client.query(
        'DELETE FROM import_stage s USING (SELECT DISTINCT line FROM import_rejects) r WHERE s.line = r.line',
      );
      if (!spec.recheck || (await spec.recheck(context)) === 0) break;
    }
  }
  const rejectedRows = await reportRejects(options);
  if (!options.skipInvalid && rejectedRows + options.rejectedWhileReading > 0) {
    return { written: false, inserted: 0, updated: 0, unchanged: 0, rejectedRows };
  }

  options.onPhase('writing');
  const { inserted, updated } = await spec.upsert(context);
  const unchanged = staged.stagedRows - rejectedRows - inserted - updated;
  await runSql(
    client,
    sql`INSERT INTO audit_log (actor_id, actor_kind, action, entity, entity_id, after)
      VALUES (${actor.userId}, ${actor.kind}, 'import', ${spec.entity}, ${String(options.importId)},
        ${JSON.stringify({
          file: options.fileName,
          inserted,
          updated,
          unchanged,
          rejected: rejectedRows + options.rejectedWhileReading,
        })}::jsonb)`,
  );
  return { written: true, inserted, updated, unchanged, rejectedRows };
}

/**
 * Confirms the duplicate filter's candidates against the stage and rejects every line of each real
 * duplicate, naming the other lines. Without candidates (the usual case) the stage is not even read.
 */
async function rejectDuplicates(
  client: pg.ClientBase,
  spec: EntitySpec,
  filter: DuplicateFilter,
): Promise<void> {
  if (filter.candidates.size === 0 && !filter.overflowed) return;
  const key = sql.join(
    spec.identity.columns.map((column) => sql`coalesce(${sql.identifier(column)}, '') || chr(31)`),
    sql` || `,
  );
  const only = filter.overflowed
    ? sql``
    : sql`WHERE ${key} = ANY(${sql.param([...filter.candidates])}::text[])`;
  const code = spec.identity.natural ? 'DUPLICATE_ROW' : 'DUPLICATE_ID';
  await runSql(
    client,
    sql`WITH keyed AS (
        SELECT line, ${sql.identifier(spec.identity.blame)}::text AS value, ${key} AS key FROM import_stage ${only}
      ), dups AS (
        SELECT key, array_agg(line ORDER BY line) AS lines FROM keyed GROUP BY key HAVING count(*) > 1
      )
      INSERT INTO import_rejects (line, col, value, code, detail)
      SELECT k.line, ${spec.identity.blame}, k.value, ${code},
        array_to_string((array_remove(d.lines, k.line))[1:5], ', ') || CASE WHEN cardinality(d.lines) > 6 THEN ', …' ELSE '' END
      FROM keyed k JOIN dups d USING (key)`,
  );
}

/** Copies the database-found rejects into the report, in line order, in batches; returns the rejected lines. */
async function reportRejects(options: WriteStagedOptions): Promise<number> {
  const { client, sink, lang, spec } = options;
  const written = options.staged.mapping?.written;
  await client.query(
    'DECLARE import_rejects_cursor NO SCROLL CURSOR FOR SELECT line, col, value, code, detail FROM import_rejects ORDER BY line, col',
  );
  for (;;) {
    const batch = await client.query<{
      line: string;
      col: string | null;
      value: string | null;
      code: IssueCode;
      detail: string | null;
    }>('FETCH 5000 FROM import_rejects_cursor');
    for (const row of batch.rows) {
      const params: IssueParams = spec.identity.natural
        ? { key: spec.identity.natural.en, keyZh: spec.identity.natural.zh, lines: row.detail ?? '' }
        : { lines: row.detail ?? '' };
      await sink.add({
        line: Number(row.line),
        column: row.col === null ? null : (written?.get(row.col) ?? row.col),
        value: reportValue(row.value),
        code: row.code,
        message: issueMessage(row.code, lang, params),
      });
    }
    if (batch.rows.length < 5000) break;
  }
  await client.query('CLOSE import_rejects_cursor');
  const count = await client.query<{ n: string }>('SELECT count(DISTINCT line) AS n FROM import_rejects');
  return Number(count.rows[0]?.n ?? 0);
}
