import type { ModelTier } from '../model/GradingModelSchema.js';
import { reaches } from './scoreTolerance.js';

/**
 * Step 1: the first (best) tier whose minScore the score reaches; the last tier takes the rest
 * (including a NaN score). Tiers are ordered best first with strictly decreasing minScore.
 */
export function bandByScore(tiers: readonly Pick<ModelTier, 'minScore'>[], score: Float64Array): Uint8Array {
  const last = tiers.length - 1;
  const mins = Float64Array.from(tiers, (t) => t.minScore);
  const band = new Uint8Array(score.length);
  for (let i = 0; i < score.length; i++) {
    const s = score[i]!;
    let t = 0;
    while (t < last && !reaches(s, mins[t]!)) t++;
    band[i] = t;
  }
  return band;
}
