import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CDNOW_CALIBRATION_END, loadCdnowSummary, loadCdnowTransactions } from './fixtures/cdnow.js';
import { summarisePurchases, type Transactions } from './summarisePurchases.js';

const tx = (rows: readonly (readonly [number, number, number])[]): Transactions => ({
  customer: Float64Array.from(rows, (r) => r[0]),
  day: Float64Array.from(rows, (r) => r[1]),
  amount: Float64Array.from(rows, (r) => r[2]),
});

/** Customer 0's summary as [x, t_x, T, m̄]. */
function one(rows: readonly (readonly [number, number, number])[], asOf = 100): number[] {
  const s = summarisePurchases(tx(rows), 1, asOf);
  return [s.x[0] ?? -1, s.tx[0] ?? -1, s.T[0] ?? -1, s.mbar[0] ?? -1];
}

describe('summarisePurchases rules (DESIGN §9)', () => {
  it.each([
    ['one purchase', [[0, 10, 5]], [0, 0, 90, Number.NaN]],
    [
      'two purchase days',
      [
        [0, 10, 5],
        [0, 30, 7],
      ],
      [1, 20, 90, 7],
    ],
    [
      'same-day spend is added up and is one purchase',
      [
        [0, 10, 5],
        [0, 30, 7],
        [0, 30, 3],
      ],
      [1, 20, 90, 10],
    ],
    [
      'm̄ leaves out the first purchase day',
      [
        [0, 10, 500],
        [0, 20, 10],
        [0, 40, 20],
      ],
      [2, 30, 90, 15],
    ],
    [
      'a return on another day is no purchase',
      [
        [0, 10, 5],
        [0, 30, -5],
      ],
      [0, 0, 90, Number.NaN],
    ],
    [
      'a zero amount is no purchase',
      [
        [0, 10, 5],
        [0, 30, 0],
      ],
      [0, 0, 90, Number.NaN],
    ],
    [
      'a same-day return reduces that day',
      [
        [0, 10, 5],
        [0, 30, 9],
        [0, 30, -4],
      ],
      [1, 20, 90, 5],
    ],
    [
      'a day netting to ≤ 0 is no purchase',
      [
        [0, 10, 5],
        [0, 30, 9],
        [0, 30, -9],
      ],
      [0, 0, 90, Number.NaN],
    ],
    [
      'the as-of day counts',
      [
        [0, 10, 5],
        [0, 100, 7],
      ],
      [1, 90, 90, 7],
    ],
    [
      'days after the as-of day do not',
      [
        [0, 10, 5],
        [0, 101, 7],
      ],
      [0, 0, 90, Number.NaN],
    ],
    [
      'rows in any order',
      [
        [0, 40, 20],
        [0, 10, 500],
        [0, 20, 10],
      ],
      [2, 30, 90, 15],
    ],
    [
      'fractional days are floored',
      [
        [0, 10.9, 5],
        [0, 30.2, 7],
      ],
      [1, 20, 90, 7],
    ],
    ['first purchase on the as-of day', [[0, 100, 5]], [0, 0, 0, Number.NaN]],
  ] as const)('%s', (_, rows, expected) => {
    expect(one(rows)).toEqual(expected);
  });

  it.each([
    ['no rows', []],
    ['only returns', [[0, 10, -5]]],
    ['only after the as-of day', [[0, 200, 5]]],
    ['NaN amounts', [[0, 10, Number.NaN]]],
  ] as const)('a customer with %s has no purchase history (all NaN)', (_, rows) => {
    expect(one(rows)).toEqual([Number.NaN, Number.NaN, Number.NaN, Number.NaN]);
  });

  it('ignores rows whose customer index is out of range or not an integer', () => {
    const s = summarisePurchases(
      tx([
        [0, 1, 5],
        [2, 1, 5],
        [-1, 1, 5],
        [0.5, 1, 5],
      ]),
      2,
      10,
    );
    expect(Array.from(s.x)).toEqual([0, Number.NaN]);
  });

  it('counts zero-amount days only when asked (zeroAmountIsPurchase)', () => {
    const rows = tx([
      [0, 10, 0],
      [0, 30, 7],
    ]);
    expect(summarisePurchases(rows, 1, 100).x[0]).toBe(0);
    expect(summarisePurchases(rows, 1, 100, { zeroAmountIsPurchase: true }).x[0]).toBe(1);
  });

  it('satisfies 0 ≤ t_x ≤ T, integer x ≥ 0, m̄ > 0 when x > 0, whatever the row order', () => {
    const row = fc.tuple(
      fc.integer({ min: 0, max: 4 }),
      fc.integer({ min: 0, max: 60 }),
      fc.integer({ min: -20, max: 50 }),
    );
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
        const s = summarisePurchases(tx(rows), 5, 50);
        const shuffled = summarisePurchases(tx([...rows].reverse()), 5, 50);
        for (let c = 0; c < 5; c++) {
          const [x, t, T, m] = [s.x[c] ?? 0, s.tx[c] ?? 0, s.T[c] ?? 0, s.mbar[c] ?? 0];
          if (Number.isNaN(x)) continue;
          if (!(Number.isInteger(x) && x >= 0 && t >= 0 && t <= T && T <= 50)) return false;
          if (x > 0 ? !(m > 0) : !Number.isNaN(m)) return false;
        }
        const same = (u: Float64Array, v: Float64Array): boolean => u.every((a, k) => Object.is(a, v[k]));
        return (
          same(s.x, shuffled.x) &&
          same(s.tx, shuffled.tx) &&
          same(s.T, shuffled.T) &&
          same(s.mbar, shuffled.mbar)
        );
      }),
    );
  });
});

describe('summarisePurchases on CDNOW (calibration to 1997-09-30, weeks)', () => {
  const transactions = loadCdnowTransactions();
  const published = loadCdnowSummary();
  /** Customers (1-based ids) whose rows differ from the published summary by more than rounding. */
  const mismatches = (zeroAmountIsPurchase: boolean): number[] => {
    const s = summarisePurchases(transactions, transactions.customerCount, CDNOW_CALIBRATION_END, {
      zeroAmountIsPurchase,
    });
    const out: number[] = [];
    for (let i = 0; i < transactions.customerCount; i++) {
      const x = s.x[i] ?? Number.NaN;
      const zbar = x > 0 ? (s.mbar[i] ?? Number.NaN) : 0;
      const errors = [
        x - (published.x[i] ?? 0),
        (s.tx[i] ?? 0) / 7 - (published.tx[i] ?? 0),
        (s.T[i] ?? 0) / 7 - (published.T[i] ?? 0),
        zbar - (published.zbar[i] ?? 0),
      ];
      if (!errors.every((e) => Math.abs(e) <= 0.005 + 1e-9)) out.push(i + 1);
    }
    return out;
  };

  it('reproduces x, t_x, T and zbar of all 2,357 customers when $0 orders count', () => {
    expect(mismatches(true)).toEqual([]);
  });

  it('under DESIGN §9 differs only for the 8 customers whose only order is $0 (no purchase history)', () => {
    expect(mismatches(false)).toEqual([87, 155, 227, 286, 1080, 1195, 1293, 2086]);
    const s = summarisePurchases(transactions, transactions.customerCount, CDNOW_CALIBRATION_END);
    expect(s.x[86]).toBeNaN();
    expect(published.x[86]).toBe(0);
  });

  it('finds the 946 repeat customers', () => {
    const s = summarisePurchases(transactions, transactions.customerCount, CDNOW_CALIBRATION_END);
    expect(s.x.filter((x) => x > 0).length).toBe(946);
  });
});
