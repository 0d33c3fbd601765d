import type { ImportColumn } from './columns.js';
import { issueMessage, type ImportIssue, type Lang } from './issues.js';

/**
 * Matches a file's header row to an entity's columns. Headers are English or Chinese (DESIGN §9) and
 * compared case-, space-, underscore-, hyphen- and width-insensitively (全角 ＡＢＣ and 半角 ABC alike).
 */
export function foldHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s_\-\u200b\ufeff]+/g, '')
    .toLowerCase();
}

export interface HeaderMapping {
  /** For each of the entity's columns (same order), the cell index in the file, or −1 when absent. */
  readonly indexes: readonly number[];
  /** The header text as written in the file, by column key (for the report's "column"). */
  readonly written: ReadonlyMap<string, string>;
  /** Headers that match no column: ignored, listed in a warning. */
  readonly unknown: readonly string[];
  /** The language of the headers, which the report's messages follow. */
  readonly lang: Lang;
  /** File-level problems (missing required column, a column given twice). */
  readonly issues: readonly ImportIssue[];
}

export function mapHeaders(columns: readonly ImportColumn[], header: readonly string[]): HeaderMapping {
  const byFolded = new Map<string, { column: ImportColumn; index: number; zh: boolean }>();
  columns.forEach((column, index) => {
    byFolded.set(foldHeader(column.key), { column, index, zh: false });
    byFolded.set(foldHeader(column.zh), { column, index, zh: true });
    for (const alias of column.aliases ?? [])
      byFolded.set(foldHeader(alias), { column, index, zh: /[\u0080-\uffff]/.test(alias) });
  });

  const indexes = columns.map(() => -1);
  const written = new Map<string, string>();
  const unknown: string[] = [];
  const duplicates: Array<{ column: string; other: string }> = [];
  let zhVotes = 0;
  let enVotes = 0;
  header.forEach((raw, cellIndex) => {
    const text = raw.trim();
    if (text === '') return;
    const match = byFolded.get(foldHeader(text));
    if (!match) {
      unknown.push(text);
      return;
    }
    if (match.zh) zhVotes++;
    else enVotes++;
    if (indexes[match.index] !== -1) {
      duplicates.push({ column: text, other: written.get(match.column.key) ?? match.column.key });
      return;
    }
    indexes[match.index] = cellIndex;
    written.set(match.column.key, text);
  });

  const lang: Lang = zhVotes > enVotes ? 'zh' : 'en';
  const issues: ImportIssue[] = [];
  for (const duplicate of duplicates) {
    issues.push({
      line: 1,
      column: duplicate.column,
      value: null,
      code: 'DUPLICATE_COLUMN',
      message: issueMessage('DUPLICATE_COLUMN', lang, duplicate),
    });
  }
  columns.forEach((column, index) => {
    if (!column.required || indexes[index] !== -1) return;
    const [name, other] = lang === 'zh' ? [column.zh, column.key] : [column.key, column.zh];
    issues.push({
      line: 1,
      column: name,
      value: null,
      code: 'MISSING_COLUMN',
      message: issueMessage('MISSING_COLUMN', lang, { column: name, other }),
    });
  });
  return { indexes, written, unknown, lang, issues };
}
