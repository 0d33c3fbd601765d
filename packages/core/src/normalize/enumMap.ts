import type { EnumSpec } from './NormalizeSpec.js';

/** Code names of an enum column, e.g. MARKET_POSITION_CODE: { sme: 0, major: 1, leader: 2 }. */
export type CodeTable = Readonly<Record<string, number>>;

/**
 * The numeric code a key of an `enum` map stands for: a name from `codes`, or a number written as a
 * string ("2"). Undefined when it is neither.
 */
export function resolveCode(key: string, codes: CodeTable | undefined): number | undefined {
  if (codes && Object.hasOwn(codes, key)) return codes[key];
  const n = Number(key);
  return key.trim() !== '' && Number.isFinite(n) ? n : undefined;
}

const DENSE_CODES = 256;

/**
 * Points per code. A code absent from the map scores `fallback` (default: missing, so the
 * indicator's missing policy decides); NaN and ±Infinity stay missing. Points are taken as written; no direction inversion.
 */
export function enumMap(
  values: Float64Array,
  spec: Pick<EnumSpec, 'map' | 'fallback'>,
  codes?: CodeTable,
): Float64Array {
  const fallback = spec.fallback ?? Number.NaN;
  // Codes are small integers in practice: a dense table avoids a Map lookup per row.
  const table = new Float64Array(DENSE_CODES).fill(fallback);
  const sparse = new Map<number, number>();
  for (const [key, p] of Object.entries(spec.map)) {
    const code = resolveCode(key, codes);
    if (code === undefined) continue;
    if (Number.isInteger(code) && code >= 0 && code < DENSE_CODES) table[code] = p;
    else sparse.set(code, p);
  }
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) out[i] = Number.NaN;
    else if (Number.isInteger(v) && v >= 0 && v < DENSE_CODES) out[i] = table[v]!;
    else out[i] = sparse.get(v) ?? fallback;
  }
  return out;
}
