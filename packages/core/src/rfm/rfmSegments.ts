import type { Label } from '../util/Label.js';

/** One rectangle of the R–F grid: every cell with R in rRange and F in fRange (inclusive) is `segment`. */
export interface RfmGridEntry {
  readonly segment: string;
  readonly rRange: readonly [number, number];
  readonly fRange: readonly [number, number];
  /** Required for a segment key not in RFM_SEGMENT_LABELS; overrides the built-in label otherwise. */
  readonly label?: Label | undefined;
}

/**
 * The widely used 5×5 R–F segment grid (the "RFM segments" of Putler / Klaviyo style charts).
 * Each of the 25 R–F cells falls in exactly one rectangle; M does not enter the segment.
 */
export const DEFAULT_RFM_GRID: readonly RfmGridEntry[] = [
  { segment: 'champions', rRange: [5, 5], fRange: [4, 5] },
  { segment: 'loyal', rRange: [3, 4], fRange: [4, 5] },
  { segment: 'potential_loyalists', rRange: [4, 5], fRange: [2, 3] },
  { segment: 'new', rRange: [5, 5], fRange: [1, 1] },
  { segment: 'promising', rRange: [4, 4], fRange: [1, 1] },
  { segment: 'need_attention', rRange: [3, 3], fRange: [3, 3] },
  { segment: 'about_to_sleep', rRange: [3, 3], fRange: [1, 2] },
  { segment: 'at_risk', rRange: [1, 2], fRange: [3, 4] },
  { segment: 'cant_lose', rRange: [1, 2], fRange: [5, 5] },
  { segment: 'hibernating', rRange: [1, 2], fRange: [1, 2] },
];

/**
 * Segment of every customer without a purchase in the window, whatever the grid says for their cell
 * (R=1, F=1, M=1): "no purchase" is a fact, while "hibernating" would claim a history they may not
 * have (prospects).
 */
export const RFM_NO_PURCHASE_SEGMENT = 'no_purchase';

export const RFM_SEGMENT_LABELS: Readonly<Record<string, Label>> = {
  champions: { zh: '冠军客户', en: 'Champions' },
  loyal: { zh: '忠诚客户', en: 'Loyal' },
  potential_loyalists: { zh: '潜在忠诚客户', en: 'Potential Loyalists' },
  new: { zh: '新客户', en: 'New' },
  promising: { zh: '有潜力客户', en: 'Promising' },
  need_attention: { zh: '需要关注', en: 'Need Attention' },
  about_to_sleep: { zh: '即将沉睡', en: 'About to Sleep' },
  at_risk: { zh: '流失风险', en: 'At Risk' },
  cant_lose: { zh: '不能失去', en: "Can't Lose" },
  hibernating: { zh: '休眠客户', en: 'Hibernating' },
  [RFM_NO_PURCHASE_SEGMENT]: { zh: '窗口内无购买', en: 'No purchase in window' },
};

/** Labels of the R, F and M scores themselves (column headers). */
export const RFM_SCORE_LABELS = {
  r: { zh: '最近购买（R）', en: 'Recency (R)' },
  f: { zh: '购买频率（F）', en: 'Frequency (F)' },
  m: { zh: '购买金额（M）', en: 'Monetary (M)' },
} as const satisfies Record<string, Label>;

export interface RfmSegment {
  readonly key: string;
  readonly label: Label;
}

/**
 * Problems that make a grid unusable, one readable sentence each (empty when the grid is valid):
 * cells covered by no segment or by several, and segment keys without a label.
 */
export function rfmGridProblems(grid: readonly RfmGridEntry[]): string[] {
  const problems: string[] = [];
  const owners: string[][] = Array.from({ length: 25 }, () => []);
  for (const entry of grid) {
    if (entry.segment === RFM_NO_PURCHASE_SEGMENT) {
      problems.push(`segment key '${RFM_NO_PURCHASE_SEGMENT}' is reserved for customers without purchases`);
    }
    if (!entry.label && !Object.hasOwn(RFM_SEGMENT_LABELS, entry.segment)) {
      problems.push(`segment '${entry.segment}' needs a label { zh, en }`);
    }
    const [r0, r1] = entry.rRange;
    const [f0, f1] = entry.fRange;
    if (!isScoreRange(r0, r1) || !isScoreRange(f0, f1)) {
      problems.push(`segment '${entry.segment}': ranges must be whole scores 1–5 with low ≤ high`);
      continue;
    }
    for (let r = r0; r <= r1; r++)
      for (let f = f0; f <= f1; f++) owners[cellIndex(r, f)]?.push(entry.segment);
  }
  for (let r = 5; r >= 1; r--) {
    for (let f = 1; f <= 5; f++) {
      const who = owners[cellIndex(r, f)] ?? [];
      if (who.length === 0) problems.push(`cell R=${r},F=${f} is not covered by any segment`);
      else if (who.length > 1)
        problems.push(`cell R=${r},F=${f} is covered by several segments: ${who.join(', ')}`);
    }
  }
  return problems;
}

/** The segments in output-code order (grid order of first appearance, then no_purchase) and a 25-cell lookup. */
export function resolveRfmGrid(grid: readonly RfmGridEntry[]): {
  segments: RfmSegment[];
  cellSegment: Uint8Array;
} {
  const problems = rfmGridProblems(grid);
  if (problems.length > 0) throw new Error(`Invalid RFM grid: ${problems.join('; ')}`);
  const segments: RfmSegment[] = [];
  const codeOf = new Map<string, number>();
  const cellSegment = new Uint8Array(25);
  for (const entry of grid) {
    let code = codeOf.get(entry.segment);
    if (code === undefined) {
      code = segments.length;
      codeOf.set(entry.segment, code);
      segments.push({ key: entry.segment, label: labelOf(entry) });
    }
    for (let r = entry.rRange[0]; r <= entry.rRange[1]; r++) {
      for (let f = entry.fRange[0]; f <= entry.fRange[1]; f++) cellSegment[cellIndex(r, f)] = code;
    }
  }
  segments.push({ key: RFM_NO_PURCHASE_SEGMENT, label: RFM_SEGMENT_LABELS[RFM_NO_PURCHASE_SEGMENT]! });
  return { segments, cellSegment };
}

function isScoreRange(lo: number, hi: number): boolean {
  return Number.isInteger(lo) && Number.isInteger(hi) && lo >= 1 && hi <= 5 && lo <= hi;
}

/** Index of the (R, F) cell, both 1–5, in a 25-entry table. */
export function cellIndex(r: number, f: number): number {
  return (r - 1) * 5 + (f - 1);
}

function labelOf(entry: RfmGridEntry): Label {
  const label = entry.label ?? RFM_SEGMENT_LABELS[entry.segment];
  if (!label) throw new Error(`RFM segment '${entry.segment}' has no label`);
  return label;
}
