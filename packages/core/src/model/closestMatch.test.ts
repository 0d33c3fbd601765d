import { describe, expect, it } from 'vitest';
import { INDICATOR_KEYS } from '../matrix/FeatureMatrix.js';
import { closestMatch, editDistance } from './closestMatch.js';

describe('closestMatch', () => {
  it.each([
    ['revnue', 'revenue'],
    ['Revenue', 'revenue'],
    ['reveune', 'revenue'],
    ['ordercount', 'order_count'],
    ['csat', undefined],
    ['nsp', 'nps'],
    ['something_else', undefined],
  ])('%s → %s', (input, expected) => {
    expect(closestMatch(input, INDICATOR_KEYS)).toBe(expected);
  });

  it.each([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['abc', 'acb', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ])('editDistance(%s, %s) = %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});
