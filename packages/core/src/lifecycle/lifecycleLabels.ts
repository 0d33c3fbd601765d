import type { Label } from '../util/Label.js';

/** Codes of the `stage` column. */
export const LIFECYCLE_STAGE = {
  prospect: 0,
  new: 1,
  growing: 2,
  mature: 3,
  declining: 4,
  dormant: 5,
  churned: 6,
} as const;
export type LifecycleStageKey = keyof typeof LIFECYCLE_STAGE;
export const LIFECYCLE_STAGE_KEYS = Object.keys(LIFECYCLE_STAGE) as LifecycleStageKey[];

/** Indexed by stage code. */
export const LIFECYCLE_STAGE_LABELS: readonly Label[] = [
  { zh: '潜在', en: 'Prospect' },
  { zh: '新客', en: 'New' },
  { zh: '成长', en: 'Growing' },
  { zh: '成熟', en: 'Mature' },
  { zh: '衰退', en: 'Declining' },
  { zh: '休眠', en: 'Dormant' },
  { zh: '流失', en: 'Churned' },
];

/** Codes of the `phase` column: the management task of the seed material (客户关系管理阶段). */
export const MANAGEMENT_PHASE = { acquire: 0, nurture: 1, maintain: 2, retain: 3 } as const;
export type ManagementPhaseKey = keyof typeof MANAGEMENT_PHASE;
export const MANAGEMENT_PHASE_KEYS = Object.keys(MANAGEMENT_PHASE) as ManagementPhaseKey[];

/** Indexed by phase code. */
export const MANAGEMENT_PHASE_LABELS: readonly Label[] = [
  { zh: '获取', en: 'Acquire' },
  { zh: '培育', en: 'Nurture' },
  { zh: '维护', en: 'Maintain' },
  { zh: '挽留', en: 'Retain' },
];

/**
 * Stage → management phase, indexed by stage code:
 *   prospect → acquire   win the first order (获取);
 *   new, growing → nurture   the first purchase is won; grow share of wallet and habit (培育);
 *   mature → maintain   defend a stable, profitable relationship at the right cost (维护);
 *   declining, dormant, churned → retain   stop the slide or win the customer back (挽留).
 */
export const STAGE_PHASE: Readonly<Uint8Array> = Uint8Array.from([
  MANAGEMENT_PHASE.acquire,
  MANAGEMENT_PHASE.nurture,
  MANAGEMENT_PHASE.nurture,
  MANAGEMENT_PHASE.maintain,
  MANAGEMENT_PHASE.retain,
  MANAGEMENT_PHASE.retain,
  MANAGEMENT_PHASE.retain,
]);
