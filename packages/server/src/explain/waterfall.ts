import {
  INDICATOR_CATALOGUE,
  INDICATOR_UNIT_LABELS,
  groupName,
  normalizeColumn,
  scorecardIndicators,
  type GradingModel,
  type Label,
  type MissingPolicy,
} from '@stratum/core';

export interface WaterfallItem {
  readonly indicator: string;
  readonly label: Label;
  readonly description: Label;
  readonly group: { readonly key: string; readonly label: Label };
  readonly unit: { readonly key: string; readonly label: Label };
  readonly direction: 'higher' | 'lower';
  /** The raw value (null = missing). */
  readonly raw: number | null;
  readonly missing: boolean;
  readonly policy: MissingPolicy;
  /** Points 0–100 (two decimals); null when the missing value was excluded. */
  readonly normalized: number | null;
  /** Nominal share of the score (Σ = 1). */
  readonly weight: number;
  /** Share after renormalising over what counted (0 when excluded). */
  readonly effectiveWeight: number;
  /** Score points (two decimals); the contributions add up to `score` exactly. */
  readonly contribution: number;
  /** Score after this bar (two decimals): where the waterfall stands. */
  readonly runningTotal: number;
}

export interface Waterfall {
  /** 0–100, two decimals. */
  readonly score: number;
  /** Share of the nominal weight that counted (1 unless missing values were excluded). */
  readonly coverage: number;
  readonly items: readonly WaterfallItem[];
}

/**
 * The score's waterfall from what a run stored: the raw values (float64) and contributions (float32) of
 * the explain blob, and the run's model for weights, normalisers and labels.
 *
 * - Which indicators counted follows the scorecard: a missing value (or an enum code the map does not
 *   know) counts with the `zero` / `neutral` policy and is dropped with `exclude`; the effective weights
 *   are renormalised over what counted.
 * - Points: enum and bands are point-wise, so they are recomputed exactly; a rank or range normaliser
 *   depends on everyone, so its points are read back as contribution ÷ effective weight.
 * - Contributions are shown in hundredths that add up exactly to the score as shown (two decimals): the
 *   float32 values are rounded and the few hundredths of drift go where rounding lost the most
 *   (largest remainder), so a chart never has a gap between the last bar and the total.
 */
export function waterfall(
  model: Pick<GradingModel, 'groups'>,
  raw: readonly number[],
  contributions: readonly number[],
  score: number,
): Waterfall {
  const indicators = scorecardIndicators(model);
  const known = indicators.map((ind, k) => {
    const value = raw[k] ?? Number.NaN;
    const pointwise = ind.normalize.method === 'enum' || ind.normalize.method === 'bands';
    let points = Number.NaN;
    if (pointwise) {
      points = normalizeColumn(
        Float64Array.of(value),
        ind.normalize,
        ind.direction,
        INDICATOR_CATALOGUE[ind.key].codes,
      )[0]!;
    }
    const missing = !Number.isFinite(value) || (pointwise && Number.isNaN(points));
    if (missing && ind.missing !== 'exclude') points = ind.missing === 'zero' ? 0 : 50;
    const counted = !(missing && ind.missing === 'exclude');
    return { value, points, counted, missing: !Number.isFinite(value) };
  });
  const coverage = indicators.reduce((sum, ind, k) => sum + (known[k]!.counted ? ind.weight : 0), 0);
  const hundredths = shownContributions(
    indicators.map((_, k) => (known[k]!.counted ? (contributions[k] ?? 0) : 0)),
    score,
  );
  let running = 0;
  const items = indicators.map((ind, k): WaterfallItem => {
    const { value, points, counted, missing } = known[k]!;
    const effectiveWeight = counted && coverage > 0 ? ind.weight / coverage : 0;
    let normalized: number | null = null;
    if (counted) {
      const derived = effectiveWeight > 0 ? (contributions[k] ?? 0) / effectiveWeight : 0;
      normalized = round2(Number.isNaN(points) ? Math.min(100, Math.max(0, derived)) : points);
    }
    running += hundredths[k]!;
    const definition = INDICATOR_CATALOGUE[ind.key];
    const group = model.groups[ind.groupIndex];
    return {
      indicator: ind.key,
      label: definition.label,
      description: definition.description,
      group: { key: ind.group, label: group ? groupName(group) : { zh: ind.group, en: ind.group } },
      unit: { key: definition.unit, label: INDICATOR_UNIT_LABELS[definition.unit] },
      direction: ind.direction,
      raw: Number.isFinite(value) ? value : null,
      missing,
      policy: ind.missing,
      normalized,
      weight: ind.weight,
      effectiveWeight,
      contribution: hundredths[k]! / 100,
      runningTotal: running / 100,
    };
  });
  return { score: Math.round(score * 100) / 100, coverage, items };
}

/** Contributions in whole hundredths whose sum is the score rounded to hundredths (largest remainder). */
export function shownContributions(contributions: readonly number[], score: number): number[] {
  const exact = contributions.map((c) => (Number.isFinite(c) ? c * 100 : 0));
  const shown = exact.map((e) => Math.round(e));
  let drift = Math.round(score * 100) - shown.reduce((sum, s) => sum + s, 0);
  // Bars that gave nothing (excluded, zero points) keep their zero unless nothing else can take it.
  const candidates = exact.map((_, k) => k).filter((k) => exact[k] !== 0);
  if (candidates.length === 0) candidates.push(...exact.keys());
  while (drift !== 0 && candidates.length > 0) {
    const step = drift > 0 ? 1 : -1;
    // The bar whose rounding moved it furthest against the needed direction takes the hundredth.
    let best = candidates[0]!;
    for (const k of candidates) {
      if ((exact[k]! - shown[k]!) * step > (exact[best]! - shown[best]!) * step) best = k;
    }
    shown[best] = shown[best]! + step;
    drift -= step;
  }
  return shown;
}

const round2 = (value: number) => Math.round(value * 100) / 100;
