/**
 * The measures a backtest reports, pure and columnar: how well a score ranks an outcome (ROC AUC), how
 * precise and complete a warning is (precision / recall), how predicted counts compare with actual ones
 * (calibration by quantile of the prediction), and who holds how much of a total (sums by group).
 * Undefined measures (no positives, nothing flagged, no rows) are null, never NaN: they go into JSON.
 */

export interface AucResult {
  /** P(score of a random positive > score of a random negative) + ½ P(equal); null without both kinds. */
  auc: number | null;
  positives: number;
  negatives: number;
}

/**
 * Exact ROC AUC by the Mann–Whitney U statistic: rank all scores (ties get their mean rank), then
 * AUC = (R₊ − n₊(n₊+1)/2) / (n₊·n₋) with R₊ the positives' rank sum. Ties between a positive and a
 * negative count one half, so an all-tied ranking scores exactly 0.5. Rows whose score is NaN are left
 * out (and not counted). O(n log n).
 */
export function rocAuc(scores: ArrayLike<number>, positive: ArrayLike<number>): AucResult {
  if (scores.length !== positive.length) throw new RangeError('rocAuc: scores and labels differ in length');
  const rows: number[] = [];
  for (let i = 0; i < scores.length; i++) if (!Number.isNaN(scores[i]!)) rows.push(i);
  rows.sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < rows.length;) {
    let end = start + 1;
    while (end < rows.length && scores[rows[end]!] === scores[rows[start]!]) end++;
    // Ranks start+1 … end share their mean.
    const meanRank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) {
      if (positive[rows[k]!]) {
        positives++;
        rankSum += meanRank;
      }
    }
    start = end;
  }
  const negatives = rows.length - positives;
  if (positives === 0 || negatives === 0) return { auc: null, positives, negatives };
  return {
    auc: (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives),
    positives,
    negatives,
  };
}

export interface PrecisionRecall {
  flagged: number;
  truePositives: number;
  positives: number;
  /** Share of the flagged that were positive; null when nothing was flagged. */
  precision: number | null;
  /** Share of the positives that were flagged; null when there were no positives. */
  recall: number | null;
}

/** Precision and recall of a warning (`flagged[i]` truthy) against what happened (`positive[i]` truthy). */
export function precisionRecall(flagged: ArrayLike<number>, positive: ArrayLike<number>): PrecisionRecall {
  if (flagged.length !== positive.length) throw new RangeError('precisionRecall: columns differ in length');
  let count = 0;
  let truePositives = 0;
  let positives = 0;
  for (let i = 0; i < flagged.length; i++) {
    const isPositive = Boolean(positive[i]);
    if (isPositive) positives++;
    if (flagged[i]) {
      count++;
      if (isPositive) truePositives++;
    }
  }
  return {
    flagged: count,
    truePositives,
    positives,
    precision: count > 0 ? truePositives / count : null,
    recall: positives > 0 ? truePositives / positives : null,
  };
}

export interface CalibrationBin {
  /** 1 = lowest predictions. */
  bin: number;
  customers: number;
  predictedFrom: number;
  predictedTo: number;
  predictedMean: number;
  actualMean: number;
}

/**
 * Calibration table: rows sorted by prediction (ties by row order) and cut into `bins` groups of equal size
 * (sizes differ by at most one; fewer groups when there are fewer rows), each with its mean predicted and
 * mean actual value. A well-calibrated prediction has the two means close in every group.
 */
export function calibrationTable(
  predicted: ArrayLike<number>,
  actual: ArrayLike<number>,
  bins = 10,
): CalibrationBin[] {
  if (predicted.length !== actual.length) throw new RangeError('calibrationTable: columns differ in length');
  const rows = Array.from({ length: predicted.length }, (_, i) => i).sort(
    (a, b) => predicted[a]! - predicted[b]! || a - b,
  );
  const groups = Math.min(bins, rows.length);
  const table: CalibrationBin[] = [];
  for (let g = 0; g < groups; g++) {
    const from = Math.floor((g * rows.length) / groups);
    const to = Math.floor(((g + 1) * rows.length) / groups);
    let predictedSum = 0;
    let actualSum = 0;
    for (let k = from; k < to; k++) {
      predictedSum += predicted[rows[k]!]!;
      actualSum += actual[rows[k]!]!;
    }
    const size = to - from;
    table.push({
      bin: g + 1,
      customers: size,
      predictedFrom: predicted[rows[from]!]!,
      predictedTo: predicted[rows[to - 1]!]!,
      predictedMean: predictedSum / size,
      actualMean: actualSum / size,
    });
  }
  return table;
}

export interface ErrorSummary {
  predictedTotal: number;
  actualTotal: number;
  /** Mean |predicted − actual| per row; null without rows. */
  meanAbsoluteError: number | null;
  /** Mean (predicted − actual): positive = over-prediction. */
  meanError: number | null;
}

export function errorSummary(predicted: ArrayLike<number>, actual: ArrayLike<number>): ErrorSummary {
  if (predicted.length !== actual.length) throw new RangeError('errorSummary: columns differ in length');
  let predictedTotal = 0;
  let actualTotal = 0;
  let absolute = 0;
  for (let i = 0; i < predicted.length; i++) {
    predictedTotal += predicted[i]!;
    actualTotal += actual[i]!;
    absolute += Math.abs(predicted[i]! - actual[i]!);
  }
  const n = predicted.length;
  return {
    predictedTotal,
    actualTotal,
    meanAbsoluteError: n > 0 ? absolute / n : null,
    meanError: n > 0 ? (predictedTotal - actualTotal) / n : null,
  };
}

export interface GroupSums {
  customers: number[];
  sums: number[];
  total: number;
}

/** Customers and the sum of `values` per group code 0…groups−1 (codes outside are ignored; NaN counts 0). */
export function sumByGroup(codes: ArrayLike<number>, groups: number, values: ArrayLike<number>): GroupSums {
  const customers = new Array<number>(groups).fill(0);
  const sums = new Array<number>(groups).fill(0);
  let total = 0;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    if (!(code >= 0 && code < groups)) continue;
    const value = Number.isNaN(values[i]!) ? 0 : values[i]!;
    customers[code]!++;
    sums[code]! += value;
    total += value;
  }
  return { customers, sums, total };
}

/** part / whole, or null when the whole is not positive (a share of nothing, or of a net loss, says nothing). */
export function shareOf(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
