import type { Locale } from '../util/Label.js';
import type { ChurnEvidence } from './churnRisk.js';
import { CHURN_SIGNAL_BIT, CHURN_SIGNAL_KEYS, type ChurnSignalKey } from './churnSignals.js';

export interface DescribeChurnOptions {
  /** Length of the comparison window: 12 reads "vs last year" (同比), anything else "vs previous period" (较上期). */
  readonly windowMonths?: number;
}

const YEAR_ON_YEAR = { zh: '同比', en: 'vs last year' } as const;
const PERIOD_ON_PERIOD = { zh: '较上期', en: 'vs previous period' } as const;

type Phrase = (v: number, locale: Locale, vsPrevious: { zh: string; en: string }) => string;

const percent = (v: number): number => Math.round(Math.abs(v) * 100);
const whole = (v: number): number => Math.round(v);
/** One decimal, without a trailing ".0". */
const decimal = (v: number): string => String(Math.round(v * 10) / 10);
const plural = (count: number, one: string, many: string): string => (count === 1 ? one : many);

const PHRASES: Readonly<Record<ChurnSignalKey, Phrase>> = {
  order_drop: (v, l, vs) =>
    l === 'zh' ? `订单${vs.zh}下降 ${percent(v)}%` : `orders down ${percent(v)} % ${vs.en}`,
  revenue_decline: (v, l, vs) =>
    l === 'zh' ? `收入${vs.zh}下降 ${percent(v)}%` : `revenue down ${percent(v)} % ${vs.en}`,
  purchase_overdue: (v, l) => (l === 'zh' ? `${whole(v)} 天未采购` : `no purchase in ${whole(v)} days`),
  low_p_alive: (v, l) =>
    l === 'zh' ? `活跃概率仅 ${percent(v)}%` : `only ${percent(v)} % likely still active`,
  open_critical_complaint: (v, l) =>
    l === 'zh'
      ? `${whole(v)} 个未关闭的严重投诉`
      : `${whole(v)} open critical ${plural(whole(v), 'complaint', 'complaints')}`,
  complaints_rising: (v, l) => (l === 'zh' ? `投诉增至 ${whole(v)} 起` : `complaints up to ${whole(v)}`),
  csat_drop: (v, l) =>
    l === 'zh' ? `满意度下降 ${decimal(-v)} 分` : `CSAT down ${decimal(-v)} ${plural(-v, 'point', 'points')}`,
  low_csat: (v, l) => (l === 'zh' ? `满意度仅 ${decimal(v)} 分` : `CSAT only ${decimal(v)}/5`),
  nps_drop: (v, l) =>
    l === 'zh'
      ? `推荐意愿下降 ${decimal(-v)} 分`
      : `NPS down ${decimal(-v)} ${plural(-v, 'point', 'points')}`,
  low_nps: (v, l) => (l === 'zh' ? `推荐意愿仅 ${decimal(v)} 分` : `NPS only ${decimal(v)}/10`),
  silence: (v, l) => (l === 'zh' ? `${whole(v)} 天未拜访` : `no visit in ${whole(v)} days`),
  key_contact_left: (v, l) =>
    l === 'zh'
      ? `${whole(v)} 位关键联系人离职`
      : `${whole(v)} key ${plural(whole(v), 'contact has', 'contacts have')} left`,
};

/** The reason codes set in `flags`, in reading order (e.g. for the `churn_reasons` export column). */
export function churnReasonKeys(flags: number): ChurnSignalKey[] {
  return CHURN_SIGNAL_KEYS.filter((key) => (flags & CHURN_SIGNAL_BIT[key]) !== 0);
}

/** One phrase per fired signal of customer `i`, in reading order. */
export function churnReasonPhrases(
  flags: Uint32Array,
  evidence: ChurnEvidence,
  i: number,
  locale: Locale,
  options: DescribeChurnOptions = {},
): string[] {
  const set = flags[i] ?? 0;
  if (set === 0) return [];
  const vs = (options.windowMonths ?? 12) === 12 ? YEAR_ON_YEAR : PERIOD_ON_PERIOD;
  const phrases: string[] = [];
  for (const key of CHURN_SIGNAL_KEYS) {
    if ((set & CHURN_SIGNAL_BIT[key]) !== 0)
      phrases.push(PHRASES[key](evidence[key][i] ?? Number.NaN, locale, vs));
  }
  return phrases;
}

/**
 * The sentence a manager reads, e.g. zh「订单同比下降 60%；2 个未关闭的严重投诉；97 天未拜访」,
 * en "orders down 60 % vs last year; 2 open critical complaints; no visit in 97 days".
 * Empty when no signal fired.
 */
export function describeChurnReasons(
  flags: Uint32Array,
  evidence: ChurnEvidence,
  i: number,
  locale: Locale,
  options: DescribeChurnOptions = {},
): string {
  return churnReasonPhrases(flags, evidence, i, locale, options).join(locale === 'zh' ? '；' : '; ');
}
