import { gradingModels, inTransaction, type Database, type Db } from '@stratum/db';
import { asc, eq } from 'drizzle-orm';
import type { Jobs } from '../jobs/startJobs.js';
import { cronProblem } from './cronSchedule.js';
import { registeredSchedules, scheduleQueue, type ScheduleTickJob } from './scheduleStore.js';

/** A published model family and its schedule (null: no scheduled runs). */
export interface FamilySchedule {
  modelKey: string;
  modelId: number;
  version: number;
  name: string;
  cron: string | null;
  /** Why the stored cron is not used (it does not parse); null when fine. */
  problem: string | null;
}

export interface SyncResult {
  /** Families whose pg-boss schedule was created or changed. */
  scheduled: string[];
  unchanged: string[];
  /** Families whose schedule was removed (no longer published, schedule cleared, or invalid). */
  removed: string[];
  invalid: { modelKey: string; problem: string }[];
}

/** The published version of each model family, with the schedule it asks for. */
export async function familySchedules(db: Db): Promise<FamilySchedule[]> {
  const rows = await db
    .select({
      modelKey: gradingModels.key,
      modelId: gradingModels.id,
      version: gradingModels.version,
      name: gradingModels.name,
      cron: gradingModels.schedule,
    })
    .from(gradingModels)
    .where(eq(gradingModels.status, 'published'))
    .orderBy(asc(gradingModels.priority), asc(gradingModels.key));
  return rows.map((row) => {
    const cron = row.cron === null || row.cron.trim() === '' ? null : row.cron.trim();
    return { ...row, cron, problem: cron === null ? null : (cronProblem(cron)?.en ?? null) };
  });
}

// Serialises syncs of all instances, so one that read an older state cannot undo a newer one.
const SYNC_LOCK = [727_004, 1];

/**
 * Makes the pg-boss schedules match the published models: one schedule per published family with a valid
 * cron (queue `grading.schedule.<key>`, cron read in `timezone`), none for the others. Idempotent and
 * cheap when nothing changed: call it on start, after a model is published or archived or its schedule
 * edited, and periodically (the scheduler does). An invalid stored cron is reported and unscheduled, never
 * thrown: one bad model must not stop the other families' schedules.
 */
export async function syncSchedules(
  jobs: Pick<Jobs, 'schedule' | 'unschedule'>,
  database: Database,
  timezone: string,
  log: (message: string) => void = () => undefined,
): Promise<SyncResult> {
  const client = await database.pool.connect();
  try {
    // A transaction only to hold the lock (released at COMMIT, or when a broken connection is discarded).
    return await inTransaction(client, async () => {
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', SYNC_LOCK);
      const families = await familySchedules(database.db);
      const registered = new Map((await registeredSchedules(client)).map((s) => [s.modelKey, s]));
      const result: SyncResult = { scheduled: [], unchanged: [], removed: [], invalid: [] };
      const wanted = new Set<string>();
      for (const family of families) {
        if (family.problem !== null) {
          result.invalid.push({ modelKey: family.modelKey, problem: family.problem });
          log(`schedule of model ${family.modelKey} v${family.version} is not used: ${family.problem}`);
          continue;
        }
        if (family.cron === null) continue;
        wanted.add(family.modelKey);
        const current = registered.get(family.modelKey);
        if (current && current.cron === family.cron && current.timezone === timezone) {
          result.unchanged.push(family.modelKey);
          continue;
        }
        await jobs.schedule(
          scheduleQueue(family.modelKey),
          family.cron,
          { modelKey: family.modelKey } satisfies ScheduleTickJob,
          {
            tz: timezone,
          },
        );
        result.scheduled.push(family.modelKey);
        log(`scheduled grading of model ${family.modelKey}: "${family.cron}" (${timezone})`);
      }
      for (const modelKey of registered.keys()) {
        if (wanted.has(modelKey)) continue;
        await jobs.unschedule(scheduleQueue(modelKey));
        result.removed.push(modelKey);
        log(`removed the grading schedule of model ${modelKey}`);
      }
      return result;
    });
  } finally {
    client.release();
  }
}
