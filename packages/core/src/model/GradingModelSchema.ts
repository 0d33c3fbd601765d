import { z } from 'zod';
import { AbcConfigSchema } from '../abc/AbcConfig.js';
import { ChurnConfigSchema } from '../churn/ChurnConfig.js';
import { ClassificationConfigSchema } from '../classification/ClassificationConfig.js';
import { clvConfigSchema } from '../clv/clvConfig.js';
import { LifecycleConfigSchema } from '../lifecycle/LifecycleConfig.js';
import { RfmConfigSchema } from '../rfm/RfmConfig.js';
import { INDICATOR_CATALOGUE } from '../indicators/catalogue.js';
import { AUX_KEYS, INDICATOR_KEYS } from '../matrix/FeatureMatrix.js';
import { DirectionSchema, MissingPolicySchema, NormalizeSpecSchema } from '../normalize/NormalizeSpec.js';
import { checkModel } from './checkModel.js';

const LabelSchema = z.strictObject({ zh: z.string(), en: z.string() });

/**
 * An indicator in a group. `normalize`, `missing` and `direction` default to the catalogue's, so the
 * parsed model always says exactly how each indicator is scored (a stored model does not change
 * meaning when a catalogue default changes later).
 */
const ModelIndicatorSchema = z
  .strictObject({
    key: z.enum(INDICATOR_KEYS),
    weight: z.number(),
    normalize: NormalizeSpecSchema.optional(),
    missing: MissingPolicySchema.optional(),
    direction: DirectionSchema.optional(),
  })
  .transform((ind) => {
    const def = INDICATOR_CATALOGUE[ind.key];
    return {
      key: ind.key,
      weight: ind.weight,
      normalize: ind.normalize ?? def.normalize,
      missing: ind.missing ?? def.missing,
      direction: ind.direction ?? def.direction,
    };
  });

const GroupSchema = z.strictObject({
  /** Free key; the five catalogue groups get their labels by default. */
  key: z.string(),
  label: LabelSchema.optional(),
  /** Relative weight: groups are normalised by the sum of their weights (40/15/20/15/10 or 0.4/…). */
  weight: z.number(),
  indicators: z.array(ModelIndicatorSchema),
});

/** Ordered best first; `minScore` strictly decreasing; the last tier (minScore 0) takes everyone else. */
const TierSchema = z.strictObject({
  key: z.string(),
  label: LabelSchema,
  minScore: z.number(),
  /** At most this share (0, 1] of the graded customers, ⌊share · n⌋, keeping the best by score. */
  maxShare: z.number().optional(),
  /** At most this many customers. With maxShare too, the smaller limit applies. */
  maxCount: z.number().optional(),
});

/** Indicators and auxiliary columns a rule may test. */
export const RULE_FEATURE_KEYS = [...INDICATOR_KEYS, ...AUX_KEYS] as const;

export const RULE_OPERATORS = ['>=', '>', '<=', '<', '=', 'between'] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];

/** `between` takes [lo, hi] and includes both ends; the other operators take one number. */
const RuleConditionSchema = z.strictObject({
  indicator: z.enum(RULE_FEATURE_KEYS),
  op: z.enum(RULE_OPERATORS),
  value: z.union([z.number(), z.tuple([z.number(), z.number()])]),
});

type RuleConditionOutput = z.output<typeof RuleConditionSchema>;
type RuleConditionInput = z.input<typeof RuleConditionSchema>;

/**
 * One condition or a list of them (all must hold); parsed into a list. A preprocess rather than a
 * union keeps the error paths simple (`when[0].indicator`); the cast only restores the input type
 * that preprocess erases to `unknown`.
 */
const RuleWhenSchema = z.preprocess(
  (w) => (w === undefined || Array.isArray(w) ? w : [w]),
  z.array(RuleConditionSchema),
) as unknown as z.ZodType<RuleConditionOutput[], RuleConditionInput | RuleConditionInput[]>;

/**
 * A business rule: when all conditions hold (a missing value never satisfies a condition), the tier
 * is at least `atLeast` (a floor) and/or at most `atMost` (a ceiling).
 */
const TierRuleSchema = z.strictObject({
  id: z.string(),
  note: z.string().optional(),
  when: RuleWhenSchema,
  atLeast: z.string().optional(),
  atMost: z.string().optional(),
});

const HysteresisSchema = z
  .strictObject({
    /** Points beyond a band edge a score must reach before the tier changes. */
    scoreMargin: z.number().default(0),
    /** Days a customer stays in a tier before a demotion takes effect. */
    minDaysInTier: z.number().default(0),
  })
  .default({ scoreMargin: 0, minDaysInTier: 0 });

const RangeSchema = z.strictObject({ min: z.number().optional(), max: z.number().optional() });

/** Which customers this model grades (plain data; the caller applies it). Absent field = all. */
const SegmentSchema = z.strictObject({
  industries: z.array(z.string()).optional(),
  regions: z.array(z.string()).optional(),
  marketPositions: z.array(z.enum(['leader', 'major', 'sme'])).optional(),
  employees: RangeSchema.optional(),
  companyRevenue: RangeSchema.optional(),
});

const ModelShape = z.strictObject({
  name: z.string(),
  description: z.string().optional(),
  /** Months covered by windowed indicators: (asOf − windowMonths, asOf]. */
  windowMonths: z.number().default(12),
  segment: SegmentSchema.optional(),
  groups: z.array(GroupSchema),
  tiers: z.array(TierSchema),
  rules: z.array(TierRuleSchema).default([]),
  hysteresis: HysteresisSchema,
  // The classical models run beside the scorecard; each section is optional and defaults to the
  // module's own defaults (prefault: the default is parsed, so nested defaults apply).
  abc: AbcConfigSchema.prefault({}),
  rfm: RfmConfigSchema.prefault({}),
  clv: clvConfigSchema.prefault({}),
  lifecycle: LifecycleConfigSchema.prefault({}),
  churn: ChurnConfigSchema.prefault({}),
  classification: ClassificationConfigSchema.prefault({}),
});

/** A parsed, valid grading model (defaults filled in). */
export type GradingModel = z.output<typeof ModelShape>;
/** What a user or the API may send (defaults optional, `when` may be a single condition). */
export type GradingModelInput = z.input<typeof ModelShape>;
export type ModelGroup = GradingModel['groups'][number];
export type ModelIndicator = ModelGroup['indicators'][number];
export type ModelTier = GradingModel['tiers'][number];
export type TierRule = GradingModel['rules'][number];
export type RuleCondition = TierRule['when'][number];
export type Hysteresis = GradingModel['hysteresis'];
export type ModelSegment = NonNullable<GradingModel['segment']>;

/**
 * The complete validation: shape first (zod), then meaning (`checkModel`: weights, order, quotas,
 * rule references and conflicts …). Semantic issues carry their bilingual message in
 * `params.modelIssue`; `validateModel` turns every issue into a ModelIssue.
 */
export const GradingModelSchema = ModelShape.superRefine((model, ctx) => {
  for (const modelIssue of checkModel(model)) {
    ctx.addIssue({
      code: 'custom',
      path: [...modelIssue.path],
      message: modelIssue.message.en,
      params: { modelIssue },
    });
  }
});
