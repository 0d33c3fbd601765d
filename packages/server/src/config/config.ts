import path from 'node:path';
import { z } from 'zod';

/**
 * The whole configuration, validated once at start-up. Only this module reads process.env; everything
 * else receives a Config. Secrets are listed in SECRET_KEYS so logs and `stratum config` can mask them.
 */
export const configSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().default('127.0.0.1'),
  /** PostgreSQL server; when absent the embedded server under dataDir is used. */
  databaseUrl: z.string().url().optional(),
  dataDir: z.string().default('data'),
  /** Days belong to the organisation's timezone (DESIGN §9): purchase days, as-of dates, zone-less timestamps. */
  orgTimezone: z
    .string()
    .default('UTC')
    .refine(isValidTimeZone, { message: 'not an IANA timezone such as Asia/Shanghai or UTC' }),
  /** Signs session cookies; generated and kept in the data directory when not given. */
  authSecret: z.string().min(32).optional(),
  /** Public URL of the app (cookies, links in notifications). */
  baseUrl: z.string().url().optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest accepted upload, in megabytes. */
  maxUploadMb: z.coerce.number().positive().default(2048),
  defaultLocale: z.enum(['zh-CN', 'en']).default('zh-CN'),
});

export type Config = z.infer<typeof configSchema>;
export const SECRET_KEYS: ReadonlyArray<keyof Config> = ['databaseUrl', 'authSecret'];

const ENV: Record<string, keyof Config> = {
  PORT: 'port',
  HOST: 'host',
  DATABASE_URL: 'databaseUrl',
  STRATUM_DATA_DIR: 'dataDir',
  STRATUM_TIMEZONE: 'orgTimezone',
  STRATUM_AUTH_SECRET: 'authSecret',
  STRATUM_BASE_URL: 'baseUrl',
  STRATUM_LOG_LEVEL: 'logLevel',
  STRATUM_MAX_UPLOAD_MB: 'maxUploadMb',
  STRATUM_LOCALE: 'defaultLocale',
};

/** Builds the config from the environment, then command-line overrides (which win). Throws a readable error. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Record<keyof Config, unknown>> = {},
): Config {
  const raw: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(ENV)) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) raw[key] = value;
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = issue.path.join('.');
      const envName = Object.entries(ENV).find(([, k]) => k === key)?.[0];
      return `  ${key}${envName ? ` (${envName})` : ''}: ${issue.message}`;
    });
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.dataDir) };
}

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The config with secrets masked, for logs. */
export function redactConfig(config: Config): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...config };
  for (const key of SECRET_KEYS) if (copy[key] !== undefined) copy[key] = '***';
  return copy;
}
