/**
 * Reads an amount written by a person or a spreadsheet into a canonical decimal string, never through a
 * float. The documented outcomes:
 *
 * - plain decimals: `1234.5`, `-12.50`, `+3`, `.5` → as written (numeric(18,2) holds them exactly);
 * - thousands separators: accepted when they group digits in threes (`1,234.50`, `12,345,678`);
 *   anything else (`1,23.4`, `1.234,50`) is INVALID_AMOUNT: a decimal comma is ambiguous;
 * - currency signs `¥ ￥ $` and words `RMB CNY USD 元` before or after the number (spaces allowed):
 *   accepted and stripped; the currency they imply (¥ ￥ RMB CNY 元 → CNY, $ USD → USD) fills an empty
 *   currency cell and must agree with a non-empty one (CURRENCY_MISMATCH otherwise);
 * - negative as `-1,234.50`, `¥-12`, `-¥12` or in accounting parentheses `(1,234.50)`;
 * - more than 2 decimals → TOO_MANY_DECIMALS (never rounded); more than 16 integer digits, exponents
 *   (`1.2E+5`) and anything else → INVALID_AMOUNT.
 * Full-width characters (１２３，４５６．７８) are read as their ASCII forms.
 */
export type MoneyResult = { readonly value: string; readonly currency: string | null } | MoneyIssue;
export type MoneyIssue = 'INVALID_AMOUNT' | 'TOO_MANY_DECIMALS';

import { foldWidth } from './foldWidth.js';

const PLAIN = /^[+-]?\d{1,16}(?:\.\d{1,2})?$/;
const CURRENCY_AFFIX = /^(?:(¥|\$|RMB|CNY|USD|US\$)\s*)?([^¥$]*?)(?:\s*(¥|\$|RMB|CNY|USD|元))?$/i;
const NUMBER = /^([+-])?(\d+|\d{1,3}(?:,\d{3})+)?(?:\.(\d+))?$/;

export function readMoney(input: string): MoneyResult {
  if (PLAIN.test(input)) return { value: input, currency: null };
  let text = foldWidth(input).trim();

  let negative = false;
  const parenthesised = /^\((.*)\)$/.exec(text);
  if (parenthesised) {
    negative = true;
    text = (parenthesised[1] ?? '').trim();
  }
  // A sign may come before the currency sign: -¥12.
  if (/^[+-]/.test(text) && !/^[+-]\d/.test(text)) {
    negative = negative !== (text[0] === '-');
    text = text.slice(1).trim();
  }
  const affixed = CURRENCY_AFFIX.exec(text);
  if (!affixed) return 'INVALID_AMOUNT';
  const [, prefix, body = '', suffix] = affixed;
  if (prefix && suffix) return 'INVALID_AMOUNT';
  const number = NUMBER.exec(body.trim());
  if (!number) return 'INVALID_AMOUNT';
  const [, sign, integerPart, fraction] = number;
  if (integerPart === undefined && fraction === undefined) return 'INVALID_AMOUNT';
  if (sign === '-') negative = !negative;
  if (fraction !== undefined && fraction.length > 2) return 'TOO_MANY_DECIMALS';
  const digits = (integerPart ?? '0').replace(/,/g, '').replace(/^0+(?=\d)/, '');
  if (digits.length > 16) return 'INVALID_AMOUNT';
  const value = `${negative ? '-' : ''}${digits}${fraction ? `.${fraction}` : ''}`;
  return { value, currency: currencyOf(prefix ?? suffix) };
}

function currencyOf(sign: string | undefined): string | null {
  if (sign === undefined) return null;
  const upper = sign.toUpperCase();
  return upper === '$' || upper === 'USD' || upper === 'US$' ? 'USD' : 'CNY';
}
