import {
  CHURN_SIGNAL_KEYS,
  churnReasonPhrases,
  describeChurnReasons,
  type ChurnEvidence,
  type Locale,
} from '@stratum/core';

/**
 * Core's churn sentences (describeChurnReasons) for one stored grade at a time: the churn flags column and
 * the evidence of the explain blob (CHURN_SIGNAL_KEYS order). The one-row columns are allocated once and
 * refilled, so an export of a million grades does not allocate a dozen arrays per row.
 */
export class ChurnSentences {
  private readonly flags = new Uint32Array(1);
  private readonly evidence: ChurnEvidence = Object.fromEntries(
    CHURN_SIGNAL_KEYS.map((key) => [key, new Float64Array(1)]),
  ) as ChurnEvidence;

  constructor(private readonly windowMonths: number) {}

  /** The whole sentence, e.g. "orders down 60 % vs last year; no visit in 97 days" ('' when none fired). */
  sentence(flags: number, evidence: readonly number[], locale: Locale): string {
    if (flags === 0) return '';
    this.load(flags, evidence);
    return describeChurnReasons(this.flags, this.evidence, 0, locale, { windowMonths: this.windowMonths });
  }

  /** One phrase per fired signal, in core's reading order. */
  phrases(flags: number, evidence: readonly number[], locale: Locale): string[] {
    if (flags === 0) return [];
    this.load(flags, evidence);
    return churnReasonPhrases(this.flags, this.evidence, 0, locale, { windowMonths: this.windowMonths });
  }

  private load(flags: number, evidence: readonly number[]): void {
    this.flags[0] = flags;
    CHURN_SIGNAL_KEYS.forEach((key, k) => (this.evidence[key][0] = evidence[k] ?? Number.NaN));
  }
}
