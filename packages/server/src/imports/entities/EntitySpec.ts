import type { SQL } from 'drizzle-orm';
import type pg from 'pg';
import type { ImportEntity } from '@stratum/db';
import type { Actor } from '../../access/actor.js';
import type { ImportColumn } from '../columns.js';
import type { IssueParams, RowIssueCode } from '../issues.js';
import type { StageColumn } from '../staging.js';

/** A file row being validated: its canonical cell values by column key, and a way to reject it. */
export interface RowContext {
  /** The canonical value of a column (null when empty or when the file has no such column). */
  value(key: string): string | null;
  /** Whether the file has this column. */
  has(key: string): boolean;
  /** Sets a staging value (a derived column, or a normalised one). */
  set(key: string, value: string | null): void;
  /** The currency a money cell was written in (¥ → CNY, $ → USD), if any. */
  impliedCurrency(key: string): string | null;
  reject(key: string, code: RowIssueCode, params?: IssueParams): void;
}

/** What the database phase of an import works with. */
export interface WriteContext {
  /** The import's own connection, inside its one transaction. */
  readonly client: pg.ClientBase;
  readonly actor: Actor;
  readonly importId: number;
  /** Columns present in the file (by key): absent columns keep their stored value on update. */
  readonly present: ReadonlySet<string>;
}

export interface WriteCounts {
  readonly inserted: number;
  readonly updated: number;
}

/**
 * One importable entity: its file columns (DESIGN §9), row rules that need no database, the database
 * checks (which add rows to import_rejects) and the set-based upsert of the staged rows that passed.
 */
export interface EntitySpec {
  readonly entity: ImportEntity;
  readonly columns: readonly ImportColumn[];
  /** Staging columns that are not file columns: filled by `finishRow` (see `derived`) or by SQL. */
  readonly extraStage: readonly StageColumn[];
  /**
   * Staging columns `finishRow` may set, copied with the row even when the file lacks them (e.g. the
   * external_id derived from a natural key, which is also an optional file column).
   */
  readonly derived: readonly string[];
  /**
   * Staging columns whose values identify a row within the file: two rows with the same values are
   * duplicates (all of them rejected). `blame` is the column the report points at; `natural` names the
   * key when it is not an id the file carries (interactions, surveys, referrals).
   */
  readonly identity: {
    readonly columns: readonly string[];
    readonly blame: string;
    readonly natural?: { readonly en: string; readonly zh: string };
  };
  /** Rules across cells of one row, and derived values (runs only when every cell was readable). */
  finishRow?(row: RowContext): void;
  /** Set-based checks against the database: INSERT INTO import_rejects … (never throws for bad rows). */
  check(context: WriteContext): Promise<void>;
  /**
   * After rejected lines leave the stage (--skip-invalid), rows that pointed at them (a contact's manager,
   * a customer's parent) must be rejected too: called until it rejects nothing more. Returns the count.
   */
  recheck?(context: WriteContext): Promise<number>;
  /** The one upsert of the staged rows (rejected lines already removed), with audit of updated rows. */
  upsert(context: WriteContext): Promise<WriteCounts>;
  /** How the scope check reads: customers can be created by the importer, other entities cannot. */
  readonly customerKey: string | null;
}

/** A column of the target table and the staging expression it is written from. */
export interface TargetColumn {
  readonly column: string;
  /** The file column whose presence brings this target into the upsert (null: always written). */
  readonly source: string | null;
  readonly value: SQL;
}
