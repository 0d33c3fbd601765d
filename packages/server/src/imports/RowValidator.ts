import type { Cell, CellReader } from './cellReader.js';
import type { ImportColumn } from './columns.js';
import type { EntitySpec, RowContext } from './entities/EntitySpec.js';
import type { HeaderMapping } from './headers.js';
import {
  issueMessage,
  reportValue,
  type ImportIssue,
  type IssueParams,
  type Lang,
  type RowIssueCode,
} from './issues.js';
import type { SourceRecord } from './readers/SourceRecord.js';
import { copyValue } from './staging.js';

export type RowOutcome =
  | { readonly kind: 'staged'; readonly text: string; readonly identity: string }
  | { readonly kind: 'rejected'; readonly issues: readonly ImportIssue[] }
  | { readonly kind: 'empty' };

/**
 * Validates one file row at a time against an entity's columns, without the database: every cell is
 * read (so a row's report lists all its bad cells, not the first), then the entity's row rules run.
 * A valid row becomes one COPY text line for the stage plus its identity (for the duplicate filter).
 */
export class RowValidator implements RowContext {
  /** The staging columns COPY writes, in order: the file's columns, then the derived ones. */
  readonly copyColumns: readonly string[];
  private readonly present: ReadonlyArray<{ column: ImportColumn; cellIndex: number; slot: number }>;
  private readonly slots = new Map<string, number>();
  private readonly identitySlots: readonly number[];
  private readonly headerWidth: number;
  private values: Array<string | null> = [];
  private implied: Array<string | null> = [];
  private issues: ImportIssue[] = [];
  private line = 0;
  private cells: readonly Cell[] = [];

  constructor(
    private readonly spec: EntitySpec,
    private readonly mapping: HeaderMapping,
    private readonly reader: CellReader,
    headerWidth: number,
  ) {
    const present: Array<{ column: ImportColumn; cellIndex: number; slot: number }> = [];
    spec.columns.forEach((column, index) => {
      const cellIndex = mapping.indexes[index] ?? -1;
      if (cellIndex === -1) return;
      this.slots.set(column.key, present.length);
      present.push({ column, cellIndex, slot: present.length });
    });
    // A derived column the file also has (an optional external_id) is copied once, as the file column.
    const derived = spec.derived.filter((name) => !this.slots.has(name));
    for (const name of derived) this.slots.set(name, this.slots.size);
    this.present = present;
    this.copyColumns = [...present.map((entry) => entry.column.key), ...derived];
    this.identitySlots = spec.identity.columns.map((name) => this.slots.get(name) ?? -1);
    this.headerWidth = headerWidth;
    this.values = new Array<string | null>(this.copyColumns.length).fill(null);
    this.implied = new Array<string | null>(this.copyColumns.length).fill(null);
  }

  get lang(): Lang {
    return this.mapping.lang;
  }

  validate(record: SourceRecord): RowOutcome {
    const { cells } = record;
    if (isEmptyRow(cells)) return { kind: 'empty' };
    this.line = record.line;
    this.cells = cells;
    // Reused row to row: 20M rows must not mean 40M short-lived arrays.
    this.values.fill(null);
    this.implied.fill(null);
    if (this.issues.length > 0) this.issues = [];
    const reader = this.reader;
    for (const { column, cellIndex, slot } of this.present) {
      const cell = cells[cellIndex];
      const value = reader.read(column.kind, cell);
      if (value === undefined) {
        const issue = reader.issue ?? { code: 'INVALID_TEXT' as const };
        this.reject(column.key, issue.code, issue.params);
      } else if (value === null && column.required) {
        this.reject(column.key, 'REQUIRED');
      } else {
        this.values[slot] = value;
        if (column.kind.type === 'money') this.implied[slot] = reader.impliedCurrency;
      }
    }
    if (cells.length > this.headerWidth && cells.slice(this.headerWidth).some((cell) => !isBlank(cell))) {
      this.addIssue(null, null, 'TOO_MANY_CELLS', { cells: cells.length, columns: this.headerWidth });
    }
    if (this.issues.length === 0) this.spec.finishRow?.(this);
    if (this.issues.length > 0) return { kind: 'rejected', issues: this.issues };

    let text = '';
    for (let i = 0; i < this.values.length; i++)
      text += (i === 0 ? '' : '\t') + copyValue(this.values[i] ?? null);
    let identity = '';
    for (const slot of this.identitySlots) identity += `${this.values[slot] ?? ''}\u001f`;
    return { kind: 'staged', text, identity };
  }

  value(key: string): string | null {
    const slot = this.slots.get(key);
    return slot === undefined ? null : (this.values[slot] ?? null);
  }

  has(key: string): boolean {
    return this.mapping.written.has(key);
  }

  set(key: string, value: string | null): void {
    const slot = this.slots.get(key);
    if (slot !== undefined) this.values[slot] = value;
  }

  impliedCurrency(key: string): string | null {
    const slot = this.slots.get(key);
    return slot === undefined ? null : (this.implied[slot] ?? null);
  }

  reject(key: string, code: RowIssueCode, params?: IssueParams): void {
    const entry = this.present.find((candidate) => candidate.column.key === key);
    const value = entry ? cellText(this.cells[entry.cellIndex]) : this.value(key);
    this.addIssue(this.mapping.written.get(key) ?? key, value, code, params);
  }

  private addIssue(
    column: string | null,
    value: string | null,
    code: RowIssueCode,
    params?: IssueParams,
  ): void {
    this.issues.push({
      line: this.line,
      column,
      value: reportValue(value),
      code,
      message: issueMessage(code, this.mapping.lang, params),
    });
  }
}

function isBlank(cell: Cell): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

function isEmptyRow(cells: readonly Cell[]): boolean {
  for (const cell of cells) if (!isBlank(cell)) return false;
  return true;
}

/** The cell as the report shows it. */
export function cellText(cell: Cell): string | null {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString();
  return String(cell);
}
