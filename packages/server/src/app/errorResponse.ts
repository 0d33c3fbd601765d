import { z } from 'zod';

/** DESIGN §7: every error response has this shape. */
export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().describe('Stable, typed code, e.g. CUSTOMER_NOT_FOUND'),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .describe('Error');

export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** Error responses every authenticated route may give, for the OpenAPI document. */
export const standardErrorResponses = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
} as const;
