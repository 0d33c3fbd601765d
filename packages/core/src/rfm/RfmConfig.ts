import { z } from 'zod';
import { DEFAULT_RFM_GRID, rfmGridProblems } from './rfmSegments.js';

const Score = z.int().min(1).max(5);
const ScoreRange = z
  .tuple([Score, Score])
  .refine(([lo, hi]) => lo <= hi, 'range must be [low, high] with low ≤ high');
const LabelSchema = z.object({ zh: z.string().min(1), en: z.string().min(1) });

export const RfmGridEntrySchema = z.object({
  segment: z.string().regex(/^[a-z][a-z0-9_]*$/, 'segment key: lower-case letters, digits and _'),
  rRange: ScoreRange,
  fRange: ScoreRange,
  label: LabelSchema.optional(),
});

/** RFM settings: which columns feed F and M, and the R–F segment grid. */
export const RfmConfigSchema = z
  .object({
    /** F: distinct purchase days in the window (robust to split orders) or the order count. */
    frequencyBasis: z.enum(['purchase_days', 'order_count']).default('purchase_days'),
    /** M: window revenue or window gross margin. */
    monetaryBasis: z.enum(['revenue', 'gross_margin']).default('revenue'),
    /** Must cover each of the 25 R–F cells exactly once. */
    grid: z.array(RfmGridEntrySchema).prefault(() =>
      DEFAULT_RFM_GRID.map((e) => ({
        segment: e.segment,
        rRange: [e.rRange[0], e.rRange[1]] as [number, number],
        fRange: [e.fRange[0], e.fRange[1]] as [number, number],
      })),
    ),
  })
  .superRefine((config, ctx) => {
    for (const problem of rfmGridProblems(config.grid)) {
      ctx.addIssue({ code: 'custom', message: `RFM grid: ${problem}`, path: ['grid'] });
    }
  });

export type RfmConfig = z.infer<typeof RfmConfigSchema>;
