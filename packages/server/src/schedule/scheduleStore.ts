import type pg from 'pg';
import { JOBS_SCHEMA } from '../jobs/startJobs.js';

/*
 * What the scheduler reads and records besides the models: the pg-boss schedules it registered (table
 * `pgboss.schedule`, one row per queue) and the outcome of the last tick of each model family (a row of
 * `settings` per family, key `schedule.tick.<model key>`, so every instance and the API see it).
 */

/** Queue (and pg-boss schedule) name of a model family's ticks. */
export const SCHEDULE_QUEUE_PREFIX = 'grading.schedule.';
export const scheduleQueue = (modelKey: string): string => `${SCHEDULE_QUEUE_PREFIX}${modelKey}`;

export interface ScheduleTickJob {
  modelKey: string;
}

export interface RegisteredSchedule {
  name: string;
  modelKey: string;
  cron: string;
  timezone: string;
}

/** The grading schedules pg-boss holds (none before the queue has ever started on this database). */
export async function registeredSchedules(pool: pg.Pool | pg.PoolClient): Promise<RegisteredSchedule[]> {
  try {
    const { rows } = await pool.query<{ name: string; cron: string; timezone: string | null }>(
      `SELECT name, cron, timezone FROM ${JOBS_SCHEMA}.schedule WHERE starts_with(name, $1) ORDER BY name`,
      [SCHEDULE_QUEUE_PREFIX],
    );
    return rows.map((row) => ({
      name: row.name,
      modelKey: row.name.slice(SCHEDULE_QUEUE_PREFIX.length),
      cron: row.cron,
      timezone: row.timezone ?? 'UTC',
    }));
  } catch (error) {
    // 3F000 schema / 42P01 table missing: the job queue never ran here, so nothing is scheduled.
    const code = (error as { code?: string }).code;
    if (code === '3F000' || code === '42P01') return [];
    throw error;
  }
}

export type TickOutcome = 'started' | 'skipped' | 'failed' | 'handling';

/** The last tick of a model family, as shown by GET /grading/schedules. */
export interface TickRecord {
  modelKey: string;
  /** The cron fire time the tick stands for (ISO). */
  fireTime: string;
  /** When it was handled (ISO). */
  handledAt: string;
  asOf: string;
  /** 'handling' while being handled; a tick whose process died stays so (and is not repeated). */
  outcome: TickOutcome;
  modelId: number;
  /** The run started, or the active run that made the tick skip. */
  runId: number | null;
  reason: string | null;
}

const tickKey = (modelKey: string) => `schedule.tick.${modelKey}`;

/**
 * Claims a tick: records it as being handled unless a tick of the same fire time already was (by this or
 * another instance, or a job pg-boss delivered twice). True when this caller should handle it.
 */
export async function claimTick(pool: pg.Pool, record: TickRecord): Promise<boolean> {
  const { rowCount } = await pool.query(
    `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, now())
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()
     WHERE settings.value->>'fireTime' IS DISTINCT FROM excluded.value->>'fireTime'`,
    [tickKey(record.modelKey), JSON.stringify(record)],
  );
  return (rowCount ?? 0) > 0;
}

export async function recordTick(pool: pg.Pool, record: TickRecord): Promise<void> {
  await pool.query(`UPDATE settings SET value = $2, updated_at = now() WHERE key = $1`, [
    tickKey(record.modelKey),
    JSON.stringify(record),
  ]);
}

export async function lastTicks(
  pool: pg.Pool,
  modelKeys: readonly string[],
): Promise<Map<string, TickRecord>> {
  const { rows } = await pool.query<{ value: TickRecord }>(
    `SELECT value FROM settings WHERE key = ANY($1::text[])`,
    [modelKeys.map(tickKey)],
  );
  return new Map(rows.map((row) => [row.value.modelKey, row.value]));
}
