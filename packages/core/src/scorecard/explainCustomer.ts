import type { IndicatorKey } from '../matrix/FeatureMatrix.js';
import type { MissingPolicy } from '../normalize/NormalizeSpec.js';
import type { ScorecardResult } from './scoreCustomers.js';

/** One bar of the score waterfall. JSON-safe: missing numbers are null. */
export interface IndicatorExplanation {
  readonly indicator: IndicatorKey;
  readonly group: string;
  /** The raw value (null = missing). */
  readonly raw: number | null;
  /** Points 0–100 the indicator gave (after the missing policy); null when it was excluded. */
  readonly normalized: number | null;
  /** Whether the raw value was missing (and so the policy decided the points). */
  readonly missing: boolean;
  readonly policy: MissingPolicy;
  /** Nominal weight (share of the score, Σ = 1). */
  readonly weight: number;
  /** Weight after renormalising over the indicators that counted (0 when excluded). */
  readonly effectiveWeight: number;
  /** Score points this indicator contributed; the contributions add up to `score`. */
  readonly contribution: number;
}

export interface CustomerExplanation {
  readonly row: number;
  readonly id: number;
  readonly score: number;
  readonly coverage: number;
  readonly items: readonly IndicatorExplanation[];
}

/** Everything needed to draw row `i`'s score as a waterfall, in model order. */
export function explainCustomer(result: ScorecardResult, i: number): CustomerExplanation {
  if (!(Number.isInteger(i) && i >= 0 && i < result.score.length)) {
    throw new RangeError(`explainCustomer: row ${i} outside 0..${result.score.length - 1}`);
  }
  const coverage = result.coverage[i]!;
  const items = result.indicators.map((ind, k): IndicatorExplanation => {
    const raw = result.raw[k]![i]!;
    const points = result.normalized[k]![i]!;
    const counted = !Number.isNaN(points);
    return {
      indicator: ind.key,
      group: ind.group,
      raw: Number.isFinite(raw) ? raw : null,
      normalized: counted ? points : null,
      missing: !Number.isFinite(raw),
      policy: ind.missing,
      weight: ind.weight,
      effectiveWeight: counted && coverage > 0 ? ind.weight / coverage : 0,
      contribution: result.contributions[k]![i]!,
    };
  });
  return { row: i, id: result.ids[i]!, score: result.score[i]!, coverage, items };
}
