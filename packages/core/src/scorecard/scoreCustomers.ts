import { INDICATOR_CATALOGUE } from '../indicators/catalogue.js';
import type { FeatureMatrix } from '../matrix/FeatureMatrix.js';
import { column } from '../matrix/FeatureMatrix.js';
import type { GradingModel } from '../model/GradingModelSchema.js';
import { applyMissingPolicy, normalizeColumn } from '../normalize/normalizeColumn.js';
import { rankScratch } from '../normalize/percentileRank.js';
import type { ScorecardIndicator } from './scorecardIndicators.js';
import { scorecardIndicators } from './scorecardIndicators.js';

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
 */
export function scoreCustomers(model: Pick<GradingModel, 'groups'>, matrix: FeatureMatrix): ScorecardResult {
  const n = matrix.ids.length;
  const indicators = scorecardIndicators(model);
  const raw = indicators.map((ind) => column(matrix, ind.key));
  // One sort buffer for every percentile column (fresh large arrays cost page faults each time).
  const scratch = indicators.some((ind) => ind.normalize.method === 'percentile')
    ? rankScratch(n)
    : undefined;
  const normalized = indicators.map((ind, k) =>
    applyMissingPolicy(
      normalizeColumn(raw[k]!, ind.normalize, ind.direction, INDICATOR_CATALOGUE[ind.key].codes, scratch),
      ind.missing,
    ),
  );

  const weights = indicators.map((ind) => ind.weight);
  const coverage = new Float64Array(n);
  for (let k = 0; k < indicators.length; k++) addPresentWeight(coverage, normalized[k]!, weights[k]!);
  // One division per customer; contributions then multiply.
  const inverse = new Float64Array(n);
  for (let i = 0; i < n; i++) inverse[i] = coverage[i]! > 0 ? 1 / coverage[i]! : 0;
  const score = new Float64Array(n);
  const contributions = normalized.map((points, k) => contribute(points, weights[k]!, inverse, score));
  keepWithinHundred(score, contributions);
  return { ids: matrix.ids, indicators, raw, normalized, contributions, coverage, score };
}

function addPresentWeight(coverage: Float64Array, points: Float64Array, weight: number): void {
  for (let i = 0; i < coverage.length; i++) if (points[i] === points[i]) coverage[i] = coverage[i]! + weight;
}

/** Contributions of one indicator, added into `score` (so the score is their sum in model order). */
function contribute(
  points: Float64Array,
  weight: number,
  inverse: Float64Array,
  score: Float64Array,
): Float64Array {
  const out = new Float64Array(points.length);
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const c = p === p ? p * weight * inverse[i]! : 0;
    out[i] = c;
    score[i] = score[i]! + c;
  }
  return out;
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
