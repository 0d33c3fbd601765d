import { DEGENERATE_POINTS } from './NormalizeSpec.js';
import { normalCdf } from './normalCdf.js';

/**
 * Standard score through the normal CDF: 100 · Φ((x − mean) / sd) with the population mean and
 * standard deviation of the present values. The average customer scores 50, one sd above ≈ 84.1.
 * Suits roughly symmetric columns that can be negative (trends, growth rates).
 * Missing (NaN or ±Infinity) stays NaN; sd = 0 (one customer, all equal) gives everyone 50.
 */
export function zScoreCdf(values: Float64Array): Float64Array {
  const n = values.length;
  let count = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      count++;
      sum += v;
    }
  }
  const mean = sum / count;
  // Two-pass variance: no catastrophic cancellation for large, tightly clustered values.
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) squares += (v - mean) * (v - mean);
  }
  const sd = Math.sqrt(squares / count);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) out[i] = Number.NaN;
    else out[i] = sd > 0 ? 100 * normalCdf((v - mean) / sd) : DEGENERATE_POINTS;
  }
  return out;
}
