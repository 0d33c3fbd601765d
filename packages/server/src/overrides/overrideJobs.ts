import type { Database } from '@stratum/db';
import type { Jobs } from '../jobs/startJobs.js';
import { expireOverrides } from './expireOverrides.js';
import { todayIn } from './overrideDays.js';

export const OVERRIDE_EXPIRY_QUEUE = 'overrides.expire';
/** Daily, shortly after midnight in the org timezone: an override ending yesterday stops today. */
export const OVERRIDE_EXPIRY_CRON = '5 0 * * *';

/**
 * Registers the daily override expiry: a pg-boss schedule in the org timezone (one per queue name, shared
 * by every instance on the database) and its worker. Also queues one run now, so a server that was down
 * at midnight catches up at start (expireOverrides handles every missed day; the singleton key keeps
 * several starting instances to one queued job).
 */
export async function registerOverrideExpiry(
  jobs: Pick<Jobs, 'schedule' | 'work' | 'enqueue'>,
  database: Database,
  timezone: string,
  log: (message: string) => void = () => undefined,
): Promise<void> {
  await jobs.work(OVERRIDE_EXPIRY_QUEUE, async () => {
    const today = todayIn(timezone);
    const expired = await expireOverrides(database.db, today);
    if (expired.length > 0) log(`overrides: ${expired.length} expired (today ${today})`);
  });
  await jobs.schedule(OVERRIDE_EXPIRY_QUEUE, OVERRIDE_EXPIRY_CRON, {}, { tz: timezone });
  await jobs.enqueue(OVERRIDE_EXPIRY_QUEUE, {}, { singletonKey: 'catch-up' });
}
