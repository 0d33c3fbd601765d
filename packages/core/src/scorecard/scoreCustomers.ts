import { INDICATOR_CATALOGUE } from '../indicators/catalogue.js';
import type { FeatureMatrix } from '../matrix/FeatureMatrix.js';
import { column } from '../matrix/FeatureMatrix.js';
import type { GradingModel } from '../model/GradingModelSchema.js';
import { applyMissingPolicy, normalizeColumn } from '../normalize/normalizeColumn.js';
import { rankScratch } from '../normalize/percentileRank.js';
import type { ColumnOrders } from '../util/columnOrder.js';
import type { ScorecardIndicator } from './scorecardIndicators.js';
import { scorecardIndicators } from './scorecardIndicators.js';

/** Customers per block of the scoring loops: 20 indicator slices of 16 KiB fit in L2. */
const BLOCK = 2048;

/** Columnar scorecard output; every array has one entry per matrix row. */
export interface ScorecardResult {
  readonly ids: Float64Array;
  /** The model's indicators in model order; the arrays below follow this order. */
  readonly indicators: readonly ScorecardIndicator[];
  /** Raw indicator columns (the matrix's own arrays, not copies; all-NaN when not extracted). */
  readonly raw: readonly Float64Array[];
  /** Points 0–100 after the missing policy; NaN only where `exclude` dropped the indicator. */
  readonly normalized: readonly Float64Array[];
  /** Points × effective weight; per customer they add up to `score` exactly (it is their sum). */
  readonly contributions: readonly Float64Array[];
  /**
   * Share of the nominal weight that counted for the customer (1 unless `exclude` dropped some).
   * Effective weight of indicator k = weight_k / coverage. Coverage 0 (nothing to score) gives score 0.
   */
  readonly coverage: Float64Array;
  /** 0–100: Σ contributions in model order. */
  readonly score: Float64Array;
}

/**
 * Scores every customer of `matrix` with `model` (a validated GradingModel):
 * 1. each indicator column is normalised to 0–100 over the whole matrix (direction applied),
 * 2. missing values get the indicator's policy (zero → 0, neutral → 50, exclude → dropped),
 * 3. each customer's weights are the nominal ones renormalised over what was not dropped,
 * 4. contribution = points × effective weight; score = their sum in model order.
 * `orders` (optional) lets percentile columns reuse sorts other models of the same run need.
 */
export function scoreCustomers(
  model: Pick<GradingModel, 'groups'>,
  matrix: FeatureMatrix,
  orders?: ColumnOrders,
): ScorecardResult {
  const n = matrix.ids.length;
  const indicators = scorecardIndicators(model);
  const raw = indicators.map((ind) => column(matrix, ind.key));
  // One sort buffer for every percentile column (fresh large arrays cost page faults each time),
  // unless the caller shares column orders (`grade` does: other models rank the same columns).
  const scratch =
    !orders && indicators.some((ind) => ind.normalize.method === 'percentile') ? rankScratch(n) : undefined;
  const normalized = indicators.map((ind, k) =>
    applyMissingPolicy(
      normalizeColumn(
        raw[k]!,
        ind.normalize,
        ind.direction,
        INDICATOR_CATALOGUE[ind.key].codes,
        scratch,
        orders,
      ),
      ind.missing,
    ),
  );

  const weights = indicators.map((ind) => ind.weight);
  const coverage = new Float64Array(n);
  const score = new Float64Array(n);
  const contributions = normalized.map(() => new Float64Array(n));
  // Block by block of customers, every indicator: the block's slice of each column is read twice
  // (weights, then contributions) while it is still in cache, instead of streaming 20 full columns
  // through memory twice plus the coverage and score columns once per indicator. The arithmetic per
  // customer (model order) is unchanged.
  const inverse = new Float64Array(Math.min(n, BLOCK));
  const patterns = coveragePatterns(indicators, weights);
  const pattern = new Uint32Array(Math.min(n, BLOCK));
  for (let from = 0; from < n; from += BLOCK) {
    const to = Math.min(n, from + BLOCK);
    if (patterns) {
      pattern.fill(0);
      patterns.optional.forEach((k, bit) => markPresent(pattern, normalized[k]!, 1 << bit, from, to));
      for (let i = from; i < to; i++) {
        const p = pattern[i - from]!;
        coverage[i] = patterns.coverage[p]!;
        inverse[i - from] = patterns.inverse[p]!;
      }
    } else {
      for (let k = 0; k < indicators.length; k++)
        addPresentWeight(coverage, normalized[k]!, weights[k]!, from, to);
      // One division per customer; contributions then multiply.
      for (let i = from; i < to; i++) inverse[i - from] = coverage[i]! > 0 ? 1 / coverage[i]! : 0;
    }
    // Two indicators per pass: half the loads and stores of `score` (still added in model order).
    let k = 0;
    for (; k + 1 < indicators.length; k += 2) {
      contributePair(normalized, weights, contributions, k, inverse, score, from, to);
    }
    if (k < indicators.length)
      contribute(normalized[k]!, weights[k]!, inverse, score, contributions[k]!, from, to);
  }
  keepWithinHundred(score, contributions);
  return { ids: matrix.ids, indicators, raw, normalized, contributions, coverage, score };
}

/** Most `exclude` indicators whose presence combinations are tabulated (4,096 entries). */
const MAX_OPTIONAL = 12;

/**
 * Only `exclude` indicators can be missing after the missing policy (zero/neutral fill every NaN), so
 * a customer's coverage depends only on which of those are present: with few of them, coverage and
 * its inverse are tabulated per combination (bit j = optional[j] present), each entry summed exactly
 * as addPresentWeight sums per customer (model order, from 0). Null when there are too many.
 */
function coveragePatterns(
  indicators: readonly ScorecardIndicator[],
  weights: readonly number[],
): { optional: number[]; coverage: Float64Array; inverse: Float64Array } | null {
  const optional = indicators.flatMap((ind, k) => (ind.missing === 'exclude' ? [k] : []));
  if (optional.length > MAX_OPTIONAL) return null;
  const combinations = 1 << optional.length;
  const coverage = new Float64Array(combinations);
  const inverse = new Float64Array(combinations);
  for (let p = 0; p < combinations; p++) {
    let c = 0;
    for (let k = 0; k < indicators.length; k++) {
      const bit = optional.indexOf(k);
      if (bit < 0 || p & (1 << bit)) c += weights[k]!;
    }
    coverage[p] = c;
    inverse[p] = c > 0 ? 1 / c : 0;
  }
  return { optional, coverage, inverse };
}

function markPresent(
  pattern: Uint32Array,
  points: Float64Array,
  bit: number,
  from: number,
  to: number,
): void {
  for (let i = from; i < to; i++) if (points[i] === points[i]) pattern[i - from] = pattern[i - from]! | bit;
}

function addPresentWeight(
  coverage: Float64Array,
  points: Float64Array,
  weight: number,
  from: number,
  to: number,
): void {
  for (let i = from; i < to; i++) if (points[i] === points[i]) coverage[i] = coverage[i]! + weight;
}

/** Contributions of one indicator for rows from..to−1 into `out`, added into `score` (model order). */
function contribute(
  points: Float64Array,
  weight: number,
  inverse: Float64Array,
  score: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
): void {
  for (let i = from; i < to; i++) {
    const p = points[i]!;
    const c = p === p ? p * weight * inverse[i - from]! : 0;
    out[i] = c;
    score[i] = score[i]! + c;
  }
}

/** `contribute` for indicators k and k + 1 in one pass: score + c_k, then + c_k+1, as two passes add. */
function contributePair(
  normalized: readonly Float64Array[],
  weights: readonly number[],
  contributions: readonly Float64Array[],
  k: number,
  inverse: Float64Array,
  score: Float64Array,
  from: number,
  to: number,
): void {
  const [p1, p2] = [normalized[k]!, normalized[k + 1]!];
  const [w1, w2] = [weights[k]!, weights[k + 1]!];
  const [out1, out2] = [contributions[k]!, contributions[k + 1]!];
  for (let i = from; i < to; i++) {
    const q = inverse[i - from]!;
    const a = p1[i]!;
    const c1 = a === a ? a * w1 * q : 0;
    const b = p2[i]!;
    const c2 = b === b ? b * w2 * q : 0;
    out1[i] = c1;
    out2[i] = c2;
    score[i] = score[i]! + c1 + c2;
  }
}

/**
 * Rounding can push a perfect customer's sum to 100.00000000000001. Take the excess off the largest
 * contribution and re-add in model order, so the score stays ≤ 100 and still equals the sum exactly.
 */
function keepWithinHundred(score: Float64Array, contributions: readonly Float64Array[]): void {
  for (let i = 0; i < score.length; i++) {
    for (let attempt = 0; attempt < 4 && score[i]! > 100; attempt++) {
      let largest = 0;
      for (let k = 1; k < contributions.length; k++)
        if (contributions[k]![i]! > contributions[largest]![i]!) largest = k;
      const top = contributions[largest]!;
      top[i] = top[i]! - (score[i]! - 100);
      let sum = 0;
      for (const c of contributions) sum += c[i]!;
      score[i] = sum;
    }
  }
}
