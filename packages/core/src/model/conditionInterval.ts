import type { RuleCondition } from './GradingModelSchema.js';

/** The set of values a condition accepts, as an interval of the real line. */
export interface Interval {
  readonly lo: number;
  readonly loOpen: boolean;
  readonly hi: number;
  readonly hiOpen: boolean;
}

const EMPTY: Interval = { lo: 1, loOpen: true, hi: 0, hiOpen: true };

/**
 * `>= v` → [v, ∞), `> v` → (v, ∞), `<= v` → (−∞, v], `< v` → (−∞, v), `= v` → [v, v],
 * `between [lo, hi]` → [lo, hi] (both ends included). A value of the wrong shape accepts nothing
 * (validation reports it; evaluation must not guess).
 */
export function conditionInterval(c: Pick<RuleCondition, 'op' | 'value'>): Interval {
  const v = c.value;
  if (c.op === 'between')
    return Array.isArray(v) ? { lo: v[0], loOpen: false, hi: v[1], hiOpen: false } : EMPTY;
  if (typeof v !== 'number') return EMPTY;
  switch (c.op) {
    case '>=':
      return { lo: v, loOpen: false, hi: Infinity, hiOpen: false };
    case '>':
      return { lo: v, loOpen: true, hi: Infinity, hiOpen: false };
    case '<=':
      return { lo: -Infinity, loOpen: false, hi: v, hiOpen: false };
    case '<':
      return { lo: -Infinity, loOpen: false, hi: v, hiOpen: true };
    case '=':
      return { lo: v, loOpen: false, hi: v, hiOpen: false };
  }
}

export function intersect(a: Interval, b: Interval): Interval {
  const lo = Math.max(a.lo, b.lo);
  const hi = Math.min(a.hi, b.hi);
  return {
    lo,
    loOpen: (a.lo === lo && a.loOpen) || (b.lo === lo && b.loOpen),
    hi,
    hiOpen: (a.hi === hi && a.hiOpen) || (b.hi === hi && b.hiOpen),
  };
}

export function isEmpty(iv: Interval): boolean {
  return !(iv.lo < iv.hi || (iv.lo === iv.hi && !iv.loOpen && !iv.hiOpen));
}

/** Whether `x` satisfies the interval; NaN (missing) never does. */
export function contains(iv: Interval, x: number): boolean {
  return (iv.loOpen ? x > iv.lo : x >= iv.lo) && (iv.hiOpen ? x < iv.hi : x <= iv.hi);
}

/**
 * Whether some customer could satisfy all `conditions` at once: per column, the intersection of its
 * intervals is not empty (columns are independent; values are treated as real numbers, so
 * `> 1 and < 2` on a count is still considered satisfiable).
 */
export function satisfiable(
  conditions: readonly Pick<RuleCondition, 'indicator' | 'op' | 'value'>[],
): boolean {
  const byColumn = new Map<string, Interval>();
  for (const c of conditions) {
    const prev = byColumn.get(c.indicator);
    const next = prev ? intersect(prev, conditionInterval(c)) : conditionInterval(c);
    if (isEmpty(next)) return false;
    byColumn.set(c.indicator, next);
  }
  return true;
}
