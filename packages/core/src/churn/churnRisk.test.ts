import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChurnConfigSchema } from './ChurnConfig.js';
import { churnRisk } from './churnRisk.js';
import {
  CHURN_LEVEL_KEYS,
  CHURN_SIGNAL_BIT,
  CHURN_SIGNAL_KEYS,
  type ChurnSignalKey,
} from './churnSignals.js';
import { churnInputOf, HEALTHY, type ChurnRow } from './churnTestRows.js';
import { churnReasonKeys, describeChurnReasons } from './describeChurnReasons.js';

const config = ChurnConfigSchema.parse({});

function run(overrides: Partial<ChurnRow>, cfg = config) {
  const result = churnRisk(churnInputOf([{ ...HEALTHY, ...overrides }]), cfg);
  return {
    ...result,
    keys: churnReasonKeys(result.flags[0]!),
    zh: describeChurnReasons(result.flags, result.evidence, 0, 'zh'),
    en: describeChurnReasons(result.flags, result.evidence, 0, 'en'),
  };
}

describe('churnRisk signals at their thresholds', () => {
  it('a healthy established customer raises nothing', () => {
    const r = run({});
    expect([r.flags[0], r.risk[0], r.level[0]]).toEqual([0, 0, 0]);
    expect(r.zh).toBe('');
  });

  it.each<[ChurnSignalKey, Partial<ChurnRow>, Partial<ChurnRow>, number, string, string]>([
    [
      'order_drop',
      { orderCount: 7 },
      { orderCount: 8 },
      -0.3,
      '订单同比下降 30%',
      'orders down 30 % vs last year',
    ],
    [
      'revenue_decline',
      { growth: -0.2 },
      { growth: -0.19 },
      -0.2,
      '收入同比下降 20%',
      'revenue down 20 % vs last year',
    ],
    ['purchase_overdue', { recency: 45 }, { recency: 44 }, 45, '45 天未采购', 'no purchase in 45 days'],
    [
      'low_p_alive',
      { pAlive: 0.4 },
      { pAlive: 0.41 },
      0.4,
      '活跃概率仅 40%',
      'only 40 % likely still active',
    ],
    [
      'open_critical_complaint',
      { openCritical: 1 },
      { openCritical: 0 },
      1,
      '1 个未关闭的严重投诉',
      '1 open critical complaint',
    ],
    [
      'complaints_rising',
      { complaints: 2, complaintsPrev: 1 },
      { complaints: 2, complaintsPrev: 2 },
      2,
      '投诉增至 2 起',
      'complaints up to 2',
    ],
    [
      'csat_drop',
      { csat: 4, csatPrev: 4.5 },
      { csat: 4.1, csatPrev: 4.5 },
      -0.5,
      '满意度下降 0.5 分',
      'CSAT down 0.5 points',
    ],
    ['low_csat', { csat: 3, csatPrev: 3 }, { csat: 3.1, csatPrev: 3.1 }, 3, '满意度仅 3 分', 'CSAT only 3/5'],
    [
      'nps_drop',
      { nps: 7.5, npsPrev: 9 },
      { nps: 7.6, npsPrev: 9 },
      -1.5,
      '推荐意愿下降 1.5 分',
      'NPS down 1.5 points',
    ],
    ['low_nps', { nps: 6, npsPrev: 6 }, { nps: 6.1, npsPrev: 6.1 }, 6, '推荐意愿仅 6 分', 'NPS only 6/10'],
    ['silence', { silentDays: 31 }, { silentDays: 30 }, 31, '31 天未拜访', 'no visit in 31 days'],
    [
      'silence',
      { silentDays: 91, revisitDays: NaN },
      { silentDays: 90, revisitDays: NaN },
      91,
      '91 天未拜访',
      'no visit in 91 days',
    ],
    [
      'key_contact_left',
      { contactsLeft: 1 },
      { contactsLeft: 0 },
      1,
      '1 位关键联系人离职',
      '1 key contact has left',
    ],
  ])('%s fires at %j, not at %j', (key, fires, quiet, evidence, zh, en) => {
    const hit = run(fires);
    expect(hit.keys).toEqual([key]);
    expect(hit.evidence[key][0]).toBeCloseTo(evidence, 12);
    for (const other of CHURN_SIGNAL_KEYS) if (other !== key) expect(hit.evidence[other][0]).toBeNaN();
    // At the threshold a signal has half its weight; silence fires one day past its cadence.
    const halfWeight = Math.round(config.signals[key].weight * 500) / 10;
    if (key === 'silence') expect(hit.risk[0]).toBe('revisitDays' in fires ? 10.1 : 10.2);
    else expect(hit.risk[0]).toBeCloseTo(halfWeight, 10);
    expect([hit.zh, hit.en]).toEqual([zh, en]);

    const miss = run(quiet);
    expect(miss.flags[0]).toBe(0);
    expect(miss.evidence[key][0]).toBeNaN();
    expect(miss.risk[0]).toBe(0);
  });

  it('does not call a purchase overdue before minDays, however fast the rhythm', () => {
    expect(run({ recency: 29, ipt: 5 }).keys).toEqual([]);
    expect(run({ recency: 30, ipt: 5 }).keys).toEqual(['purchase_overdue']);
  });

  it('reaches a signal’s full weight at `full` and stays there', () => {
    expect(run({ orderCount: 2 }).risk[0]).toBe(35);
    expect(run({ orderCount: 0 }).risk[0]).toBe(35);
    expect(run({ contactsLeft: 5 }).risk[0]).toBe(35);
  });

  it('reads a missing current order count beside a baseline as no orders', () => {
    const r = run({ orderCount: NaN });
    expect(r.keys).toEqual(['order_drop']);
    expect(r.evidence.order_drop[0]).toBe(-1);
  });
});

describe('churnRisk combination and levels', () => {
  it('combines signals as a noisy-OR and explains them in order (brief example)', () => {
    const r = run({ orderCount: 4, openCritical: 2, silentDays: 97, revisitDays: NaN });
    const silence = 0.2 * (0.5 + 0.5 * ((97 / 90 - 1) / (3 - 1)));
    const expected = 100 * (1 - (1 - 0.35 * 0.8) * (1 - 0.4 * 0.75) * (1 - silence));
    expect(r.risk[0]).toBe(Math.round(expected * 10) / 10);
    expect(CHURN_LEVEL_KEYS[r.level[0]!]).toBe('medium');
    expect(r.zh).toBe('订单同比下降 60%；2 个未关闭的严重投诉；97 天未拜访');
    expect(r.en).toBe('orders down 60 % vs last year; 2 open critical complaints; no visit in 97 days');
    expect(describeChurnReasons(r.flags, r.evidence, 0, 'zh', { windowMonths: 6 })).toBe(
      '订单较上期下降 60%；2 个未关闭的严重投诉；97 天未拜访',
    );
    expect(describeChurnReasons(r.flags, r.evidence, 0, 'en', { windowMonths: 6 })).toMatch(
      /^orders down 60 % vs previous period;/,
    );
  });

  it.each([
    [0.58, 1, 29, 'low'],
    [0.6, 1, 30, 'medium'],
    [0.6, 1.5, 45, 'medium'],
    [0.6, 2, 60, 'high'],
  ])('weight %d, %d contacts left → risk %d, %s (cut-offs 30 / 60)', (weight, contactsLeft, risk, level) => {
    const cfg = ChurnConfigSchema.parse({ signals: { key_contact_left: { weight } } });
    const r = run({ contactsLeft }, cfg);
    expect(r.risk[0]).toBe(risk);
    expect(CHURN_LEVEL_KEYS[r.level[0]!]).toBe(level);
  });

  it('uses configured level cut-offs', () => {
    const cfg = ChurnConfigSchema.parse({ levels: { medium: 10, high: 20 } });
    expect(CHURN_LEVEL_KEYS[run({ pAlive: 0.4 }, cfg).level[0]!]).toBe('high');
  });
});

describe('customers with too little history', () => {
  const TERRIBLE: Partial<ChurnRow> = {
    orderCount: 0,
    orderCountPrev: 20,
    growth: -0.9,
    pAlive: 0.01,
    openCritical: 3,
    complaints: 9,
    csat: 1,
    csatPrev: 5,
    nps: 0,
    npsPrev: 10,
    silentDays: 900,
    contactsLeft: 3,
  };

  it('never flags a prospect (no purchase ever), whatever else the data says', () => {
    const r = run({ ...TERRIBLE, recency: NaN, firstPurchase: NaN });
    expect([r.flags[0], r.risk[0]]).toEqual([0, 0]);
    for (const key of CHURN_SIGNAL_KEYS) expect(r.evidence[key][0]).toBeNaN();
  });

  it('never flags a drop without a previous window', () => {
    const firstWindow = {
      recency: 5,
      firstPurchase: 100,
      orderCount: 1,
      orderCountPrev: NaN,
      revenue: 10,
      revenuePrev: NaN,
      growth: NaN,
      csat: 4,
      csatPrev: NaN,
      nps: 8,
      npsPrev: NaN,
      complaintsPrev: NaN,
    };
    expect(run(firstWindow).keys).toEqual([]);
    expect(run({ ...firstWindow, revenuePrev: 0, revenue: 0 }).keys).toEqual([]);
  });

  it('needs at least minPrevOrders orders in the previous window before calling a drop', () => {
    expect(run({ orderCountPrev: 1, orderCount: 0 }).keys).toEqual([]);
    expect(run({ orderCountPrev: 2, orderCount: 0 }).keys).toEqual(['order_drop']);
  });

  it('counts complaints of a first-window customer as risen from zero', () => {
    expect(run({ complaints: 2, complaintsPrev: NaN }).keys).toEqual(['complaints_rising']);
  });
});

describe('churnRisk properties', () => {
  const maybe = (arb: fc.Arbitrary<number>) =>
    fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(NaN) });
  const days = maybe(fc.integer({ min: 0, max: 2000 }));
  const count = maybe(fc.integer({ min: 0, max: 30 }));
  const row: fc.Arbitrary<ChurnRow> = fc.record({
    recency: days,
    firstPurchase: days,
    orderCount: count,
    orderCountPrev: count,
    revenue: maybe(fc.double({ min: -100, max: 1e6, noNaN: true })),
    revenuePrev: maybe(fc.double({ min: -100, max: 1e6, noNaN: true })),
    growth: maybe(fc.double({ min: -1, max: 5, noNaN: true })),
    pAlive: maybe(fc.double({ min: 0, max: 1, noNaN: true })),
    ipt: fc.double({ min: 1, max: 400, noNaN: true }),
    complaints: count,
    complaintsPrev: count,
    openCritical: count,
    csat: maybe(fc.double({ min: 1, max: 5, noNaN: true })),
    csatPrev: maybe(fc.double({ min: 1, max: 5, noNaN: true })),
    nps: maybe(fc.double({ min: 0, max: 10, noNaN: true })),
    npsPrev: maybe(fc.double({ min: 0, max: 10, noNaN: true })),
    silentDays: days,
    revisitDays: maybe(fc.integer({ min: 7, max: 365 })),
    contactsLeft: count,
  });

  it('keeps risk in [0, 100], the level consistent with it, and evidence exactly where flags are set', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 50 }), (rows) => {
        const r = churnRisk(churnInputOf(rows), config);
        rows.forEach((_, i) => {
          const risk = r.risk[i]!;
          expect(risk).toBeGreaterThanOrEqual(0);
          expect(risk).toBeLessThanOrEqual(100);
          expect(r.level[i]).toBe(risk >= 60 ? 2 : risk >= 30 ? 1 : 0);
          expect(r.flags[i]! >>> CHURN_SIGNAL_KEYS.length).toBe(0);
          expect(r.flags[i] === 0).toBe(risk === 0);
          for (const key of CHURN_SIGNAL_KEYS) {
            expect(Number.isNaN(r.evidence[key][i]!)).toBe((r.flags[i]! & CHURN_SIGNAL_BIT[key]) === 0);
          }
        });
      }),
    );
  });

  /** Makes one signal's evidence worse by `d` (≥ 0), leaving everything else alone. */
  const WORSEN: Record<string, (r: ChurnRow, d: number) => ChurnRow> = {
    order_drop: (r, d) => ({ ...r, orderCount: Math.max(0, r.orderCount - d) }),
    revenue_decline: (r, d) => ({ ...r, growth: Math.max(-1, r.growth - d / 10) }),
    purchase_overdue: (r, d) => ({ ...r, recency: r.recency + d * 10 }),
    low_p_alive: (r, d) => ({ ...r, pAlive: Math.max(0, r.pAlive - d / 20) }),
    open_critical_complaint: (r, d) => ({ ...r, openCritical: r.openCritical + d }),
    complaints_rising: (r, d) => ({ ...r, complaints: r.complaints + d }),
    csat: (r, d) => ({ ...r, csat: Math.max(1, r.csat - d / 5) }),
    nps: (r, d) => ({ ...r, nps: Math.max(0, r.nps - d / 2) }),
    silence: (r, d) => ({ ...r, silentDays: r.silentDays + d * 10 }),
    key_contact_left: (r, d) => ({ ...r, contactsLeft: r.contactsLeft + d }),
  };

  it('never lowers the risk nor clears a flag when one signal’s evidence worsens', () => {
    fc.assert(
      fc.property(
        row,
        fc.constantFrom(...Object.keys(WORSEN)),
        fc.integer({ min: 0, max: 20 }),
        (base, signal, d) => {
          const worse = WORSEN[signal]!(base, d);
          const r = churnRisk(churnInputOf([base, worse]), config);
          expect(r.risk[1]).toBeGreaterThanOrEqual(r.risk[0]!);
          expect(r.flags[1]! & r.flags[0]!).toBe(r.flags[0]);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('churnRisk over many customers', () => {
  it('gives every customer the result it gets alone (blocks of customers are independent)', () => {
    const rows: ChurnRow[] = Array.from({ length: 9000 }, (_, i) => ({
      ...HEALTHY,
      recency: (i * 37) % 400,
      orderCount: i % 13,
      csat: 1 + (i % 5),
      nps: i % 11,
      silentDays: (i * 11) % 120,
      contactsLeft: i % 3 === 0 ? 1 : 0,
    }));
    const all = churnRisk(churnInputOf(rows), config);
    for (const i of [0, 1, 4095, 4096, 4097, 8191, 8192, 8999]) {
      const alone = churnRisk(churnInputOf([rows[i]!]), config);
      expect(all.risk[i]).toBe(alone.risk[0]);
      expect(all.level[i]).toBe(alone.level[0]);
      expect(all.flags[i]).toBe(alone.flags[0]);
      for (const key of Object.keys(all.evidence) as (keyof typeof all.evidence)[])
        expect(all.evidence[key][i]).toBe(alone.evidence[key][0]);
    }
  });
});

describe('ChurnConfigSchema', () => {
  it('rejects a `full` on the wrong side of the threshold and crossed levels', () => {
    const bad = ChurnConfigSchema.safeParse({
      signals: { order_drop: { threshold: -0.3, full: -0.1 } },
      levels: { medium: 70, high: 60 },
    });
    expect(bad.error?.issues.map((i) => i.message)).toEqual([
      'churn levels: medium must not exceed high',
      "churn signal order_drop: 'full' must be at or beyond 'threshold' on the worse side (full ≤ threshold)",
    ]);
  });

  it('rejects weights outside 0–1', () => {
    expect(ChurnConfigSchema.safeParse({ signals: { silence: { weight: 1.5 } } }).success).toBe(false);
  });
});
