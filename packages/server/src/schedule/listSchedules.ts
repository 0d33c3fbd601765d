import type { Database } from '@stratum/db';
import { nextFireTimes, scheduledAsOf } from './cronSchedule.js';
import { lastTicks, registeredSchedules, type TickRecord } from './scheduleStore.js';
import { familySchedules } from './syncSchedules.js';

export interface ScheduleView {
  modelKey: string;
  modelId: number;
  version: number;
  name: string;
  /** null: the family has no scheduled runs. */
  cron: string | null;
  timezone: string;
  /** The stored cron does not parse (then nothing is scheduled). */
  problem: string | null;
  /** pg-boss holds this family's schedule with this cron and timezone (false until the next sync). */
  registered: boolean;
  /** The next fire times and the as-of date each would grade. */
  next: { at: string; asOf: string }[];
  lastTick: TickRecord | null;
}

/** Every published model family's schedule, as the organisation's timezone reads it. */
export async function listSchedules(
  database: Database,
  timezone: string,
  now: Date,
  count = 3,
): Promise<ScheduleView[]> {
  const families = await familySchedules(database.db);
  const registered = new Map((await registeredSchedules(database.pool)).map((s) => [s.modelKey, s]));
  const ticks = await lastTicks(
    database.pool,
    families.map((f) => f.modelKey),
  );
  return families.map((family) => {
    const usable = family.cron !== null && family.problem === null ? family.cron : null;
    const current = registered.get(family.modelKey);
    return {
      modelKey: family.modelKey,
      modelId: family.modelId,
      version: family.version,
      name: family.name,
      cron: family.cron,
      timezone,
      problem: family.problem,
      registered: usable !== null && current?.cron === usable && current.timezone === timezone,
      next:
        usable === null
          ? []
          : nextFireTimes(usable, timezone, now, count).map((at) => ({
              at: at.toISOString(),
              asOf: scheduledAsOf(at, timezone),
            })),
      lastTick: ticks.get(family.modelKey) ?? null,
    };
  });
}
