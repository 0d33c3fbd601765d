import { describe, expect, it } from 'vitest';
import { INDICATOR_KEYS } from '../matrix/FeatureMatrix.js';
import { checkNormalize } from '../model/checkNormalize.js';
import { NormalizeSpecSchema } from '../normalize/NormalizeSpec.js';
import { INDICATOR_CATALOGUE, INDICATOR_LIST, isIndicatorKey } from './catalogue.js';
import { INDICATOR_GROUPS, INDICATOR_UNITS } from './IndicatorDefinition.js';

describe('indicator catalogue', () => {
  it('has exactly one entry per key of INDICATOR_KEYS, in that order', () => {
    expect(INDICATOR_LIST.map((d) => d.key)).toEqual([...INDICATOR_KEYS]);
    expect(Object.keys(INDICATOR_CATALOGUE).sort()).toEqual([...INDICATOR_KEYS].sort());
  });

  it.each(INDICATOR_LIST.map((d) => ({ key: d.key, d })))(
    '$key is complete and its defaults are valid',
    ({ key, d }) => {
      expect(d.key).toBe(key);
      expect(INDICATOR_GROUPS).toContain(d.group);
      expect(INDICATOR_UNITS).toContain(d.unit);
      expect(['higher', 'lower']).toContain(d.direction);
      expect(['zero', 'neutral', 'exclude']).toContain(d.missing);
      for (const text of [d.label.zh, d.label.en, d.description.zh, d.description.en])
        expect(text.trim()).not.toBe('');
      // Chinese texts are Chinese.
      expect(d.label.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(d.description.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(NormalizeSpecSchema.safeParse(d.normalize).success).toBe(true);
      expect(checkNormalize(key, d.normalize, ['normalize'])).toEqual([]);
      if (d.normalize.method === 'enum') expect(d.codes).toBeDefined();
    },
  );

  it.each([
    ['recency_days', 'lower'],
    ['days_since_interaction', 'lower'],
    ['complaint_count', 'lower'],
    ['complaint_severity', 'lower'],
    ['open_complaints', 'lower'],
    ['revenue', 'higher'],
    ['csat_avg', 'higher'],
  ] as const)('%s is %s-is-better', (key, direction) => {
    expect(INDICATOR_CATALOGUE[key].direction).toBe(direction);
  });

  it('groups follow the seed: financial, behaviour, relationship, potential, strategic', () => {
    expect(INDICATOR_CATALOGUE.revenue.group).toBe('financial');
    expect(INDICATOR_CATALOGUE.recency_days.group).toBe('behaviour');
    expect(INDICATOR_CATALOGUE.nps.group).toBe('relationship');
    expect(INDICATOR_CATALOGUE.clv_predicted.group).toBe('potential');
    expect(INDICATOR_CATALOGUE.market_position.group).toBe('strategic');
  });

  it('market position scores leader 100, major 60, sme 20', () => {
    expect(INDICATOR_CATALOGUE.market_position.normalize).toEqual({
      method: 'enum',
      map: { leader: 100, major: 60, sme: 20 },
    });
  });

  it('isIndicatorKey accepts catalogue keys only', () => {
    expect(isIndicatorKey('revenue')).toBe(true);
    expect(isIndicatorKey('clv_x')).toBe(false);
    expect(isIndicatorKey('toString')).toBe(false);
  });
});
