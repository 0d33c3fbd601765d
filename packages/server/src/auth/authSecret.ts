import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { settings, type Db } from '@stratum/db';
import type { Config } from '../config/config.js';

const SECRET_KEY = 'auth.secret';

/**
 * The secret that signs session cookies: config.authSecret when given, else one generated on first start
 * and kept in `settings`, so restarts and several instances on one database share it. Two instances
 * starting at once both try to insert; ON CONFLICT makes them read the one that won.
 */
export async function resolveAuthSecret(config: Config, db: Db): Promise<string> {
  if (config.authSecret) return config.authSecret;
  const generated = crypto.randomBytes(32).toString('base64url');
  await db.insert(settings).values({ key: SECRET_KEY, value: generated }).onConflictDoNothing();
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, SECRET_KEY));
  if (typeof row?.value !== 'string' || row.value.length < 32) {
    throw new Error(`settings.${SECRET_KEY} is missing or too short; delete it to generate a new one`);
  }
  return row.value;
}
