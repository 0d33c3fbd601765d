import { describe, expect, it } from 'vitest';
import type { FeatureMatrix } from '../matrix/FeatureMatrix.js';
import { ChurnConfigSchema } from './ChurnConfig.js';
import { churnFromMatrix } from './churnFromMatrix.js';
import { describeChurnReasons } from './describeChurnReasons.js';

const config = ChurnConfigSchema.parse({});

describe('churnFromMatrix', () => {
  it('raises nothing from columns that were not extracted', () => {
    const matrix: FeatureMatrix = {
      ids: Float64Array.from([1, 2]),
      asOfDay: 20000,
      columns: { recency_days: Float64Array.from([5, 10]) },
    };
    const r = churnFromMatrix(matrix, config);
    expect(Array.from(r.flags)).toEqual([0, 0]);
    expect(Array.from(r.risk)).toEqual([0, 0]);
  });

  it('reads the matrix columns and the population inter-purchase time', () => {
    // Customer 3 bought once, 100 days ago; the others buy every 20–40 days (median 30) → 3.3× overdue.
    const matrix: FeatureMatrix = {
      ids: Float64Array.from([1, 2, 3]),
      asOfDay: 20000,
      columns: {
        recency_days: Float64Array.from([5, 5, 100]),
        clv_x: Float64Array.from([5, 5, 0]),
        clv_tx: Float64Array.from([100, 200, 0]),
        clv_T: Float64Array.from([300, 300, 100]),
        order_count: Float64Array.from([2, 10, 1]),
        order_count_prev: Float64Array.from([10, 10, 0]),
        open_critical_complaints: Float64Array.from([2, 0, 0]),
        days_since_interaction: Float64Array.from([97, 10, 10]),
      },
    };
    const r = churnFromMatrix(matrix, config);
    expect(describeChurnReasons(r.flags, r.evidence, 0, 'en')).toBe(
      'orders down 80 % vs last year; 2 open critical complaints; no visit in 97 days',
    );
    expect(describeChurnReasons(r.flags, r.evidence, 1, 'en')).toBe('');
    expect(describeChurnReasons(r.flags, r.evidence, 2, 'zh')).toBe('100 天未采购');
  });
});
