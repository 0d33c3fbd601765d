import type { Label } from '../util/Label.js';

/** Codes of the `abcClass` column. */
export const ABC_CLASS = { A: 0, B: 1, C: 2 } as const;
export const ABC_CLASS_KEYS = ['A', 'B', 'C'] as const;
export type AbcClassKey = (typeof ABC_CLASS_KEYS)[number];

/** Indexed by code. */
export const ABC_CLASS_LABELS: readonly Label[] = [
  { zh: 'A 类（核心贡献）', en: 'A (top contributors)' },
  { zh: 'B 类（次要贡献）', en: 'B (secondary contributors)' },
  { zh: 'C 类（一般贡献）', en: 'C (minor contributors)' },
];
