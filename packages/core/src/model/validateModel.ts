import { fromZodIssue } from './fromZodIssue.js';
import type { GradingModel } from './GradingModelSchema.js';
import { GradingModelSchema } from './GradingModelSchema.js';
import type { ModelIssue } from './ModelIssue.js';

export type ModelValidation =
  | { readonly ok: true; readonly model: GradingModel }
  | { readonly ok: false; readonly issues: readonly ModelIssue[] };

/**
 * Parses a grading model (JSON from the editor, the API or a file) into a GradingModel with every
 * default filled in, or lists what is wrong, each issue with its path and a zh/en sentence.
 * Shape errors come first; the meaning (weights, tiers, rules …) is checked once the shape is right.
 */
export function validateModel(input: unknown): ModelValidation {
  const parsed = GradingModelSchema.safeParse(input, { reportInput: true });
  if (parsed.success) return { ok: true, model: parsed.data };
  return { ok: false, issues: parsed.error.issues.flatMap(fromZodIssue) };
}
