import { atLeast, atMost } from '../util/tolerantCompare.js';
import type { ChurnConfig } from './ChurnConfig.js';
import { churnMeasures, EVIDENCE_OF, type ChurnInput } from './churnMeasures.js';
import {
  CHURN_LEVEL,
  CHURN_SIGNAL_BIT,
  CHURN_SIGNAL_KEYS,
  CHURN_SIGNALS,
  type ChurnSignalKey,
} from './churnSignals.js';

/** One column per signal: the value shown to the user where the signal fired, NaN elsewhere. */
export type ChurnEvidence = Readonly<Record<ChurnSignalKey, Float64Array>>;

export interface ChurnResult {
  /** 0–100, one decimal. */
  readonly risk: Float64Array;
  /** CHURN_LEVEL code. */
  readonly level: Uint8Array;
  /** Fired signals as bits (CHURN_SIGNAL_BIT). */
  readonly flags: Uint32Array;
  readonly evidence: ChurnEvidence;
}

/** Severity of a signal exactly at its threshold; it rises linearly to 1 at the signal's `full`. */
export const SEVERITY_AT_THRESHOLD = 0.5;

/**
 * Churn early warning.
 *
 * Each signal measures one quantity (churnMeasures) and fires when it reaches its threshold on the
 * worse side (≥ for "larger is worse", ≤ for "smaller is worse"; silence alone is strict: more days
 * than the cadence, as a visit due today is not late). A fired signal has severity s from 0.5 at the
 * threshold to 1 at `full`. The signals combine as a noisy-OR, each an independent chance w·s that
 * the customer is leaving:
 *     risk = 100 · (1 − Π (1 − wᵢ·sᵢ))      (rounded to one decimal)
 * so risk stays in [0, 100], never falls when a signal worsens or another one fires, and a single
 * signal can reach at most 100·w. Level: high at ≥ levels.high, medium at ≥ levels.medium, else low.
 *
 * Customers who never bought (no recency and no first purchase day) are not customers yet: no signal
 * fires for them. "Drop" signals need a baseline in the previous window (order_drop: at least
 * minPrevOrders orders; revenue_decline: previous revenue > 0; csat_drop / nps_drop: a previous
 * score), so a customer without history is never flagged for a drop it cannot have.
 */
export function churnRisk(input: ChurnInput, config: ChurnConfig): ChurnResult {
  const n = input.recencyDays.length;
  const hasBought = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    hasBought[i] =
      Number.isFinite(input.recencyDays[i]!) || Number.isFinite(input.daysSinceFirstPurchase[i]!) ? 1 : 0;
  }

  const survival = new Float64Array(n).fill(1);
  const flags = new Uint32Array(n);
  const evidence = {} as Record<ChurnSignalKey, Float64Array>;
  const measures = churnMeasures(config);
  const scratch = new Float64Array(n);
  for (const key of CHURN_SIGNAL_KEYS) {
    const signal = config.signals[key];
    const measured = measures[key](input, scratch);
    // applySignal writes every row (NaN where the signal did not fire): no separate fill pass.
    const column = new Float64Array(n);
    applySignal(
      {
        threshold: signal.threshold,
        full: signal.full,
        weight: signal.weight,
        up: CHURN_SIGNALS[key].worse === 'up',
        strict: key === 'silence',
        bit: CHURN_SIGNAL_BIT[key],
      },
      hasBought,
      measured,
      EVIDENCE_OF[key]?.(input) ?? measured,
      survival,
      flags,
      column,
    );
    evidence[key] = column;
  }

  const risk = new Float64Array(n);
  const level = new Uint8Array(n);
  const { medium, high } = config.levels;
  for (let i = 0; i < n; i++) {
    const r = Math.round((1 - survival[i]!) * 1000) / 10;
    risk[i] = r;
    level[i] = r >= high ? CHURN_LEVEL.high : r >= medium ? CHURN_LEVEL.medium : CHURN_LEVEL.low;
  }
  return { risk, level, flags, evidence };
}

interface SignalParams {
  readonly threshold: number;
  readonly full: number;
  readonly weight: number;
  /** Larger measure is worse. */
  readonly up: boolean;
  /** Fires only strictly beyond the threshold. */
  readonly strict: boolean;
  readonly bit: number;
}

/** One signal over all rows; its own function so V8 optimises the loop once for every signal. */
function applySignal(
  p: SignalParams,
  hasBought: Uint8Array,
  measured: Float64Array,
  shown: Float64Array,
  survival: Float64Array,
  flags: Uint32Array,
  column: Float64Array,
): void {
  const { threshold, weight, up, strict, bit } = p;
  const span = p.full - threshold;
  for (let i = 0; i < measured.length; i++) {
    column[i] = Number.NaN;
    if (hasBought[i] === 0) continue;
    const x = measured[i]!;
    const fires = up ? (strict ? x > threshold : atLeast(x, threshold)) : atMost(x, threshold);
    if (!fires) continue;
    const ramp = span === 0 ? 1 : Math.min(1, Math.max(0, (x - threshold) / span));
    const severity = SEVERITY_AT_THRESHOLD + (1 - SEVERITY_AT_THRESHOLD) * ramp;
    survival[i]! *= 1 - weight * severity;
    flags[i]! |= bit;
    column[i] = shown[i]!;
  }
}
