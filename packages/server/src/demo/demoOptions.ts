import { z } from 'zod';
import { parseIsoDay } from '../time/index.js';
import { demoError } from './demoErrors.js';

/** Everything the generated rows depend on: same options, byte-identical rows. */
export interface DemoOptions {
  readonly customers: number;
  readonly seed: number;
  /** Last day of the history, YYYY-MM-DD (the caller passes today in the organisation's timezone). */
  readonly endDate: string;
  /** Years of order history ending at `endDate`. */
  readonly years: number;
}

export const DEMO_DEFAULTS = { customers: 5000, seed: 1, years: 3 } as const;
export const MAX_DEMO_CUSTOMERS = 20_000_000;

const optionsSchema = z.object({
  customers: z.coerce
    .number()
    .int('customers must be a whole number')
    .min(1, 'customers must be at least 1')
    .max(MAX_DEMO_CUSTOMERS, `customers must be at most ${MAX_DEMO_CUSTOMERS.toLocaleString('en-US')}`)
    .default(DEMO_DEFAULTS.customers),
  seed: z.coerce
    .number()
    .int('seed must be a whole number')
    .min(0, 'seed must be 0 or more')
    .max(4_294_967_295, 'seed must fit in 32 bits')
    .default(DEMO_DEFAULTS.seed),
  endDate: z.string().refine((text) => {
    const day = parseIsoDay(text);
    return (
      day !== undefined && day >= (parseIsoDay('2012-01-01') ?? 0) && day <= (parseIsoDay('2040-12-31') ?? 0)
    );
  }, 'end date must be a calendar date YYYY-MM-DD between 2012 and 2040'),
  years: z.coerce
    .number()
    .int('years must be a whole number')
    .min(1, 'years must be at least 1')
    .max(8, 'years must be at most 8')
    .default(DEMO_DEFAULTS.years),
});

export type DemoOptionsInput = z.input<typeof optionsSchema>;

/** Validates and fills defaults; a bad option throws DEMO_INVALID_OPTIONS naming the option. */
export function parseDemoOptions(input: DemoOptionsInput): DemoOptions {
  const parsed = optionsSchema.safeParse(input);
  if (!parsed.success) {
    const message = parsed.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw demoError('DEMO_INVALID_OPTIONS', `Invalid demo options — ${message}`, parsed.error.issues);
  }
  return parsed.data;
}
