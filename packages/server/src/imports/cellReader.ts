import {
  fromDateCell,
  fromExcelSerial,
  isTemporalError,
  parseTemporalText,
  type TemporalResult,
} from '../time/parseTemporal.js';
import type { OrgTimeZone } from '../time/OrgTimeZone.js';
import { ID_MAX_LENGTH, type ColumnKind, type EnumValues } from './columns.js';
import { foldWidth } from './foldWidth.js';
import { foldHeader } from './headers.js';
import type { IssueParams, Lang, RowIssueCode } from './issues.js';
import { readMoney, type MoneyResult } from './readMoney.js';

/** A cell as a reader yields it: CSV gives strings; XLSX also numbers, booleans and dates. */
export type Cell = string | number | boolean | Date | null | undefined;

export interface CellIssue {
  readonly code: RowIssueCode;
  readonly params?: IssueParams;
}

/**
 * Reads cells into the canonical text the staging table's COPY expects (or null for an empty cell).
 * On a bad cell `read` returns undefined and leaves the reason in `issue`: the importer reads 20M rows,
 * so the happy path allocates nothing but the value.
 *
 * Text cells are trimmed; a leading apostrophe before = + - @ tab or CR is dropped (it is how exports
 * defuse spreadsheet formulas, see exports/), so exported files re-import unchanged.
 */
export class CellReader {
  issue: CellIssue | null = null;
  /** The currency an amount was written in (¥ → CNY, $ → USD), from the last money cell read. */
  impliedCurrency: string | null = null;

  constructor(
    readonly zone: OrgTimeZone,
    readonly lang: Lang,
  ) {}

  read(kind: ColumnKind, cell: Cell): string | null | undefined {
    this.issue = null;
    if (cell === null || cell === undefined) return null;
    switch (kind.type) {
      case 'timestamp':
        return this.timestamp(cell);
      case 'money':
        return this.money(cell);
      case 'integer':
        return this.integer(cell, kind.min, kind.max);
      case 'boolean':
        return typeof cell === 'boolean' ? (cell ? 't' : 'f') : this.boolean(textOf(cell));
      default:
        break;
    }
    const text = cleanText(textOf(cell));
    if (text === '') return null;
    if (text.includes('\0')) return this.fail('INVALID_TEXT');
    switch (kind.type) {
      case 'id':
        if (/[\t\r\n]/.test(text)) return this.fail('INVALID_TEXT');
        return text.length > ID_MAX_LENGTH ? this.fail('TOO_LONG', { max: ID_MAX_LENGTH }) : text;
      case 'text':
        return text.length > kind.max ? this.fail('TOO_LONG', { max: kind.max }) : text;
      case 'email':
        return EMAIL.test(text) ? text.toLowerCase() : this.fail('INVALID_EMAIL');
      case 'enum':
        return this.enumValue(kind.values, text);
      case 'currency':
        return this.currency(text);
      case 'tags':
        return tagsLiteral(text);
    }
  }

  private fail(code: RowIssueCode, params?: IssueParams): undefined {
    this.issue = params ? { code, params } : { code };
    return undefined;
  }

  private timestamp(cell: Exclude<Cell, null | undefined>): string | null | undefined {
    let result: TemporalResult;
    if (cell instanceof Date) result = fromDateCell(cell, this.zone);
    else if (typeof cell === 'number') result = fromExcelSerial(cell, this.zone);
    else {
      const text = typeof cell === 'string' ? cell.trim() : String(cell);
      if (text === '') return null;
      result = parseTemporalText(text, this.zone);
    }
    if (isTemporalError(result)) {
      return this.fail(result.code, { reason: this.lang === 'zh' ? result.reasonZh : result.reason });
    }
    return String(result);
  }

  private money(cell: Exclude<Cell, null | undefined>): string | null | undefined {
    this.impliedCurrency = null;
    let result: MoneyResult;
    if (typeof cell === 'number') result = moneyFromNumber(cell);
    else {
      const text = textOf(cell).trim();
      if (text === '') return null;
      result = readMoney(text);
    }
    if (typeof result === 'string') return this.fail(result);
    this.impliedCurrency = result.currency;
    return result.value;
  }

  private integer(
    cell: Exclude<Cell, null | undefined>,
    min: number,
    max: number,
  ): string | null | undefined {
    let value: number;
    if (typeof cell === 'number') {
      if (!Number.isInteger(cell)) return this.fail('INVALID_INTEGER');
      value = cell;
    } else {
      const text = cleanNumber(textOf(cell));
      if (text === '') return null;
      const match = INTEGER.exec(text);
      if (!match) return this.fail('INVALID_INTEGER');
      value = Number(text.replace(/\.0+$/, '').replace(/,/g, ''));
      if (!Number.isSafeInteger(value)) return this.fail('OUT_OF_RANGE', { min, max });
    }
    if (value < min || value > max) return this.fail('OUT_OF_RANGE', { min, max });
    return String(value);
  }

  private boolean(text: string): string | null | undefined {
    const folded = foldHeader(text);
    if (folded === '') return null;
    if (TRUE_WORDS.has(folded)) return 't';
    if (FALSE_WORDS.has(folded)) return 'f';
    return this.fail('INVALID_BOOLEAN');
  }

  private enumValue(values: EnumValues, text: string): string | undefined {
    const index = enumIndex(values);
    const value = index.get(text) ?? index.get(foldHeader(text));
    if (value !== undefined) return value;
    const allowed = Object.entries(values)
      .map(([key, spellings]) => (spellings[1] ? `${key}/${spellings[1]}` : key))
      .join(', ');
    return this.fail('INVALID_ENUM', { allowed });
  }

  private currency(text: string): string | undefined {
    if (ISO_CURRENCY.test(text)) return text;
    const folded = foldHeader(text);
    const named = CURRENCY_NAMES.get(folded);
    if (named) return named;
    return /^[a-z]{3}$/.test(folded) ? folded.toUpperCase() : this.fail('INVALID_CURRENCY');
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ISO_CURRENCY = /^[A-Z]{3}$/;
// Digits with optional thousands separators in threes and an all-zero fraction ("1,200", "1200.0").
const INTEGER = /^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.0+)?$/;
const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 't', '是', '在职', '有效']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'f', '否', '离职', '无效']);
const CURRENCY_NAMES = new Map([
  ['人民币', 'CNY'],
  ['元', 'CNY'],
  ['rmb', 'CNY'],
  ['美元', 'USD'],
  ['港币', 'HKD'],
  ['港元', 'HKD'],
  ['欧元', 'EUR'],
  ['日元', 'JPY'],
  ['英镑', 'GBP'],
]);
const FORMULA_ESCAPED = /^'[=+\-@\t\r]/;

function textOf(cell: Exclude<Cell, null | undefined>): string {
  if (typeof cell === 'string') return cell;
  if (cell instanceof Date)
    return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().replace(/T00:00:00\.000Z$/, '');
  return String(cell);
}

function cleanText(text: string): string {
  const trimmed = text.trim();
  return FORMULA_ESCAPED.test(trimmed) ? trimmed.slice(1) : trimmed;
}

function cleanNumber(text: string): string {
  const trimmed = text.trim();
  return foldWidth(trimmed);
}

/** Money from an XLSX number cell: a double, accepted when it has at most 2 decimals. */
function moneyFromNumber(value: number): MoneyResult {
  if (!Number.isFinite(value)) return 'INVALID_AMOUNT';
  const cents = Math.round(value * 100);
  if (Math.abs(value * 100 - cents) > 1e-6 * Math.max(1, Math.abs(value))) return 'TOO_MANY_DECIMALS';
  if (!Number.isSafeInteger(cents)) return 'INVALID_AMOUNT';
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return { value: `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`, currency: null };
}

const enumIndexes = new WeakMap<EnumValues, Map<string, string>>();
function enumIndex(values: EnumValues): Map<string, string> {
  let index = enumIndexes.get(values);
  if (!index) {
    index = new Map();
    // Both the spellings as written (the usual case, no folding needed) and folded.
    for (const [key, spellings] of Object.entries(values)) {
      for (const spelling of [key, ...spellings]) {
        index.set(spelling, key);
        index.set(foldHeader(spelling), key);
      }
    }
    enumIndexes.set(values, index);
  }
  return index;
}

/** Tags split on ; , 、 | (full-width too), trimmed, de-duplicated, as a PostgreSQL array literal. */
function tagsLiteral(text: string): string {
  const tags = [
    ...new Set(
      text
        .normalize('NFKC')
        .split(/[;,、|]/)
        .map((tag) => tag.trim())
        .filter((tag) => tag !== ''),
    ),
  ];
  return `{${tags.map((tag) => `"${tag.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}
