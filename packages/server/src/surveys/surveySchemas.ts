import { z } from 'zod';
import { SURVEY_KINDS } from '@stratum/db';
import { externalIdSchema, instantSchema, optionalText } from '../app/schemas.js';
import { childRecordFields, refIdSchema } from '../customers/childSchemas.js';

/** CSAT is scored 1–5, NPS 0–10 (DESIGN §9). */
export const SCORE_RANGES = { csat: [1, 5], nps: [0, 10] } as const satisfies Record<
  (typeof SURVEY_KINDS)[number],
  readonly [number, number]
>;

export const surveySchema = z
  .object({
    ...childRecordFields,
    kind: z.enum(SURVEY_KINDS),
    score: z.number().int(),
    answeredAt: z.string(),
    contactId: z.number().int().nullable(),
    comment: z.string().nullable(),
  })
  .describe('Survey');

const fields = {
  externalId: externalIdSchema,
  kind: z.enum(SURVEY_KINDS),
  score: z.number().int().min(0).max(10).describe('csat: 1–5, nps: 0–10'),
  answeredAt: instantSchema,
  contactId: refIdSchema.nullable().optional(),
  comment: optionalText(5000),
};

export const createSurveyBody = z.object({ ...fields, externalId: externalIdSchema.optional() }).strict();
export const updateSurveyBody = z.object(fields).partial().strict();
